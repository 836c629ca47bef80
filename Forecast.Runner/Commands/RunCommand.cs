using System.CommandLine;
using System.Text;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary><c>forecast run &lt;scenario&gt;</c>: simulate a scenario, print the table, write the output folder.</summary>
internal sealed class RunCommand(Terminal terminal) : ICommandBuilder
{
    private readonly CommonOptions _options = new();
    private readonly PlotOptions _plots = new();
    private readonly Sharding.RunShardOptions _shard = new();
    private readonly SamplePaths _samples = new();
    private readonly Argument<string> _scenario = new("scenario") { Description = HelpStrings.RunScenario };
    private readonly Option<string?> _observed = new("--observed") { Description = HelpStrings.RunObserved };
    private readonly Option<int?> _until = new("--observed-until") { Description = HelpStrings.RunObservedUntil };
    private readonly Option<bool> _wide = new("--wide") { Description = HelpStrings.RunWide };
    private readonly Option<string> _region = new("--region") { Description = HelpStrings.RunRegion, DefaultValueFactory = _ => "Liaocheng" };

    public Command Build()
    {
        var command = new Command("run", HelpStrings.Run);
        command.Arguments.Add(_scenario);
        command.Options.Add(_observed);
        command.Options.Add(_region);
        command.Options.Add(_until);
        command.Options.Add(_wide);
        _options.AddTo(command);
        _plots.AddTo(command);
        _shard.AddTo(command);
        _samples.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            string scenarioPath = parse.GetValue(_scenario)!;
            var (scenario, repair) = RunWarmup.Read(scenarioPath, _options.ReadOptions(parse));
            IReadOnlyList<string> leftOut = [];
            if (parse.GetValue(_observed) is { } observedPath) (scenario, leftOut) = WithObserved(scenario, observedPath, parse.GetValue(_region)!, parse.GetValue(_until));
            var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed),
                parse.GetValue(_options.Threads), parse.GetValue(_options.Precision), Sampling: _options.SamplingOf(parse));
            if (_shard.Requested(parse))
                return _shard.Execute(terminal, parse, scenarioPath, scenario, parse.GetValue(_options.RepairCorrelations), options, parse.GetValue(_observed) is not null, cancellationToken);
            var sample = _samples.Requested(parse, RunSpec.Resolve(scenario, options).Paths, scenario.Observed.Count > 0);
            string outPath = parse.GetValue(_options.Out) ?? Path.Combine("out", scenario.Name);
            using var folder = OutputFolder.Open(outPath, scenario.Name, parse.GetValue(_options.Force), cancellationToken);
            var (result, distribution, elapsed) = SimulationRunner.Run(terminal.Out, scenario, options, parse.GetValue(_options.Yes), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (scenario.Observed.Count > 0)
            {
                // The probability each target had at the start (no observation), on the same number of paths and seed.
                var (start, _, _) = SimulationRunner.Run(terminal.Out, scenario with { Observed = [] }, options, parse.GetValue(_options.Yes), cancellationToken);
                result = result with { Indicators = result.Indicators.Select(o => o with { ProbabilityAtStart = start[o.Indicator.Id].Probability }).ToList() };
            }

            // distribution.json (most of the writing: about a thousand numbers per indicator and year, formatted on every
            // core) on the pool while this thread writes the summary and the CSVs, which leave the other core idle.
            var distributionWritten = Task.Run(() =>
            {
                using var stream = File.Create(folder.StagedFile(DistributionJson.FileName));
                DistributionJson.Write(stream, distribution);
            }, CancellationToken.None);
            try
            {
                WriteFiles(folder, result, repair);
            }
            finally
            {
                // Never leave it writing into the staging folder that an error here is about to remove.
                ((IAsyncResult)distributionWritten).AsyncWaitHandle.WaitOne();
            }
            distributionWritten.GetAwaiter().GetResult();
            Phase.Run(terminal.Out, Resources.Strings.PhaseCharts,
                () => RunDocuments.Stage(folder, parse, _plots, scenarioPath, scenario, result, Output.Language.Code, terminal.Out, distribution), cancellationToken);
            if (sample is { } s) SamplePaths.Write(s.File, scenario, options, s.Paths, cancellationToken);
            var written = folder.Commit();

            bool chinese = Output.Language.IsChinese;
            var console = terminal.Out;
            CorrelationRepairReport.Print(console, repair);
            bool wide = parse.GetValue(_wide);
            console.Write(ConsoleReport.Table(result, chinese, wide, console.Profile.Width));
            if (!wide) console.MarkupLine($"[grey]{Markup.Escape(Resources.Strings.CompactHint)}[/]");
            ConsoleReport.Notes(console, result, elapsed, scenario, wide, console.Profile.Width);
            if (options.Precision is { } asked) ConsoleReport.Precision(console, result, asked);
            ConsoleReport.Nowcast(console, result, leftOut);
            console.MarkupLine($"[grey]{Markup.Escape(Words.WroteFiles(written.Count, folder.Path))}[/]");
            if (sample is { } written2) console.MarkupLine($"[grey]{Markup.Escape(Words.F(Resources.Strings.WroteSamplePaths, written2.Paths, written2.File))}[/]");
            return ExitCodes.Success;
        }
        catch (LongRunException e)
        {
            // The path count came from --paths, or else from the scenario's run.paths.
            var source = parse.GetValue(_options.Paths) is null
                ? new InputError(parse.GetValue(_scenario)!, 0, 0, "run.paths", e.Message)
                : new InputError("--paths", 0, 0, "", e.Message);
            return ErrorReporter.Report(terminal, [source]);
        }
        catch (Exception e) when (ErrorReporter.Handles(e))
        {
            // Bad input; a scenario the engine refused in the simulation (a value beyond the largest double), located in its file; cancelled; unwritable outputs.
            return ErrorReporter.Report(terminal, e, problems => ScenarioReader.Locate(parse.GetValue(_scenario)!, problems));
        }
    }

    /// <summary>The scenario with the observations of the CSV added; problems of an observation are located on its CSV line.</summary>
    private static (Engine.Model.Scenario Scenario, IReadOnlyList<string> LeftOut) WithObserved(Engine.Model.Scenario scenario, string path, string region, int? until)
    {
        var (rows, leftOut) = Scenarios.History.ObservedCsvReader.Read(path, scenario, region, until);
        int before = scenario.Observed.Count;
        var with = scenario with { Observed = [.. scenario.Observed, .. rows.Select(r => r.Value)] };
        var problems = Engine.Model.ScenarioValidator.Problems(with)
            .Select(p => (p, index: p.Path.StartsWith("observed[", StringComparison.Ordinal) ? int.Parse(p.Path[9..p.Path.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) - before : -1))
            .Where(x => x.index >= 0)
            .Select(x => new InputError(path, rows[x.index].Line, 0, x.p.Path[(x.p.Path.IndexOf(']', StringComparison.Ordinal) + 2)..], x.p.Message))
            .ToList();
        if (problems.Count > 0) throw new InputException(problems);
        return (with, leftOut);
    }

    internal static void WriteFiles(OutputFolder folder, SimulationResult result, CorrelationRepair? repair = null)
    {
        var utf8 = new UTF8Encoding(false);
        using (var json = File.Create(folder.StagedFile("summary.json"))) SummaryJsonWriter.Write(json, result, repair);
        using (var csv = new StreamWriter(folder.StagedFile("trajectories.csv"), false, utf8)) CsvWriters.WriteTrajectories(csv, result);
        using (var csv = new StreamWriter(folder.StagedFile("summary.csv"), false, utf8)) CsvWriters.WriteSummary(csv, result);
    }
}
