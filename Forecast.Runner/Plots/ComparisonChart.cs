using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// Scenarios side by side: for each target a group of horizontal bars, one per scenario (the reference first, at
/// the top of its group), each with its 95% Wilson interval. The scenarios differ in Okabe-Ito colour and in
/// hatching, so that the chart reads in greyscale. Rows: the headline targets, every headline target met on the
/// same path, then the other targets.
/// </summary>
internal static class ComparisonChart
{
    /// <summary>The rows from the top: headline targets, the joint headline row (when there are headline targets), the others.</summary>
    public static IReadOnlyList<TargetComparison> Rows(ComparisonResult result, Scenario reference)
    {
        var headline = result.Targets.Where(t => reference.Indicator(t.Id).Headline).ToList();
        var others = result.Targets.Where(t => !reference.Indicator(t.Id).Headline);
        return headline.Count > 0 ? [.. headline, result.AllHeadlineTargets, .. others] : [.. others];
    }

    /// <summary>The height that gives every bar a readable row.</summary>
    public static int Height(ComparisonResult result, Scenario reference) =>
        170 + (int)Math.Ceiling(Rows(result, reference).Count * (14 + 15.0 * result.Scenarios.Count));

    /// <summary>The bar position of scenario <paramref name="s"/> of <paramref name="scenarios"/> in row <paramref name="row"/> of <paramref name="rows"/>: rows one apart, the first at the top.</summary>
    public static double Position(int row, int rows, int s, int scenarios) =>
        rows - 1 - row + BarSize(scenarios) * ((scenarios - 1) / 2.0 - s);

    private static double BarSize(int scenarios) => 0.8 / scenarios;

    public static Plot Build(ComparisonResult result, Scenario reference, PlotLanguage language)
    {
        var words = language.Words;
        var whatIf = WhatIfWords.Of(language);
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        var rows = Rows(result, reference);
        int n = rows.Count, scenarios = result.Scenarios.Count;

        for (int s = 0; s < scenarios; s++)
        {
            var bars = new List<Bar>();
            for (int r = 0; r < n; r++)
            {
                var bar = new Bar
                {
                    Position = Position(r, n, s, scenarios),
                    Value = rows[r].Outcomes[s].Probability.Value,
                    ValueBase = 0,
                    Size = BarSize(scenarios) * 0.92,
                    FillColor = OkabeIto.Series(s),
                    LineColor = OkabeIto.Black,
                    LineWidth = 0.5f,
                    Orientation = Orientation.Horizontal,
                };
                if (OkabeIto.SeriesHatch(s) is { } hatch)
                {
                    bar.FillHatch = hatch;
                    bar.FillHatchColor = Colors.White.WithAlpha(0.7);
                }
                bars.Add(bar);
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = result.Scenarios[s],
                FillColor = OkabeIto.Series(s),
                FillHatch = OkabeIto.SeriesHatch(s),
                FillHatchColor = Colors.White.WithAlpha(0.7),
                OutlineColor = OkabeIto.Black,
                OutlineWidth = 0.5f,
            });

            var estimates = rows.Select(t => t.Outcomes[s].Probability).ToArray();
            var errors = new ErrorBar(
                xs: [.. estimates.Select(e => e.Value)],
                ys: [.. Enumerable.Range(0, n).Select(r => Position(r, n, s, scenarios))],
                xErrorsPositive: [.. estimates.Select(e => e.Ci95.Upper - e.Value)],
                xErrorsNegative: [.. estimates.Select(e => e.Value - e.Ci95.Lower)],
                yErrorsPositive: null,
                yErrorsNegative: null)
            {
                LineColor = OkabeIto.Black,
                LineWidth = 1.2f,
                CapSize = Math.Min(5, 40f / scenarios),
            };
            plot.Add.Plottable(errors);
            if (scenarios <= 3)
            {
                for (int r = 0; r < n; r++)
                    ChartStyle.Text(plot, language, ChartStyle.Percent(estimates[r].Value), Math.Max(estimates[r].Value, estimates[r].Ci95.Upper) + 0.01,
                        Position(r, n, s, scenarios), 10, OkabeIto.Black, Alignment.MiddleLeft).LabelBackgroundColor = Colors.Transparent;
            }
        }

        foreach (double threshold in new[] { 0.5, 0.8 })
            plot.Add.VerticalLine(threshold, 1, OkabeIto.Grey, LinePattern.Dotted).ExcludeFromLegend = true;
        for (int r = 1; r < n; r++)
        {
            bool groupEnd = rows[r - 1].Id == ScenarioComparison.AllHeadlineTargetsId;
            var divider = plot.Add.HorizontalLine(n - r - 0.5, groupEnd ? 1 : 0.5f, groupEnd ? OkabeIto.Grey : Colors.Black.WithAlpha(0.15),
                groupEnd ? LinePattern.Dashed : LinePattern.Solid);
            divider.ExcludeFromLegend = true;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < n; r++) ticks.AddMajor(n - 1 - r, RowName(rows[r], reference, language, whatIf));
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        ChartStyle.PercentTicks(plot.Axes.Bottom);
        plot.Axes.SetLimits(0, 1.1, -0.55, n - 0.45);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        plot.Title(whatIf.CompareTitle);
        plot.XLabel(words.ProbabilityAxis + language.Paren(words.Interval95));
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.Interval95, LineColor = OkabeIto.Black, LineWidth = 1.2f });
        plot.Legend.DisplayPlottableLegendItems = false;
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.RowLabels(plot, language, sizes.Legend);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    /// <summary>The indicator's name in the plot's language, or the joint row's words.</summary>
    public static string RowName(TargetComparison row, Scenario reference, PlotLanguage language, WhatIfWords words) =>
        row.Id == ScenarioComparison.AllHeadlineTargetsId ? words.AllHeadlineMet
        : row.Id == ScenarioComparison.AllTargetsId ? row.Name.In(language.Chinese)
        : language.Name(reference.Indicator(row.Id));
}
