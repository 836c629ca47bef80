using Forecast.Engine.Results;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// The probability of reaching each target as horizontal bars, headline targets first, each with its
/// 95% Wilson interval and coloured by status: on track (p ≥ 0.8), at risk (0.5 ≤ p &lt; 0.8), off
/// track (p &lt; 0.5, also hatched so that it reads in greyscale).
/// </summary>
internal static class TargetProbabilityChart
{
    /// <summary>The indicators in the order drawn from the top: headline targets, then the others, each in scenario order.</summary>
    public static IReadOnlyList<IndicatorOutcome> Order(SimulationResult result) =>
        [.. result.Indicators.Where(o => o.Indicator.Headline), .. result.Indicators.Where(o => !o.Indicator.Headline)];

    /// <summary>The height that gives every bar a readable row.</summary>
    public static int Height(SimulationResult result) => 150 + 30 * result.Indicators.Count;

    public static Plot Build(SimulationResult result, PlotLanguage language)
    {
        var words = language.Words;
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        var order = Order(result);
        int n = order.Count;

        var bars = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var o = order[i];
            var color = OkabeIto.Status(o.Status);
            var bar = new Bar
            {
                Position = Row(i, n),
                Value = o.Probability,
                ValueBase = 0,
                Size = 0.7,
                FillColor = color,
                LineColor = OkabeIto.Black,
                LineWidth = 0.5f,
                Orientation = Orientation.Horizontal,
            };
            if (OkabeIto.StatusHatched(o.Status))
            {
                bar.FillHatch = new ScottPlot.Hatches.Striped();
                bar.FillHatchColor = Colors.White.WithAlpha(0.6);
            }
            bars.Add(bar);
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;

        var errors = new ErrorBar(
            xs: [.. order.Select(o => o.Probability)],
            ys: [.. Enumerable.Range(0, n).Select(i => Row(i, n))],
            xErrorsPositive: [.. order.Select(o => o.ProbabilityCi95.Upper - o.Probability)],
            xErrorsNegative: [.. order.Select(o => o.Probability - o.ProbabilityCi95.Lower)],
            yErrorsPositive: null,
            yErrorsNegative: null)
        {
            LineColor = OkabeIto.Black,
            LineWidth = 1.5f,
            CapSize = 6,
        };
        plot.Add.Plottable(errors);

        for (int i = 0; i < n; i++)
        {
            var o = order[i];
            ChartStyle.Text(plot, language, ChartStyle.Percent(o.Probability), Math.Max(o.Probability, o.ProbabilityCi95.Upper) + 0.012, Row(i, n),
                sizes.Note, OkabeIto.Black, Alignment.MiddleLeft);
        }

        foreach (double threshold in new[] { 0.5, 0.8 })
        {
            var line = plot.Add.VerticalLine(threshold, 1, OkabeIto.Grey, LinePattern.Dotted);
            line.ExcludeFromLegend = true;
        }
        int headline = order.Count(o => o.Indicator.Headline);
        if (headline > 0 && headline < n)
        {
            double y = Row(headline - 1, n) - 0.5;
            var divider = plot.Add.HorizontalLine(y, 1, OkabeIto.Grey, LinePattern.Dashed);
            divider.ExcludeFromLegend = true;
            ChartStyle.Text(plot, language, words.HeadlineGroup + " ↑", 1.095, y, sizes.Note, OkabeIto.Grey, Alignment.LowerRight).LabelOffsetY = -2;
            ChartStyle.Text(plot, language, words.OtherGroup + " ↓", 1.095, y, sizes.Note, OkabeIto.Grey, Alignment.UpperRight).LabelOffsetY = 2;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) ticks.AddMajor(Row(i, n), language.Name(order[i].Indicator));
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        ChartStyle.PercentTicks(plot.Axes.Bottom);
        plot.Axes.SetLimits(0, 1.1, -0.6, n - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        plot.Title(words.ProbabilityChartTitle);
        plot.XLabel(words.ProbabilityAxis);
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.RowLabels(plot, language, sizes.Legend);   // the indicators' names
        plot.Legend.ManualItems.AddRange(StatusLegend(language, errors));
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        ChartStyle.Legend(plot.Legend, language, sizes.Legend);
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    /// <summary>The bar position of the i-th indicator: the first at the top.</summary>
    public static double Row(int i, int n) => n - 1 - i;

    private static List<LegendItem> StatusLegend(PlotLanguage language, ErrorBar errors)
    {
        var words = language.Words;
        var items = new List<LegendItem>();
        foreach (var (status, range) in new[] { (TargetStatus.OnTrack, "≥ 80%"), (TargetStatus.AtRisk, "50-80%"), (TargetStatus.OffTrack, "< 50%") })
        {
            var item = new LegendItem
            {
                LabelText = words.Status(status) + language.Paren(range),
                FillColor = OkabeIto.Status(status),
                OutlineColor = OkabeIto.Black,
                OutlineWidth = 0.5f,
            };
            if (OkabeIto.StatusHatched(status))
            {
                item.FillHatch = new ScottPlot.Hatches.Striped();
                item.FillHatchColor = Colors.White.WithAlpha(0.6);
            }
            items.Add(item);
        }
        items.Add(new LegendItem { LabelText = words.Interval95, LineColor = OkabeIto.Black, LineWidth = 1.5f, Plottable = errors });
        return items;
    }
}
