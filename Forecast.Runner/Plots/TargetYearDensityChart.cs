using Forecast.Engine.Model;
using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The distribution of an indicator's value in its target year, drawn as the step density implied by
/// the run's percentiles (<see cref="QuantileDensity"/>), with the target marked and the side that
/// misses it shaded. The share of paths that miss is the run's exact figure, not the drawn area.
/// </summary>
internal static class TargetYearDensityChart
{
    public static Plot Build(IndicatorOutcome outcome, PlotLanguage language)
    {
        var indicator = outcome.Indicator;
        var target = indicator.Target;
        var words = language.Words;
        var sizes = ChartStyle.Sizes.Full;
        var year = outcome.TargetYear;
        var density = QuantileDensity.From(year, indicator.Model.IsCount, target);
        var plot = new Plot();

        var body = plot.Add.Polygon([.. density.Outline().Select(p => new Coordinates(p.X, p.Y))]);
        body.FillColor = OkabeIto.SkyBlue.Lighten(0.3);
        body.LineColor = OkabeIto.Blue;
        body.LineWidth = 1.5f;
        body.LegendText = words.DensityLegend;

        // The boundary between missing and meeting: the target itself, or for a count the edge of its cell (≥ 5 starts at 4.5).
        double boundary = QuantileDensity.TargetPoint(year, indicator.Model.IsCount, target)!.Value.X;
        var missed = target.Direction == Direction.AtLeast
            ? density.Outline(to: boundary)
            : density.Outline(from: boundary);
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

        double top = density.Heights.Max();
        var tailLeft = ChartStyle.Text(plot, language, "← 5%", density.Edges[0], top * 0.04, sizes.Note, OkabeIto.Grey, Alignment.LowerRight);
        tailLeft.LabelBackgroundColor = Colors.Transparent;
        var tailRight = ChartStyle.Text(plot, language, "5% →", density.Edges[^1], top * 0.04, sizes.Note, OkabeIto.Grey, Alignment.LowerLeft);
        tailRight.LabelBackgroundColor = Colors.Transparent;

        string missText = ChartStyle.Format(words.MissedIn, year.Year, ChartStyle.Percent(1 - year.Probability));
        if (target.Period == TargetPeriod.EveryYear)
            missText += "\n" + ChartStyle.Format(words.MissedSomeYear, ChartStyle.Percent(1 - outcome.Probability));
        ChartStyle.Note(plot, language, missText, Alignment.UpperRight, sizes.Legend);

        double lo = Math.Min(density.Edges[0], boundary), hi = Math.Max(density.Edges[^1], boundary);
        double pad = (hi - lo) * 0.12;
        plot.Axes.SetLimits(lo - pad, hi + pad, 0, top * 1.45);
        ChartStyle.NumberTicks(plot.Axes.Bottom, indicator.Model.IsCount);
        ChartStyle.NumberTicks(plot.Axes.Left);

        plot.Title(language.Name(indicator) + "\n" + ChartStyle.Format(words.DensityTitle, year.Year));
        plot.XLabel(language.Unit(indicator));
        plot.YLabel(words.DensityAxis);
        ChartStyle.Apply(plot, language, sizes);
        var legend = plot.ShowLegend(Alignment.UpperLeft);
        ChartStyle.Legend(legend, language, sizes.Legend);
        legend.BackgroundColor = Colors.White.WithAlpha(0.9);
        return plot;
    }
}
