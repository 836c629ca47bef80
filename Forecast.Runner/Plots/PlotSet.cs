using Forecast.Engine.Evaluation;
using Forecast.Engine.Results;
using Forecast.Runner.Output;

namespace Forecast.Runner.Plots;

/// <summary>The figures of a run and where they are written: the plots/ subfolder of the output folder.</summary>
internal static class PlotSet
{
    public const string Folder = "plots";

    /// <summary>
    /// Every figure of a run, in the order a reader meets them: the overview, then each indicator's fan chart and target-year
    /// distribution. The distributions are drawn from the run's own (<paramref name="distribution"/>, distribution.json); a
    /// folder without one gets none rather than a shape guessed from percentiles.
    /// </summary>
    public static IReadOnlyList<Figure> Figures(SimulationResult result, PlotLanguage language, RunDistribution? distribution = null)
    {
        var words = language.Words;
        var figures = new List<Figure>
        {
            Figure.Of("target-probabilities", words.ProbabilityChartTitle, TargetProbabilityChart.Build(result, language),
                1100, TargetProbabilityChart.Height(result)),
        };
        if (result.HeadlineMetDistribution.Count > 1)
            figures.Add(Figure.Of("headline-targets-met", words.HeadlineMetTitle, HeadlineTargetsMetChart.Build(result, language), 900, 500));
        if (result.Indicators.Any(o => o.Indicator.Headline))
            figures.Add(Figure.Of("headline-fan-charts", words.HeadlineSheetTitle, HeadlineSheet.Build(result, language), 1200, HeadlineSheet.Height(result)));
        foreach (var outcome in result.Indicators)
        {
            string id = FileSafe(outcome.Indicator.Id);
            string name = language.Name(outcome.Indicator);
            figures.Add(Figure.Of("fan-" + id, name + ": " + words.FanChartCaption, FanChart.Build(outcome, language), 900, 560));
            if (distribution?.Indicator(outcome.Indicator.Id)?.Year(outcome.Indicator.Target.Year) is { } year)
                figures.Add(Figure.Of("distribution-" + id, name + ": " + ChartStyle.Format(words.DensityTitle, outcome.Indicator.Target.Year),
                    TargetYearDensityChart.Build(outcome, year, language), 900, 560));
        }
        return figures;
    }

    /// <summary>Writes each figure as plots/NAME.png (at <paramref name="dpi"/>) and plots/NAME.svg into the folder's staging area.</summary>
    /// <returns>The staged paths, PNG then SVG for each figure.</returns>
    public static IReadOnlyList<string> Stage(OutputFolder folder, IReadOnlyList<Figure> figures, int dpi)
    {
        var written = new List<string>();
        foreach (var figure in figures)
        {
            string png = folder.StagedFile(Path.Combine(Folder, figure.Name + ".png"));
            Directory.CreateDirectory(Path.GetDirectoryName(png)!);
            FigureWriter.WritePng(figure, png, dpi);
            string svg = Path.ChangeExtension(png, ".svg");
            FigureWriter.WriteSvg(figure, svg);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }

    /// <summary>An indicator id as a file name: letters, digits, '-' and '_' kept, anything else '_'.</summary>
    public static string FileSafe(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
