using System.CommandLine;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Spectre.Console;

namespace Forecast.Runner.Report;

/// <summary>
/// What the run command writes besides its summary files: a copy of the scenario file (so that the
/// folder alone reproduces the run and feeds <c>forecast report</c>), the plots and, on request, the
/// HTML report. Everything goes through the folder's staging area and lands with the rest on commit.
/// </summary>
internal static class RunDocuments
{
    public const string ScenarioCopy = "scenario.yaml";

    public static void Stage(OutputFolder folder, ParseResult parse, PlotOptions options, string scenarioPath, Scenario scenario,
        SimulationResult result, string lang, IAnsiConsole console, Forecast.Engine.Evaluation.RunDistribution? distribution)
    {
        CopyScenario(folder, scenarioPath, scenario);
        bool plots = !parse.GetValue(options.NoPlots);
        bool report = parse.GetValue(options.Report);
        if (!plots && !report) return;

        var (language, note) = PlotLanguage.For(lang, scenario.Indicators);
        if (note is not null) console.MarkupLine($"[yellow]{Markup.Escape(Resources.Strings.Note)}[/] {Markup.Escape(note)}");
        var figures = PlotSet.Figures(result, language, distribution);
        if (plots) PlotSet.Stage(folder, figures, parse.GetValue(options.Dpi));
        if (report)
        {
            using var writer = new StreamWriter(folder.StagedFile("report.html"), false, new System.Text.UTF8Encoding(false));
            HtmlReport.Write(writer, result, scenario, File.ReadAllText(folder.StagedFile(ScenarioCopy)), language, figures);
        }
    }

    /// <summary>
    /// The scenario as run, so that the folder stands alone (its scenario.yaml, and what a shard's partial keeps): a
    /// scenario file verbatim; a what-if (whose <c>base</c> is a path relative to it) resolved against its base and written
    /// out whole, as UTF-8 without a byte order mark.
    /// </summary>
    public static byte[] ScenarioAsRun(string scenarioPath, Scenario scenario) =>
        NamesABase(File.ReadAllText(scenarioPath))
            ? new System.Text.UTF8Encoding(false).GetBytes(Forecast.Scenarios.ScenarioWriter.Write(scenario, Annotations(scenarioPath, scenario)))
            : File.ReadAllBytes(scenarioPath);

    private static Forecast.Scenarios.ScenarioAnnotations Annotations(string scenarioPath, Scenario scenario) => Forecast.Scenarios.ScenarioAnnotations.None with
    {
        HeaderComment = [$"{scenario.Name}: the what-if {Path.GetFileName(scenarioPath)} resolved against its base by forecast run, as run."],
    };

    /// <summary>
    /// Whether a scenario file's text has a top-level <c>base:</c> line (a what-if): a line that starts with it, as the
    /// multiline pattern <c>^base:</c> matches (at the start or after a line feed). A plain search: a regex built on the
    /// way out cost a run some 10 ms of start-up work.
    /// </summary>
    internal static bool NamesABase(string text) => text.StartsWith("base:", StringComparison.Ordinal) || text.Contains("\nbase:", StringComparison.Ordinal);

    private static void CopyScenario(OutputFolder folder, string scenarioPath, Scenario scenario) =>
        File.WriteAllBytes(folder.StagedFile(ScenarioCopy), ScenarioAsRun(scenarioPath, scenario));
}
