using System.CommandLine;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary><c>forecast report &lt;folder&gt;</c>: the HTML report of a run, from its output folder alone (summary.json and scenario.yaml).</summary>
internal sealed class ReportCommand(Terminal terminal) : ICommandBuilder
{
    private readonly Argument<string> _folder = new("folder") { Description = HelpStrings.ReportFolder };

    private readonly Option<string?> _scenario = new("--scenario")
    {
        Description = HelpStrings.ReportScenario,
    };

    private readonly Option<string?> _out = new("--out") { Description = HelpStrings.ReportOut };

    public Command Build()
    {
        var command = new Command("report", HelpStrings.ReportCommand);
        command.Arguments.Add(_folder);
        command.Options.Add(_scenario);
        command.Options.Add(_out);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            string folder = parse.GetValue(_folder)!;
            if (!Directory.Exists(folder))
                throw new InputException(new InputError(folder, 0, 0, "", "no such folder; give the output folder of a 'forecast run'"));
            string summaryPath = Path.Combine(folder, "summary.json");
            if (!File.Exists(summaryPath))
                throw new InputException(new InputError(folder, 0, 0, "", "the folder has no summary.json; is it the output folder of a 'forecast run'?"));
            string scenarioPath = parse.GetValue(_scenario) ?? Path.Combine(folder, RunDocuments.ScenarioCopy);
            if (!File.Exists(scenarioPath))
                throw new InputException(new InputError(scenarioPath, 0, 0, "--scenario",
                    "the folder has no scenario.yaml; pass --scenario with the scenario file the run used"));

            string scenarioText = TextFile.Read(scenarioPath, "scenario");
            var scenario = ScenarioReader.Parse(scenarioPath, scenarioText);
            var result = SummaryJsonReader.Read(summaryPath, TextFile.Read(summaryPath, "summary"), scenario);
            var (language, note) = PlotLanguage.For(Output.Language.Code, scenario.Indicators);
            if (note is not null) terminal.Out.MarkupLine($"[yellow]{Markup.Escape(Resources.Strings.Note)}[/] {Markup.Escape(note)}");

            string outPath = parse.GetValue(_out) ?? Path.Combine(folder, "report.html");
            // The distributions from the run's own distribution.json (a folder written before it existed has none to draw).
            string distributionPath = Path.Combine(folder, Evaluation.DistributionJson.FileName);
            var distribution = File.Exists(distributionPath) ? Evaluation.DistributionJson.Read(distributionPath) : null;
            Phase.Run(terminal.Out, Resources.Strings.PhaseReport, () =>
            {
                var figures = PlotSet.Figures(result, language, distribution);
                cancellationToken.ThrowIfCancellationRequested();
                HtmlReport.WriteFile(outPath, result, scenario, scenarioText, language, figures, cancellationToken: cancellationToken);
            }, cancellationToken);
            // The next run in this folder removes or regenerates the report with its other files.
            OutputFolder.Record(folder, outPath);
            terminal.Out.MarkupLine($"[grey]{Markup.Escape(Output.Words.F(Resources.Strings.Wrote, Path.GetFullPath(outPath)))}[/]");
            return ExitCodes.Success;
        }
        catch (InputException e)
        {
            return ErrorReporter.Report(terminal, e.Errors);
        }
        catch (OperationCanceledException)
        {
            return ErrorReporter.Cancelled(terminal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ErrorReporter.WriteFailed(terminal, e.Message, untouched: true);
        }
    }
}
