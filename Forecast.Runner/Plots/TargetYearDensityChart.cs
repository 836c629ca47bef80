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
        var sizes = PlotStyle.Sizes.Full;
        var year = outcome.TargetYear;
        var density = QuantileDensity.From(year, indicator.Model.IsCount, target);
        var plot = new Plot();

        var body = plot.Add.Polygon([.. density.Outline().Select(p => new Coordinates(p.X, p.Y))]);
        body.FillColor = Palette.SkyBlue.Lighten(0.3);
        body.LineColor = Palette.Blue;
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
            shade.FillColor = Palette.Vermillion.Lighten(0.25);
            shade.FillHatch = new ScottPlot.Hatches.Striped();
            shade.FillHatchColor = Colors.White.WithAlpha(0.55);
            shade.LineColor = Palette.Blue;
            shade.LineWidth = 1.5f;
            shade.LegendText = words.MissedSide;
        }

        var median = plot.Add.VerticalLine(year.P50, 1.5f, Palette.Blue, LinePattern.Dashed);
        median.LegendText = "P50" + (language.Chinese ? "：" : ": ") + PlotStyle.Value(year.P50);
        var targetLine = plot.Add.VerticalLine(boundary, 2.5f, Palette.Vermillion);
        targetLine.LegendText = words.Target + (language.Chinese ? "：" : ": ") + language.TargetText(indicator);

        double top = density.Heights.Max();
        var tailLeft = PlotStyle.Text(plot, language, "← 5%", density.Edges[0], top * 0.04, sizes.Note, Palette.Grey, Alignment.LowerRight);
        tailLeft.LabelBackgroundColor = Colors.Transparent;
        var tailRight = PlotStyle.Text(plot, language, "5% →", density.Edges[^1], top * 0.04, sizes.Note, Palette.Grey, Alignment.LowerLeft);
        tailRight.LabelBackgroundColor = Colors.Transparent;

        string missText = PlotStyle.Format(words.MissedIn, year.Year, PlotStyle.Percent(1 - year.Probability));
        if (target.Period == TargetPeriod.EveryYear)
            missText += "\n" + PlotStyle.Format(words.MissedSomeYear, PlotStyle.Percent(1 - outcome.Probability));
        PlotStyle.Note(plot, language, missText, Alignment.UpperRight, sizes.Legend);

        double lo = Math.Min(density.Edges[0], boundary), hi = Math.Max(density.Edges[^1], boundary);
        double pad = (hi - lo) * 0.12;
        plot.Axes.SetLimits(lo - pad, hi + pad, 0, top * 1.45);
        PlotStyle.NumberTicks(plot.Axes.Bottom, indicator.Model.IsCount);
        PlotStyle.NumberTicks(plot.Axes.Left);

        plot.Title(language.Name(indicator) + "\n" + PlotStyle.Format(words.DensityTitle, year.Year));
        plot.XLabel(language.Unit(indicator));
        plot.YLabel(words.DensityAxis);
        PlotStyle.Apply(plot, language, sizes);
        var legend = plot.ShowLegend(Alignment.UpperLeft);
        PlotStyle.Legend(legend, language, sizes.Legend);
        legend.BackgroundColor = Colors.White.WithAlpha(0.9);
        return plot;
    }
}
