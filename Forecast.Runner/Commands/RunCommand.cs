using System.CommandLine;
using System.Text;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Report;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary><c>forecast run &lt;scenario&gt;</c>: simulate a scenario, print the table, write the output folder.</summary>
internal sealed class RunCommand(Terminal terminal) : ICommandBuilder
{
    private readonly CommonOptions _options = new();
    private readonly PlotOptions _plots = new();
    private readonly Argument<string> _scenario = new("scenario") { Description = "Scenario file (YAML), e.g. scenarios/liaocheng-2025.yaml" };

    public Command Build()
    {
        var command = new Command("run", "Simulate a scenario: probability of reaching every target, trajectories, summary files");
        command.Arguments.Add(_scenario);
        _options.AddTo(command);
        _plots.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            string scenarioPath = parse.GetValue(_scenario)!;
            var scenario = ScenarioReader.Read(scenarioPath);
            string outPath = parse.GetValue(_options.Out) ?? Path.Combine("out", scenario.Name);
            using var folder = OutputFolder.Open(outPath, scenario.Name, parse.GetValue(_options.Force));
            var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed),
                parse.GetValue(_options.Threads), parse.GetValue(_options.Precision), Sampling: _options.SamplingOf(parse));
            var (result, distribution, elapsed) = SimulationRunner.Run(terminal.Out, scenario, options, parse.GetValue(_options.Yes), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            WriteFiles(folder, result);
            using (var stream = File.Create(folder.StagedFile(DistributionJson.FileName))) DistributionJson.Write(stream, distribution);
            RunDocuments.Stage(folder, parse, _plots, scenarioPath, scenario, result, parse.GetValue(_options.Lang)!, terminal.Out);
            var written = folder.Commit();

            bool chinese = parse.GetValue(_options.Lang) == "zh";
            var console = terminal.Out;
            console.Write(ConsoleReport.Table(result, chinese));
            ConsoleReport.Notes(console, result, elapsed);
            console.MarkupLine($"[grey]Wrote {written.Count} files to {Markup.Escape(folder.Path)}[/]");
            return ExitCodes.Success;
        }
        catch (InputException e)
        {
            return ErrorReporter.Report(terminal, e.Errors);
        }
        catch (LongRunException e)
        {
            // The path count came from --paths, or else from the scenario's run.paths.
            var source = parse.GetValue(_options.Paths) is null
                ? new InputError(parse.GetValue(_scenario)!, 0, 0, "run.paths", e.Message)
                : new InputError("--paths", 0, 0, "", e.Message);
            return ErrorReporter.Report(terminal, [source]);
        }
        catch (OperationCanceledException)
        {
            return ErrorReporter.Cancelled(terminal);
        }
        catch (PartialCommitException e)
        {
            return ErrorReporter.WriteFailed(terminal, e.Message, untouched: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Writing the staged files failed (a full disk, a folder in the way): the staging folder is gone.
            return ErrorReporter.WriteFailed(terminal, e.Message, untouched: true);
        }
    }

    internal static void WriteFiles(OutputFolder folder, SimulationResult result)
    {
        var utf8 = new UTF8Encoding(false);
        using (var json = File.Create(folder.StagedFile("summary.json"))) SummaryJsonWriter.Write(json, result);
        using (var csv = new StreamWriter(folder.StagedFile("trajectories.csv"), false, utf8)) CsvWriters.WriteTrajectories(csv, result);
        using (var csv = new StreamWriter(folder.StagedFile("summary.csv"), false, utf8)) CsvWriters.WriteSummary(csv, result);
    }
}
