using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// How many of the headline targets are met on the same path: bar k is the probability that exactly k
/// are met (<see cref="SimulationResult.HeadlineMetDistribution"/>), with the chance that all are met.
/// </summary>
internal static class HeadlineTargetsMetChart
{
    public static Plot Build(SimulationResult result, PlotLanguage language)
    {
        var words = language.Words;
        var sizes = PlotStyle.Sizes.Full;
        var plot = new Plot();
        var distribution = result.HeadlineMetDistribution;
        int headline = distribution.Count - 1;

        var bars = new List<Bar>();
        for (int k = 0; k <= headline; k++)
        {
            bars.Add(new Bar
            {
                Position = k,
                Value = distribution[k],
                Size = 0.7,
                FillColor = k == headline ? Palette.BluishGreen : Palette.Blue,
                LineColor = Palette.Black,
                LineWidth = 0.5f,
            });
            PlotStyle.Text(plot, language, PlotStyle.Percent(distribution[k]), k, distribution[k], sizes.Note, Palette.Black, Alignment.LowerCenter)
                .LabelOffsetY = -3;
        }
        plot.Add.Bars(bars);

        double mean = 0;
        for (int k = 0; k <= headline; k++) mean += k * distribution[k];
        string all = PlotStyle.Percent(result.AllHeadlineProbability) + " [" + PlotStyle.Percent(result.AllHeadlineCi95.Lower).TrimEnd('%') + "-"
            + PlotStyle.Percent(result.AllHeadlineCi95.Upper) + "]";
        PlotStyle.Note(plot, language, PlotStyle.Format(words.AllHeadlineMet, headline, all) + "\n"
            + PlotStyle.Format(words.MeanMet, mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), headline), Alignment.UpperRight, sizes.Legend);

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = 0; k <= headline; k++) ticks.AddMajor(k, k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => PlotStyle.Number(v * 100) + "%" };
        double top = distribution.Count > 0 ? distribution.Max() : 1;
        plot.Axes.SetLimits(-0.6, headline + 0.6, 0, top * 1.3 + 0.01);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Title(words.HeadlineMetTitle);
        plot.XLabel(PlotStyle.Format(words.HeadlineMetAxis, headline));
        plot.YLabel(words.ShareOfPaths);
        PlotStyle.Apply(plot, language, sizes);
        return plot;
    }
}
