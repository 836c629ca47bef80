using Forecast.Runner.Evaluation;
using MathNet.Numerics.Distributions;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The PIT histogram of an evaluation: how many outcomes fell in each tenth of their forecast distributions (each bound spread
/// evenly over the PIT values it allows). A calibrated forecast gives a flat histogram; a U shape says the forecast was too
/// narrow, a hump too wide, a slope biased. The line is the mean count per bin and the band the range that holds 90% of a
/// calibrated forecast's bins (Binomial(n, 1/bins)), so a few outcomes are not over-read.
/// </summary>
internal static class PitHistogramChart
{
    public static Plot Build(IReadOnlyList<double> weights, PlotLanguage language, EvaluationWords words)
    {
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        int bins = weights.Count;
        double n = weights.Sum(), width = 1.0 / bins;
        int total = (int)Math.Round(n);
        if (total > 0)
        {
            double low = BinomialQuantile(width, total, 0.05), high = BinomialQuantile(width, total, 0.95);
            var band = plot.Add.Rectangle(0, 1, low, high);
            band.FillColor = OkabeIto.Grey.WithAlpha(0.15);
            band.LineWidth = 0;
            band.LegendText = words.PitChance;
        }
        var bars = new List<Bar>();
        for (int b = 0; b < bins; b++)
            bars.Add(new Bar { Position = (b + 0.5) * width, Value = weights[b], Size = width * 0.9, FillColor = OkabeIto.Blue, LineColor = OkabeIto.Black, LineWidth = 0.5f });
        plot.Add.Bars(bars);
        var mean = plot.Add.HorizontalLine(n * width, 2, OkabeIto.Vermillion, LinePattern.Dashed);
        mean.LegendText = ChartStyle.Format(words.PitExpected, Output.Numbers.Human(n * width));

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int b = 0; b <= bins; b++) ticks.AddMajor(b * width, ChartStyle.Number(b * width));
        plot.Axes.Bottom.TickGenerator = ticks;
        ChartStyle.NumberTicks(plot.Axes.Left);
        double top = Math.Max(weights.Count > 0 ? weights.Max() : 1, total > 0 ? BinomialQuantile(width, total, 0.95) : 1);
        plot.Axes.SetLimits(0, 1, 0, top * 1.25 + 0.5);
        plot.Title(words.PitTitle);
        plot.XLabel(words.PitAxis);
        plot.YLabel(words.PitCount);
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    /// <summary>The smallest k with P(K ≤ k) ≥ q for K ~ Binomial(n, p).</summary>
    internal static int BinomialQuantile(double p, int n, double q)
    {
        int k = 0;
        while (k < n && Binomial.CDF(p, n, k) < q) k++;
        return k;
    }
}
