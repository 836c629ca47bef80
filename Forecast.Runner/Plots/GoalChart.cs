using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// A goal seek: the probability of the target at the lever values the result reports (the range's ends, the value
/// now and the answer), each with its 95% interval, the wanted probability as a line and, when reached, the answer
/// with its 95% interval as a band. The points are joined by a dotted line only to guide the eye: nothing is
/// estimated between them.
/// </summary>
internal static class GoalChart
{
    /// <summary>What a point of the chart is.</summary>
    public enum PointKind
    {
        /// <summary>An end of the range searched.</summary>
        RangeEnd,

        /// <summary>The lever's value in the scenario.</summary>
        Now,

        /// <summary>The answer (or, already reached, the range's weaker end).</summary>
        Answer,
    }

    /// <summary>The points drawn, by lever value; at a value reported twice the later kind wins (an answer over a range end).</summary>
    public static IReadOnlyList<(double Lever, ProbabilityEstimate Probability, PointKind Kind)> Points(GoalSeekResult result)
    {
        var points = new List<(double, ProbabilityEstimate, PointKind)>
        {
            (result.Low, result.ProbabilityAtLow, PointKind.RangeEnd),
            (result.High, result.ProbabilityAtHigh, PointKind.RangeEnd),
            (result.CurrentValue, result.ProbabilityAtCurrent, PointKind.Now),
        };
        if (result.Status != GoalSeekStatus.NotReachable && double.IsFinite(result.Value)) points.Add((result.Value, result.ProbabilityAtValue, PointKind.Answer));
        return [.. points.GroupBy(p => p.Item1).Select(g => g.Last()).OrderBy(p => p.Item1)];
    }

    public static Plot Build(GoalSeekResult result, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        var points = Points(result);
        // A rate lever's values as people say them: "18.1% a year".
        string Value(double v) => language.LeverValue(result.Lever, scenario, v);

        if (result.Status == GoalSeekStatus.Reached)
        {
            var band = plot.Add.HorizontalSpan(result.Lower.Value, result.Upper.Value);
            band.FillStyle.Color = OkabeIto.Vermillion.WithAlpha(0.15);
            band.LineStyle.Width = 0;
            band.LegendText = ChartStyle.Format(whatIf.Answer, Value(result.Value),
                Bound(result.Lower, below: true, Value), Bound(result.Upper, below: false, Value));
        }
        var wanted = plot.Add.HorizontalLine(result.WantedProbability, 1.5f, OkabeIto.Grey, LinePattern.Dashed);
        wanted.LegendText = ChartStyle.Format(whatIf.Wanted, ChartStyle.Percent(result.WantedProbability));

        var guide = plot.Add.ScatterLine(points.Select(p => p.Lever).ToArray(), points.Select(p => p.Probability.Value).ToArray());
        guide.Color = OkabeIto.Grey;
        guide.LinePattern = LinePattern.Dotted;
        guide.LineWidth = 1.5f;

        var errors = new ErrorBar(
            xs: [.. points.Select(p => p.Lever)],
            ys: [.. points.Select(p => p.Probability.Value)],
            xErrorsPositive: null,
            xErrorsNegative: null,
            yErrorsPositive: [.. points.Select(p => p.Probability.Ci95.Upper - p.Probability.Value)],
            yErrorsNegative: [.. points.Select(p => p.Probability.Value - p.Probability.Ci95.Lower)])
        { LineColor = OkabeIto.Black, LineWidth = 1.5f, CapSize = 8, LegendText = whatIf.Estimated };
        plot.Add.Plottable(errors);
        double span = points.Max(p => p.Lever) - points.Min(p => p.Lever);
        foreach (var (lever, probability, kind) in points)
        {
            var (shape, color, size) = kind switch
            {
                PointKind.Answer => (MarkerShape.FilledDiamond, OkabeIto.Vermillion, 15f),
                PointKind.Now => (MarkerShape.OpenCircle, OkabeIto.Black, 13f),
                _ => (MarkerShape.FilledCircle, OkabeIto.Blue, 10f),
            };
            var marker = plot.Add.Marker(lever, probability.Value, shape, size, color);
            marker.MarkerLineWidth = 2;
            string text = (kind == PointKind.Now ? whatIf.Now + " " : "") + Value(lever) + language.Colon + ChartStyle.Percent(probability.Value);
            // The answer often lies beside a range end (both near the wanted probability): its label goes below its point, the other's above.
            bool crowded = kind == PointKind.Answer && points.Any(o => o.Kind != PointKind.Answer && Math.Abs(o.Lever - lever) < 0.1 * span);
            ChartStyle.Text(plot, language, text, lever, probability.Value, sizes.Note, OkabeIto.Black,
                probability.Value > 0.85 || crowded ? Alignment.UpperLeft : Alignment.LowerLeft).LabelOffsetX = 8;
        }
        if (result.Status == GoalSeekStatus.NotReachable)
            ChartStyle.Note(plot, language, whatIf.NotReached, Alignment.UpperLeft, sizes.Note);

        double left = points.Min(p => p.Lever), right = points.Max(p => p.Lever);
        double pad = (right - left) * 0.06 + (right == left ? 1 : 0);
        plot.Axes.SetLimits(left - pad, right + 3 * pad, -0.02, 1.04);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = SweepHeatmap.TickText(result.Lever, scenario) };
        ChartStyle.PercentTicks(plot.Axes.Left);

        var indicator = scenario.Indicator(result.IndicatorId);
        plot.Title(ChartStyle.Format(whatIf.GoalTitle, language.Name(indicator), ChartStyle.Percent(result.WantedProbability)) + "\n" + language.TargetText(indicator));
        plot.XLabel(language.LeverText(result.Lever, scenario));
        plot.YLabel(language.Words.ProbabilityAxis);
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    private static string Bound(GoalBound bound, bool below, Func<double, string> value) =>
        bound.BeyondRange ? (below ? "≤ " : "≥ ") + value(bound.Value) : value(bound.Value);
}
