using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Runner.WhatIf;
using Spectre.Console;

namespace Forecast.Runner.Plots;

/// <summary>
/// Draws the what-if results (<see cref="WhatIfFigures"/>) as PNG and SVG into the plots/ subfolder of the output folder,
/// in the language <c>--lang</c> asks for where a font has its characters (otherwise English, with a note).
/// </summary>
internal sealed class WhatIfPlotWriter(Terminal terminal) : IWhatIfPlotWriter
{
    public void WriteComparison(OutputFolder folder, ComparisonResult result, WhatIfPlotContext context) =>
        Stage(folder, context, language => WhatIfFigures.Comparison(result, context.Scenario, language));

    public void WriteSweep(OutputFolder folder, SweepResult result, WhatIfPlotContext context) =>
        Stage(folder, context, language => WhatIfFigures.Sweep(result, context.Scenario, language));

    public void WriteGoal(OutputFolder folder, GoalSeekResult result, WhatIfPlotContext context) =>
        Stage(folder, context, language => WhatIfFigures.Goal(result, context.Scenario, language));

    public void WriteSensitivity(OutputFolder folder, TornadoResult tornado, GlobalSensitivityResult global, WhatIfPlotContext context) =>
        Stage(folder, context, language => WhatIfFigures.Sensitivity(tornado, global, context.Scenario, language, RunOf(context.Scenario)));

    /// <summary>
    /// The scenario's run exactly as <c>forecast run</c> makes it (the scenario's own paths and seed), so that the tornadoes show
    /// the probabilities the run table prints; null when the scenario asks for more than <see cref="MaxRunPaths"/> paths.
    /// </summary>
    private static Forecast.Engine.Results.SimulationResult? RunOf(Scenario scenario) =>
        Forecast.Engine.Simulation.RunSpec.Resolve(scenario, null).Paths <= MaxRunPaths ? Forecast.Engine.Simulation.MonteCarlo.Run(scenario) : null;

    /// <summary>The most paths simulated for the run's probabilities on the tornadoes (the shipped scenarios ask for 100,000).</summary>
    public const long MaxRunPaths = 1_000_000;

    /// <summary>The language of the plots of <paramref name="scenario"/>: Chinese only where one font has every character drawn.</summary>
    public static (PlotLanguage Language, string? Note) Language(string lang, Scenario scenario) =>
        PlotLanguage.Resolve(lang, scenario.Indicators.SelectMany(i => new[] { i.Name.Zh, i.Unit.Zh })
            .Concat(scenario.Drivers.Select(d => d.Name.Zh)).Append(WhatIfWords.Zh.AllText()));

    private void Stage(OutputFolder folder, WhatIfPlotContext context, Func<PlotLanguage, FigureSet> figures)
    {
        var (language, note) = Language(context.Lang, context.Scenario);
        // The note is the console's, in its language (PlotLanguage's own is English: it is the plots that fall back).
        if (note is not null) terminal.Out.MarkupLine($"[yellow]{Markup.Escape(Resources.Strings.Note)}[/]{WhatIfConsole.Gap}{Markup.Escape(Resources.WhatIfStrings.PlotsInEnglish)}");
        var set = figures(language);
        foreach (string why in set.NotDrawn) terminal.Out.MarkupLine($"[grey]{Markup.Escape(why)}[/]");
        PlotSet.Stage(folder, set.Figures, context.Dpi);
    }
}
