using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// The fan chart of one indicator: what has been observed, the median simulated path with the bands
/// holding 50% (P25-P75) and 90% (P5-P95) of paths, the target, the steady path from the base to the
/// target, and the probability of reaching it; for an evaluation, the outcomes reported since (<see cref="FanPoint"/>).
/// </summary>
internal static class FanChart
{
    /// <summary>
    /// Builds the chart; <paramref name="compact"/> makes a panel for a sheet of small multiples. <paramref name="outcomes"/>
    /// (with their legend entries <paramref name="outcomeLegend"/>: exact, at least, at most) are drawn over the fan.
    /// </summary>
    public static Plot Build(IndicatorOutcome outcome, PlotLanguage language, bool compact = false, IReadOnlyList<FanPoint>? outcomes = null,
        (string Exact, string AtLeast, string AtMost)? outcomeLegend = null)
    {
        var indicator = outcome.Indicator;
        var words = language.Words;
        var sizes = compact ? ChartStyle.Sizes.Compact : ChartStyle.Sizes.Full;
        var plot = new Plot();

        var (xs, p5, p25, p50, p75, p95) = Fan(outcome);
        var band90 = plot.Add.Polygon(Band(xs, p5, p95));
        band90.FillColor = OkabeIto.Blue.WithAlpha(0.16);
        band90.LineWidth = 0;
        band90.LegendText = words.Band90;
        var band50 = plot.Add.Polygon(Band(xs, p25, p75));
        band50.FillColor = OkabeIto.Blue.WithAlpha(0.36);
        band50.LineWidth = 0;
        band50.LegendText = words.Band50;

        if (RequiredPath(outcome) is { } required)
        {
            var path = plot.Add.ScatterLine(required.Years, required.Values);
            path.Color = OkabeIto.Vermillion;
            path.LineWidth = 2;
            path.LinePattern = LinePattern.Dashed;
            path.LegendText = words.RequiredPath;
        }

        var median = plot.Add.ScatterLine(xs, p50);
        median.Color = OkabeIto.Blue;
        median.LineWidth = 2.5f;
        median.LegendText = words.Median;

        var observed = Observed(indicator);
        if (observed.Count > 0)
        {
            // Observations are points; nothing is known between them (a dotted guide only).
            var (_, points) = ChartStyle.PatternedLineWithMarkers(plot, observed.Select(p => (double)p.Year).ToArray(), observed.Select(p => p.Value).ToArray(),
                LinePattern.Dotted, OkabeIto.Black, 1.5f, MarkerShape.FilledCircle, compact ? 6 : 8);
            points.LegendText = words.Observed;
        }

        AddTarget(plot, outcome, language, compact);
        AddPeriodTotals(plot, indicator, language, sizes);
        if (outcomes is { Count: > 0 }) AddOutcomes(plot, outcomes, outcomeLegend ?? ("Outcome", "Outcome (at least)", "Outcome (at most)"), language, sizes);

        int first = Math.Min(xs.Length > 0 ? (int)xs[0] : indicator.BaseYear, observed.Count > 0 ? observed[0].Year : int.MaxValue);
        int last = Math.Max(indicator.Target.Year, xs.Length > 0 ? (int)xs[^1] : indicator.Target.Year);
        plot.Axes.SetLimitsX(first - 0.4, last + 0.4);
        ChartStyle.YearTicks(plot.Axes.Bottom, first, last);
        ChartStyle.NumberTicks(plot.Axes.Left, indicator.Model.IsCount);
        plot.Axes.Margins(bottom: 0.06, top: 0.1);

        string name = language.Name(indicator);
        plot.Title(name + "\n" + language.ProbabilityText(outcome));
        plot.YLabel(language.Unit(indicator));
        ChartStyle.Apply(plot, language, sizes);
        if (!compact)
        {
            // Below the axes, not over the data: a flow's band fills the whole plot area.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            ChartStyle.Legend(plot.Legend, language, sizes.Legend);
            plot.Legend.OutlineWidth = 0;
            plot.Legend.ShadowColor = Colors.Transparent;
        }
        else
        {
            plot.HideLegend();   // a sheet shows one legend for all its panels
        }
        return plot;
    }

    /// <summary>
    /// The years and percentiles of the fan. Where the base value is known (every model kind except a
    /// yearly flow, whose base is a placeholder) the fan starts at the base year with all percentiles
    /// equal to it; then one point per simulated year.
    /// </summary>
    public static (double[] Years, double[] P5, double[] P25, double[] P50, double[] P75, double[] P95) Fan(IndicatorOutcome outcome)
    {
        var indicator = outcome.Indicator;
        bool anchored = HasKnownBase(indicator);
        var years = new List<double>();
        var p5 = new List<double>();
        var p25 = new List<double>();
        var p50 = new List<double>();
        var p75 = new List<double>();
        var p95 = new List<double>();
        if (anchored)
        {
            years.Add(indicator.BaseYear);
            foreach (var list in new[] { p5, p25, p50, p75, p95 }) list.Add(indicator.BaseValue);
        }
        foreach (var y in outcome.Years)
        {
            years.Add(y.Year);
            p5.Add(y.P5);
            p25.Add(y.P25);
            p50.Add(y.P50);
            p75.Add(y.P75);
            p95.Add(y.P95);
        }
        return ([.. years], [.. p5], [.. p25], [.. p50], [.. p75], [.. p95]);
    }

    /// <summary>
    /// The steady path from the base value to the target: compound, base·(target/base)^((y − base year)/(T − base year)),
    /// for stocks, ratios and shares (the engine's required growth rate each year); linear for cumulative
    /// counts (the same number each year). None for a yearly flow, whose requirement is the target
    /// itself in each year, nor when a compound path is undefined (a base or target of 0 or less).
    /// </summary>
    public static (double[] Years, double[] Values)? RequiredPath(IndicatorOutcome outcome)
    {
        var indicator = outcome.Indicator;
        if (!HasKnownBase(indicator)) return null;
        int baseYear = indicator.BaseYear, targetYear = indicator.Target.Year;
        double start = indicator.BaseValue, end = indicator.Target.Value;
        bool compound = !outcome.Growth.PerYear;
        if (compound && !(start > 0 && end > 0)) return null;
        int steps = targetYear - baseYear;
        var years = new double[steps + 1];
        var values = new double[steps + 1];
        for (int k = 0; k <= steps; k++)
        {
            double t = (double)k / steps;
            years[k] = baseYear + k;
            values[k] = compound ? start * Math.Pow(end / start, t) : start + (end - start) * t;
        }
        return (years, values);
    }

    /// <summary>Yearly observations (history points of one year each) and the base value, oldest first.</summary>
    public static IReadOnlyList<HistoryPoint> Observed(Indicator indicator)
    {
        var points = indicator.HistoryPoints.Where(p => p.Years == 1 && p.Year < indicator.BaseYear).ToList();
        if (HasKnownBase(indicator)) points.Add(new HistoryPoint(indicator.BaseYear, indicator.BaseValue));
        return [.. points.OrderBy(p => p.Year)];
    }

    /// <summary>A yearly flow's base value is a placeholder the model never reads; every other kind starts from it.</summary>
    public static bool HasKnownBase(Indicator indicator) => indicator.Model.HasBaseLevel;

    private static Coordinates[] Band(double[] xs, double[] lower, double[] upper)
    {
        var points = new Coordinates[xs.Length * 2];
        for (int i = 0; i < xs.Length; i++)
        {
            points[i] = new Coordinates(xs[i], upper[i]);
            points[xs.Length * 2 - 1 - i] = new Coordinates(xs[i], lower[i]);
        }
        return points;
    }

    private static void AddTarget(Plot plot, IndicatorOutcome outcome, PlotLanguage language, bool compact)
    {
        var indicator = outcome.Indicator;
        var target = indicator.Target;
        string legend = language.Words.Target + (language.Chinese ? "：" : ": ") + language.TargetText(indicator);
        if (target.Period == TargetPeriod.EveryYear)
        {
            var segment = plot.Add.Line(indicator.BaseYear + 1, target.Value, target.Year, target.Value);
            segment.LineColor = OkabeIto.Vermillion;
            segment.LineWidth = 2;
            segment.LegendText = legend;
        }
        else
        {
            var line = plot.Add.HorizontalLine(target.Value, 1.5f, OkabeIto.Vermillion);
            line.LegendText = legend;
        }
        var marker = plot.Add.Marker(target.Year, target.Value, MarkerShape.FilledDiamond, compact ? 10 : 13, OkabeIto.Vermillion);
        marker.MarkerLineColor = OkabeIto.Black;
        marker.MarkerLineWidth = 1;
    }

    /// <summary>
    /// Outcomes reported after the forecast: a filled square for a figure, a triangle pointing the way the value lies for a
    /// bound ("at least" up, "at most" down), each with its label (a number the report's list of sources explains).
    /// </summary>
    private static void AddOutcomes(Plot plot, IReadOnlyList<FanPoint> outcomes, (string Exact, string AtLeast, string AtMost) legend,
        PlotLanguage language, ChartStyle.Sizes sizes)
    {
        foreach (var (bound, shape, text) in new[]
                 {
                     (ActualBound.Exact, MarkerShape.FilledSquare, legend.Exact),
                     (ActualBound.AtLeast, MarkerShape.FilledTriangleUp, legend.AtLeast),
                     (ActualBound.AtMost, MarkerShape.FilledTriangleDown, legend.AtMost),
                 })
        {
            var group = outcomes.Where(o => o.Bound == bound).ToList();
            if (group.Count == 0) continue;
            // Triangles look smaller than squares of the same size: drawn larger.
            var markers = plot.Add.Markers(group.Select(o => (double)o.Year).ToArray(), group.Select(o => o.Value).ToArray(), shape,
                bound == ActualBound.Exact ? 11 : 14, OkabeIto.ReddishPurple);
            markers.MarkerLineColor = OkabeIto.Black;
            markers.MarkerLineWidth = 1;
            markers.LegendText = text;
        }
        foreach (var o in outcomes.Where(o => o.Label.Length > 0))
            ChartStyle.Text(plot, language, o.Label, o.Year, o.Value, sizes.Note, OkabeIto.Black, Alignment.MiddleLeft).LabelOffsetX = 8;
    }

    /// <summary>History given as a total over several years (e.g. 111 new platforms in 2016-2020) is a note, not a point.</summary>
    private static void AddPeriodTotals(Plot plot, Indicator indicator, PlotLanguage language, ChartStyle.Sizes sizes)
    {
        var totals = indicator.HistoryPoints.Where(p => p.Years > 1).ToList();
        if (totals.Count == 0) return;
        string text = string.Join("\n", totals.Select(p =>
            ChartStyle.Format(language.Words.PeriodTotal, p.Year - p.Years + 1, p.Year) + (language.Chinese ? "：" : ": ") + ChartStyle.Value(p.Value)));
        ChartStyle.Note(plot, language, text, Alignment.LowerRight, sizes.Note);
    }
}

/// <summary>An outcome drawn on a fan chart.</summary>
/// <param name="Year">The year it is about.</param>
/// <param name="Value">The reported figure.</param>
/// <param name="Bound">Whether the figure is the value or a bound on it.</param>
/// <param name="Label">A short label drawn beside it (empty for none).</param>
internal sealed record FanPoint(int Year, double Value, ActualBound Bound, string Label);
