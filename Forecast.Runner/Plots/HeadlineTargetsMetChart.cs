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
        var sizes = ChartStyle.Sizes.Full;
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
                FillColor = k == headline ? OkabeIto.BluishGreen : OkabeIto.Blue,
                LineColor = OkabeIto.Black,
                LineWidth = 0.5f,
            });
            ChartStyle.Text(plot, language, ChartStyle.Percent(distribution[k]), k, distribution[k], sizes.Note, OkabeIto.Black, Alignment.LowerCenter)
                .LabelOffsetY = -3;
        }
        plot.Add.Bars(bars);

        double mean = 0;
        for (int k = 0; k <= headline; k++) mean += k * distribution[k];
        string all = ChartStyle.Percent(result.AllHeadlineProbability) + " [" + ChartStyle.Percent(result.AllHeadlineCi95.Lower).TrimEnd('%') + "-"
            + ChartStyle.Percent(result.AllHeadlineCi95.Upper) + "]";
        ChartStyle.Note(plot, language, ChartStyle.Format(words.AllHeadlineMet, headline, all) + "\n"
            + ChartStyle.Format(words.MeanMet, mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), headline), Alignment.UpperRight, sizes.Legend);

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = 0; k <= headline; k++) ticks.AddMajor(k, k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => ChartStyle.Number(v * 100) + "%" };
        double top = distribution.Count > 0 ? distribution.Max() : 1;
        plot.Axes.SetLimits(-0.6, headline + 0.6, 0, top * 1.3 + 0.01);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Title(words.HeadlineMetTitle);
        plot.XLabel(ChartStyle.Format(words.HeadlineMetAxis, headline));
        plot.YLabel(words.ShareOfPaths);
        ChartStyle.Apply(plot, language, sizes);
        return plot;
    }
}
