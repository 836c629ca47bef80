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
        Stage(folder, context, language => WhatIfFigures.Sensitivity(tornado, global, context.Scenario, language));

    /// <summary>The language of the plots of <paramref name="scenario"/>: Chinese only where one font has every character drawn.</summary>
    public static (PlotLanguage Language, string? Note) Language(string lang, Scenario scenario) =>
        PlotLanguage.Resolve(lang, scenario.Indicators.SelectMany(i => new[] { i.Name.Zh, i.Unit.Zh })
            .Concat(scenario.Drivers.Select(d => d.Name.Zh)).Append(WhatIfWords.Zh.AllText()));

    private void Stage(OutputFolder folder, WhatIfPlotContext context, Func<PlotLanguage, IReadOnlyList<Figure>> figures)
    {
        var (language, note) = Language(context.Lang, context.Scenario);
        if (note is not null) terminal.Out.MarkupLine($"[yellow]Note:[/] {Markup.Escape(note)}");
        PlotSet.Stage(folder, figures(language), context.Dpi);
    }
}
