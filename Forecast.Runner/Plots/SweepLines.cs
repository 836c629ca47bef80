using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// A one-lever sweep: the probability of each headline target (and of all of them met together) against the lever's
/// value, one line per target differing in colour and marker, with the 80% line and the lever's value now.
/// </summary>
internal static class SweepLines
{
    /// <summary>The targets drawn: the headline targets (every target if none is), then all headline targets met together when there are two or more.</summary>
    public static IReadOnlyList<string> Targets(SweepResult result, Scenario scenario)
    {
        var headline = result.IndicatorIds.Where(id => scenario.Indicator(id).Headline).ToList();
        if (headline.Count == 0) return [.. result.IndicatorIds];
        return headline.Count > 1 ? [.. headline, ScenarioComparison.AllHeadlineTargetsId] : headline;
    }

    /// <summary>The lever's values ascending and, for target <paramref name="id"/>, the probability at each.</summary>
    public static (double[] Values, double[] Probabilities) Line(SweepResult result, string id)
    {
        var order = result.Points.OrderBy(p => p.LeverValues[0]).ToArray();
        return ([.. order.Select(p => p.LeverValues[0])], [.. order.Select(p => SweepSurface.Estimate(p, result, id).Value)]);
    }

    public static int Height(SweepResult result, Scenario scenario) => Math.Max(600, 200 + 30 * Targets(result, scenario).Count);

    public static Plot Build(SweepResult result, Scenario scenario, PlotLanguage language)
    {
        if (result.Axes.Count != 1) throw new ArgumentException("a line chart needs a sweep of one lever", nameof(result));
        var whatIf = WhatIfWords.Of(language);
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        var lever = result.Axes[0].Lever;

        var line80 = plot.Add.HorizontalLine(SweepHeatmap.Level, 1.5f, OkabeIto.Grey, LinePattern.Dashed);
        line80.LegendText = whatIf.Line80;
        var targets = Targets(result, scenario);
        int k = 0;
        foreach (string id in targets)
        {
            var (xs, ps) = Line(result, id);
            var line = plot.Add.Scatter(xs, ps);
            line.LegendText = SweepHeatmap.TargetName(id, scenario, language);
            if (id == ScenarioComparison.AllHeadlineTargetsId)
            {
                line.Color = OkabeIto.Black;
                line.LineWidth = 3;
                line.LinePattern = LinePattern.Dotted;
                line.MarkerShape = MarkerShape.None;
                continue;
            }
            line.Color = OkabeIto.Series(k);
            line.LineWidth = 2;
            line.MarkerShape = OkabeIto.SeriesMarker(k);
            line.MarkerSize = xs.Length > 30 ? 5 : 8;
            if (k >= 7)
            {
                // The colours repeat after seven: a dashed line, drawn apart from its markers (see ChartStyle.PatternedLineWithMarkers).
                plot.Remove(line);
                var (_, markers) = ChartStyle.PatternedLineWithMarkers(plot, xs, ps, LinePattern.Dashed, OkabeIto.Series(k), 2, OkabeIto.SeriesMarker(k), xs.Length > 30 ? 5 : 8);
                markers.LegendText = SweepHeatmap.TargetName(id, scenario, language);
            }
            k++;
        }

        double now = lever.CurrentValue(scenario);
        var values = result.Axes[0].Values;
        if (now >= values.Min() && now <= values.Max())
        {
            var nowLine = plot.Add.VerticalLine(now, 1.5f, OkabeIto.Black, LinePattern.Dotted);
            nowLine.ExcludeFromLegend = true;
            ChartStyle.Text(plot, language, whatIf.Now + " " + language.LeverValue(lever, scenario, now), now, 1.0, ChartStyle.Sizes.Full.Note, OkabeIto.Black, Alignment.UpperLeft)
                .LabelOffsetX = 3;
        }

        SweepHeatmap.GridTicks(plot.Axes.Bottom, [.. values.Order()], SweepHeatmap.TickText(lever, scenario));
        ChartStyle.PercentTicks(plot.Axes.Left);
        double step = values.Count > 1 ? Math.Abs(values[^1] - values[0]) / (values.Count - 1) : 1;
        plot.Axes.SetLimits(values.Min() - step / 3, values.Max() + step / 3, -0.02, 1.04);

        plot.Title(ChartStyle.Format(whatIf.SweepLinesTitle, lever.ToString()));
        plot.XLabel(language.LeverText(lever, scenario));
        plot.YLabel(language.Words.ProbabilityAxis);
        ChartStyle.Apply(plot, language, sizes);
        // To the right, one target a row: a legend below that wraps long Chinese names into rows is measured too short by ScottPlot and clipped.
        plot.ShowLegend(Edge.Right);
        plot.Legend.Orientation = Orientation.Vertical;
        ChartStyle.Legend(plot.Legend, language, sizes.Legend);
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }
}
