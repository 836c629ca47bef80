using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The distribution of an indicator's value in its target year: the share of paths in each bin (<see cref="PathHistogram"/>,
/// from the run's own distribution), the target marked and the bins that miss it shaded, the shares beyond the drawn range
/// at its ends, and the run's exact share of paths that miss in a note placed on the side away from the target line.
/// </summary>
internal static class TargetYearDensityChart
{
    public static Plot Build(IndicatorOutcome outcome, ForecastDistribution distribution, PlotLanguage language)
    {
        var indicator = outcome.Indicator;
        var target = indicator.Target;
        var words = language.Words;
        var sizes = ChartStyle.Sizes.Full;
        var year = outcome.TargetYear;
        bool isCount = indicator.Model.IsCount;
        double boundary = PathHistogram.Boundary(target, isCount);
        var histogram = PathHistogram.From(distribution, isCount, boundary);
        var plot = new Plot();

        var body = plot.Add.Polygon([.. histogram.Outline().Select(p => new Coordinates(p.X, p.Y))]);
        body.FillColor = OkabeIto.SkyBlue.Lighten(0.3);
        body.LineColor = OkabeIto.Blue;
        body.LineWidth = 1.5f;
        body.LegendText = words.DensityLegend;

        var missed = target.Direction == Direction.AtLeast ? histogram.Outline(to: boundary) : histogram.Outline(from: boundary);
        if (missed.Length > 0)
        {
            var shade = plot.Add.Polygon([.. missed.Select(p => new Coordinates(p.X, p.Y))]);
            shade.FillColor = OkabeIto.Vermillion.Lighten(0.25);
            shade.FillHatch = new ScottPlot.Hatches.Striped();
            shade.FillHatchColor = Colors.White.WithAlpha(0.55);
            shade.LineColor = OkabeIto.Blue;
            shade.LineWidth = 1.5f;
            shade.LegendText = words.MissedSide;
        }

        var median = plot.Add.VerticalLine(year.P50, 1.5f, OkabeIto.Blue, LinePattern.Dashed);
        median.LegendText = "P50" + (language.Chinese ? "：" : ": ") + ChartStyle.Value(year.P50);
        var targetLine = plot.Add.VerticalLine(boundary, 2.5f, OkabeIto.Vermillion);
        targetLine.LegendText = words.Target + (language.Chinese ? "：" : ": ") + language.TargetText(indicator);

        double top = Math.Max(histogram.Shares.Max(), 1e-6);
        if (histogram.Below > 0)
            ChartStyle.Text(plot, language, "← " + ChartStyle.Percent(histogram.Below), histogram.Edges[0], top * 0.04, sizes.Note, OkabeIto.Grey, Alignment.LowerRight)
                .LabelBackgroundColor = Colors.Transparent;
        if (histogram.Above > 0)
            ChartStyle.Text(plot, language, ChartStyle.Percent(histogram.Above) + " →", histogram.Edges[^1], top * 0.04, sizes.Note, OkabeIto.Grey, Alignment.LowerLeft)
                .LabelBackgroundColor = Colors.Transparent;

        double lo = histogram.Edges[0], hi = histogram.Edges[^1];
        double pad = (hi - lo) * 0.12;
        string missText = ChartStyle.Format(words.MissedIn, year.Year, ChartStyle.Percent(1 - year.Probability));
        if (target.Period == TargetPeriod.EveryYear)
            missText += "\n" + ChartStyle.Format(words.MissedSomeYear, ChartStyle.Percent(1 - outcome.Probability));
        // The note in the upper corner away from the target line, above the bars (the axis leaves room for it).
        ChartStyle.Note(plot, language, missText, NoteCorner(boundary, lo - pad, hi + pad), sizes.Legend);

        plot.Axes.SetLimits(lo - pad, hi + pad, 0, top * 1.4);
        ChartStyle.NumberTicks(plot.Axes.Bottom, isCount);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ChartStyle.RatePercent };

        plot.Title(language.Name(indicator) + "\n" + ChartStyle.Format(words.DensityTitle, year.Year));
        plot.XLabel(language.Unit(indicator));
        plot.YLabel(ChartStyle.Format(words.DensityAxis, ChartStyle.Value(histogram.Width)));
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    /// <summary>The upper corner farther from the target line: the left when the target lies in the right half of the axis.</summary>
    public static Alignment NoteCorner(double boundary, double left, double right) =>
        boundary > (left + right) / 2 ? Alignment.UpperLeft : Alignment.UpperRight;
}
