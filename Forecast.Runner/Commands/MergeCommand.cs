using System.CommandLine;
using System.Diagnostics;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Runner.Sharding;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast merge &lt;partials...&gt; --out DIR</c>: combines the partials of a sharded run (<c>run --shard i/n --partial</c>)
/// into the output folder a single process writes for the same scenario, seed and paths, byte for byte; partials of a
/// sharded sweep or sensitivity analysis (kind <c>sweep</c>, <c>sensitivity</c>) go to <see cref="WhatIfShard.Merge"/>. Every partial is
/// checked first (checksum, format, engine, scenario, seed, paths, sampling, one file per shard, none missing); on any
/// problem nothing is written.
/// </summary>
internal sealed class MergeCommand(Terminal terminal, IEnumerable<WhatIf.IWhatIfPlotWriter> plots) : ICommandBuilder
{
    private readonly Argument<string[]> _partials = new("partials")
    {
        Description = HelpStrings.MergePartials,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _out = new("--out") { Description = HelpStrings.Out };
    private readonly Option<bool> _force = new("--force") { Description = HelpStrings.Force };
    private readonly PlotOptions _plots = new();

    public Command Build()
    {
        var command = new Command("merge", HelpStrings.Merge);
        command.Arguments.Add(_partials);
        command.Options.Add(_out);
        command.Options.Add(_force);
        _plots.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        string? temp = null;
        try
        {
            var clock = Stopwatch.StartNew();
            var partials = Read(Files(parse.GetValue(_partials)!));
            var first = partials[0].Header;
            temp = Path.Combine(Path.GetTempPath(), $"forecast-merge-{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            string scenarioPath = Path.Combine(temp, first.ScenarioFile);
            File.WriteAllBytes(scenarioPath, first.ScenarioBytes);
            var (scenario, repair) = ScenarioReader.Read(scenarioPath, new ScenarioReadOptions(first.RepairCorrelations));
            if (first.Kind != "run")
                return WhatIfShard.Merge(terminal, plots, partials.Select(p => new WhatIfShard.Part(p.Path, p.Header, () => PartialFile.State(p.Bytes, p.StateStart))).ToList(),
                    scenario, repair, new WhatIfShard.MergeOutput(parse.GetValue(_out), parse.GetValue(_force), parse.GetValue(_plots.NoPlots), parse.GetValue(_plots.Dpi),
                    parse.GetValue(_plots.Report)), clock, cancellationToken);
            var options = new SimulationOptions(first.Paths, first.Seed, Sampling: Enum.Parse<SamplingMethod>(first.Sampling));
            ForecastRun merged;
            try
            {
                merged = ShardedRun.Merge(scenario, options, partials.Select(p => PartialFile.State(p.Bytes, p.StateStart)));
            }
            catch (InvalidDataException e)
            {
                throw new InputException(new InputError(string.Join(", ", partials.Select(p => p.Path)), 0, 0, "", $"the partials' states do not fit together ({e.Message}): rerun the shards with one forecast"));
            }
            cancellationToken.ThrowIfCancellationRequested();

            string outPath = parse.GetValue(_out) ?? Path.Combine("out", scenario.Name);
            using var folder = OutputFolder.Open(outPath, scenario.Name, parse.GetValue(_force), cancellationToken);
            RunCommand.WriteFiles(folder, merged.Result, repair);
            using (var stream = File.Create(folder.StagedFile(DistributionJson.FileName))) DistributionJson.Write(stream, merged.Distribution);
            RunDocuments.Stage(folder, parse, _plots, scenarioPath, scenario, merged.Result, Output.Language.Code, terminal.Out, merged.Distribution);
            var written = folder.Commit();

            var console = terminal.Out;
            CorrelationRepairReport.Print(console, repair);
            console.Write(ConsoleReport.Table(merged.Result, Output.Language.IsChinese));
            ConsoleReport.Notes(console, merged.Result, clock.Elapsed);
            console.MarkupLine("[grey]" + Markup.Escape(Output.Words.F(partials.Count == 1 ? Resources.AnalysisStrings.MergeDoneOne : Resources.AnalysisStrings.MergeDone, partials.Count, first.Paths, first.Seed, written.Count, folder.Path)) + "[/]");
            return ExitCodes.Success;
        }
        catch (PartialException e)
        {
            return ErrorReporter.Report(terminal, [new InputError(e.Path, 0, 0, "", e.Message[(e.Path.Length + 2)..])]);
        }
        catch (Exception e) when (ErrorReporter.Handles(e))
        {
            return ErrorReporter.Report(terminal, e, problems => problems.Select(p => new InputError("the partials' scenario", 0, 0, p.Path, p.Message)).ToList());
        }
        finally
        {
            if (temp is not null && Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The files named: each file, and every partial in each folder (sorted by name).</summary>
    private static List<string> Files(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (string argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var inside = Directory.GetFiles(argument, "*" + PartialFile.Extension).Order(StringComparer.Ordinal).ToList();
                if (inside.Count == 0) throw new InputException(new InputError(argument, 0, 0, "", $"the folder holds no partial (*{PartialFile.Extension})"));
                files.AddRange(inside);
            }
            else if (File.Exists(argument)) files.Add(argument);
            else throw new InputException(new InputError(argument, 0, 0, "", "no such file or folder"));
        }
        return files;
    }

    private sealed record Partial(string Path, PartialHeader Header, byte[] Bytes, int StateStart);

    /// <summary>Reads and checks every partial: they must be the shards 0 to n − 1 of one run, each once; returned in shard order.</summary>
    private static List<Partial> Read(List<string> files)
    {
        var partials = new List<Partial>();
        foreach (string file in files)
        {
            var (header, bytes, start) = PartialFile.Read(file);
            partials.Add(new Partial(file, header, bytes, start));
        }
        var errors = new List<InputError>();
        var first = partials[0];
        foreach (var p in partials.Skip(1))
        {
            void Differs(string what, object mine, object theirs) =>
                errors.Add(new InputError(p.Path, 0, 0, "", $"is a partial of another run: {what} {mine}, where {first.Path} has {theirs}; merge the partials of one run only"));
            var (h, f) = (p.Header, first.Header);
            if (h.Kind != f.Kind) Differs("the analysis", h.Kind, f.Kind);
            else if (h.EngineVersion != f.EngineVersion) Differs("engine", h.EngineVersion, f.EngineVersion);
            else if (h.ScenarioHash != f.ScenarioHash) Differs("scenario", $"{h.ScenarioName} (SHA-256 {h.ScenarioHash[..12]}...)", $"{f.ScenarioName} (SHA-256 {f.ScenarioHash[..12]}...)");
            else if (h.Seed != f.Seed) Differs("seed", h.Seed, f.Seed);
            else if (h.Paths != f.Paths) Differs("paths", h.Paths.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), f.Paths.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            else if (h.Sampling != f.Sampling) Differs("sampling", h.Sampling, f.Sampling);
            else if (h.Settings != f.Settings) Differs(h.Kind == WhatIfShard.SweepKind ? "lever grid" : "settings", h.Settings, f.Settings);
            else if (h.Shards != f.Shards) Differs("shard count", $"{h.Shard}/{h.Shards}", $"{f.Shard}/{f.Shards}");
        }
        if (first.Header.EngineVersion != PartialFile.EngineVersion)
            errors.Add(new InputError(first.Path, 0, 0, "", $"was written by engine {first.Header.EngineVersion}, and this forecast is {PartialFile.EngineVersion}: merge with the forecast that ran the shards"));
        if (first.Header.Kind is not ("run" or WhatIfShard.SweepKind or WhatIfShard.SensitivityKind))
            errors.Add(new InputError(first.Path, 0, 0, "", Words.F(Resources.Strings.PartialUnknownKind, first.Header.Kind)));
        if (errors.Count > 0) throw new InputException(errors);

        int n = first.Header.Shards;
        var byShard = new Partial?[n];
        foreach (var p in partials)
        {
            if (p.Header.Shard < 0 || p.Header.Shard >= n || (p.Header.Kind == "run" && ShardedRun.Blocks(p.Header.Paths, p.Header.Shard, n) != (p.Header.First, p.Header.End)))
                errors.Add(new InputError(p.Path, 0, 0, "", $"is corrupt (shard {p.Header.Shard}/{n} with blocks {p.Header.First} to {p.Header.End}): rerun its shard"));
            else if (byShard[p.Header.Shard] is { } twin)
                errors.Add(new InputError(p.Path, 0, 0, "", $"is shard {p.Header.Shard}/{n}, as is {twin.Path}: give each shard once"));
            else byShard[p.Header.Shard] = p;
        }
        var missing = Enumerable.Range(0, n).Where(i => byShard[i] is null).ToList();
        if (errors.Count == 0 && missing.Count > 0)
            errors.Add(new InputError(first.Path, 0, 0, "", $"the run was split into {n} shards and {(missing.Count == 1 ? "shard" : "shards")} {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing: merge every shard's partial"));
        if (errors.Count > 0) throw new InputException(errors);
        return byShard.Select(p => p!).ToList();
    }
}
