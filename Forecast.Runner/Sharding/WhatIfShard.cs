using System.CommandLine;
using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Sharding;

/// <summary>What a sensitivity analysis was asked for: everything but the scenario, paths and seed that shapes its output.</summary>
/// <param name="Samples">--samples: the Sobol base samples N.</param>
/// <param name="Bootstrap">--bootstrap when given (a plain design with bootstrap intervals), else null (the scrambled Sobol design).</param>
/// <param name="SpearmanPaths">--spearman-paths.</param>
/// <param name="Indicators">--indicator, each once, or null for the headline targets.</param>
/// <param name="Top">--top: drivers shown per target on the console.</param>
internal sealed record SensitivitySettings(int Samples, int? Bootstrap, long SpearmanPaths, IReadOnlyList<string>? Indicators, int Top)
{
    /// <summary>The engine's options of the global analysis.</summary>
    public GlobalSensitivityOptions Global(ulong? seed, int threads) => new(Samples, Bootstrap ?? 200, SpearmanPaths, seed, threads, Indicators,
        DesignReplicates: Bootstrap is null ? SobolAnalysis.DefaultDesignReplicates : 0);

    /// <summary>As options on a command line: <c>--samples 4096 --spearman-paths 10000 [--bootstrap 200] [--indicator id ...] --top 5</c>.</summary>
    public string Text() => string.Join(' ', new[] { $"--samples {Samples}", $"--spearman-paths {SpearmanPaths}" }
        .Concat(Bootstrap is { } b ? [$"--bootstrap {b}"] : [])
        .Concat(Indicators?.Select(i => $"--indicator {i}") ?? [])
        .Append($"--top {Top}"));

    /// <summary>Reads <see cref="Text"/> back; null when it is not such a text.</summary>
    public static SensitivitySettings? Parse(string text)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length % 2 != 0) return null;
        int? samples = null, bootstrap = null, top = null;
        long? spearman = null;
        List<string>? indicators = null;
        for (int t = 0; t < tokens.Length; t += 2)
        {
            string value = tokens[t + 1];
            bool whole = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number <= int.MaxValue;
            switch (tokens[t])
            {
                case "--samples" when whole: samples = (int)number; break;
                case "--bootstrap" when whole: bootstrap = (int)number; break;
                case "--top" when whole: top = (int)number; break;
                case "--spearman-paths" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long paths): spearman = paths; break;
                case "--indicator": (indicators ??= []).Add(value); break;
                default: return null;
            }
        }
        return samples is { } n && spearman is { } s && top is { } k ? new SensitivitySettings(n, bootstrap, s, indicators, k) : null;
    }
}

/// <summary>
/// <c>forecast sweep ... --shard i/n --partial FILE</c> and <c>forecast sensitivity ... --shard i/n --partial FILE</c>:
/// evaluate one shard's grid points or evaluations (<see cref="ShardedAnalysis"/>) and write them as a partial of kind
/// <c>sweep</c> or <c>sensitivity</c>; and the merge of such partials into the folder the single process writes.
/// </summary>
internal static class WhatIfShard
{
    public const string SweepKind = "sweep";
    public const string SensitivityKind = "sensitivity";

    /// <summary>A sweep's lever grid as options: <c>--lever driver.parameter=from:to:steps</c> for each lever, the numbers round-trip exact.</summary>
    public static string SweepSettings(IReadOnlyList<LeverAxis> axes) => string.Join(' ', axes.Select(a =>
        string.Create(CultureInfo.InvariantCulture, $"--lever {a.Lever}={a.Values[0]:R}:{a.Values[^1]:R}:{a.Values.Count - 1}")));

    /// <summary>Evaluates shard i of n of the sweep and writes its partial.</summary>
    public static int Sweep(Terminal terminal, ParseResult parse, RunShardOptions shardOptions, string scenarioPath, Scenario scenario, bool repair,
        IReadOnlyList<LeverAxis> axes, SimulationOptions options, bool yes, CancellationToken cancellationToken)
    {
        var (shard, partial) = shardOptions.Resolve(parse, scenario.Name);
        partial = RunShardOptions.Place(partial, scenario.Name + "-" + SweepKind, shard);
        var run = RunSpec.Resolve(scenario, options, LeverSweep.DefaultPaths);
        int points = ShardedAnalysis.SweepPoints(axes);
        var (first, end) = ShardedAnalysis.SweepShard(points, shard.Index, shard.Count);
        if (end > first) WhatIfRun.CheckRunTime(scenario, (end - first) * run.Paths, options.Threads, yes, "--paths");
        var header = Header(SweepKind, scenarioPath, scenario, repair, run, shard, first, end, SweepSettings(axes));
        Phase.Run(terminal.Out, Words.F(Strings.PhaseSweep, scenario.Name), progress =>
        {
            PartialFile.Write(partial, header, stream => ShardedAnalysis.RunSweep(scenario, axes, options, shard.Index, shard.Count, stream,
                new Progress<int>(done => progress.Report((done, end - first))), cancellationToken));
            return 0;
        }, cancellationToken);
        terminal.Out.MarkupLine(Markup.Escape(end > first
            ? Words.F(Strings.ShardSweepWrote, shard.Index, shard.Count, shard.Source, first, end - 1, points, partial)
            : Words.F(Strings.ShardSweepEmpty, shard.Index, shard.Count, shard.Source, points, partial)));
        return ExitCodes.Success;
    }

    /// <summary>Evaluates shard i of n of the sensitivity analysis and writes its partial.</summary>
    public static int Sensitivity(Terminal terminal, ParseResult parse, RunShardOptions shardOptions, string scenarioPath, Scenario scenario, bool repair,
        SimulationOptions tornado, SensitivitySettings settings, bool yes, CancellationToken cancellationToken)
    {
        var (shard, partial) = shardOptions.Resolve(parse, scenario.Name);
        partial = RunShardOptions.Place(partial, scenario.Name + "-" + SensitivityKind, shard);
        var run = RunSpec.Resolve(scenario, tornado, Tornado.DefaultPaths);
        var global = settings.Global(tornado.Seed, tornado.Threads);
        var costs = ShardedAnalysis.SensitivityCosts(scenario, tornado, global);
        var (first, end) = ShardedAnalysis.Units(costs, shard.Index, shard.Count);
        long work = 0;
        for (int u = first; u < end; u++) work += costs[u];
        if (work > 0) WhatIfRun.CheckRunTime(scenario, work, tornado.Threads, yes, "--paths");
        var header = Header(SensitivityKind, scenarioPath, scenario, repair, run, shard, first, end, settings.Text());
        Phase.Run(terminal.Out, Words.F(Strings.PhaseTornado, scenario.Name), () =>
            PartialFile.Write(partial, header, stream => ShardedAnalysis.RunSensitivity(scenario, tornado, global, shard.Index, shard.Count, stream, cancellationToken)),
            cancellationToken);
        long total = costs.Sum();
        terminal.Out.MarkupLine(Markup.Escape(end > first
            ? Words.F(Strings.ShardSensitivityWrote, shard.Index, shard.Count, shard.Source, first, end - 1, costs.Length, work, total, partial)
            : Words.F(Strings.ShardSensitivityEmpty, shard.Index, shard.Count, shard.Source, costs.Length, partial)));
        return ExitCodes.Success;
    }

    /// <summary>A partial read for the merge: its file, header and state.</summary>
    public sealed record Part(string Path, PartialHeader Header, Func<Stream> State);

    /// <summary>What the merge command was given besides the partials.</summary>
    public sealed record MergeOutput(string? Out, bool Force, bool NoPlots, int Dpi, bool Report);

    /// <summary>
    /// Merges the checked partials of a sweep or a sensitivity analysis (one analysis, every shard once, in shard order)
    /// into the folder the single process writes, and prints its summary. Bad input throws <see cref="InputException"/> before anything is written.
    /// </summary>
    public static int Merge(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots, IReadOnlyList<Part> partials, Scenario scenario,
        CorrelationRepair? repair, MergeOutput output, System.Diagnostics.Stopwatch clock, CancellationToken cancellationToken)
    {
        var first = partials[0];
        if (output.Report) throw new InputException(new InputError("--report", 0, 0, "", Words.F(Strings.MergeNoReport, first.Header.Kind)));
        var options = new SimulationOptions(first.Header.Paths, first.Header.Seed, Sampling: Enum.Parse<SamplingMethod>(first.Header.Sampling));
        var context = output.NoPlots || !plots.Any() ? null : new WhatIfPlotContext(scenario, Language.Code, output.Dpi);
        CorrelationRepairReport.Print(terminal.Out, repair);
        if (first.Header.Kind == SweepKind)
        {
            var axes = Axes(first, scenario);
            int points = ShardedAnalysis.SweepPoints(axes);
            CheckRanges(partials, p => ShardedAnalysis.SweepShard(points, p.Header.Shard, p.Header.Shards));
            var result = Engine(partials, () => ShardedAnalysis.MergeSweep(scenario, axes, options, partials.Select(p => p.State())));
            using var folder = WhatIfRun.Open(output.Out, Analysis.Sweep(scenario, axes.Select(a => a.Lever)), output.Force, cancellationToken);
            SweepCommand.Write(terminal, plots, folder, result, scenario, context, clock, cancellationToken);
        }
        else
        {
            var settings = SensitivitySettings.Parse(first.Header.Settings)
                ?? throw new InputException(new InputError(first.Path, 0, 0, "", Words.F(Strings.PartialSettingsUnreadable, first.Header.Settings)));
            var global = settings.Global(first.Header.Seed, 0);
            var costs = ShardedAnalysis.SensitivityCosts(scenario, options, global);
            CheckRanges(partials, p => ShardedAnalysis.Units(costs, p.Header.Shard, p.Header.Shards));
            var (tornado, sensitivity) = Engine(partials, () => ShardedAnalysis.MergeSensitivity(scenario, options, global, partials.Select(p => p.State()), cancellationToken));
            using var folder = WhatIfRun.Open(output.Out, Analysis.Sensitivity(scenario, settings.Indicators), output.Force, cancellationToken);
            SensitivityCommand.Write(terminal, plots, folder, tornado, sensitivity, scenario, context, settings.Top, clock, cancellationToken);
        }
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(partials.Count == 1 ? Strings.MergedWhatIfOne : Strings.MergedWhatIf, partials.Count, first.Header.Kind, first.Header.Paths, first.Header.Seed))}[/]");
        return ExitCodes.Success;
    }

    /// <summary>The sweep's levers from its partial's settings (<see cref="SweepSettings"/>).</summary>
    private static List<LeverAxis> Axes(Part first, Scenario scenario)
    {
        var tokens = first.Header.Settings.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is not (2 or 4) || tokens.Where((_, i) => i % 2 == 0).Any(t => t != "--lever"))
            throw new InputException(new InputError(first.Path, 0, 0, "", Words.F(Strings.PartialSettingsUnreadable, first.Header.Settings)));
        return tokens.Where((_, i) => i % 2 == 1).Select(t => LeverSyntax.ParseAxis("--lever", t, scenario)).ToList();
    }

    /// <summary>Each partial must hold the units its shard is given (else it was written by another rule, or altered).</summary>
    private static void CheckRanges(IReadOnlyList<Part> partials, Func<Part, (int First, int End)> expected)
    {
        var errors = new List<InputError>();
        foreach (var p in partials)
        {
            var (f, e) = expected(p);
            if ((p.Header.First, p.Header.End) != (f, e))
                errors.Add(new InputError(p.Path, 0, 0, "", Words.F(Strings.PartialRangeMismatch, p.Header.Shard, p.Header.Shards, p.Header.First, p.Header.End, p.Header.Kind, f, e)));
        }
        if (errors.Count > 0) throw new InputException(errors);
    }

    /// <summary>Runs the engine's merge; states that do not fit together are bad input naming the partials.</summary>
    private static T Engine<T>(IReadOnlyList<Part> partials, Func<T> merge)
    {
        try
        {
            return merge();
        }
        catch (InvalidDataException e)
        {
            throw new InputException(new InputError(string.Join(", ", partials.Select(p => p.Path)), 0, 0, "",
                $"the partials' states do not fit together ({e.Message}): rerun the shards with one forecast"));
        }
    }

    private static PartialHeader Header(string kind, string scenarioPath, Scenario scenario, bool repair, RunSpec run, ShardSpec shard, int first, int end, string settings)
    {
        byte[] asRun = RunDocuments.ScenarioAsRun(scenarioPath, scenario);
        return new PartialHeader(kind, PartialFile.EngineVersion, PartialFile.ScenarioHash(asRun, repair), scenario.Name, Path.GetFileName(scenarioPath), asRun,
            repair, run.Seed, run.Paths, run.Sampling.ToString(), shard.Index, shard.Count, first, end, settings);
    }
}
