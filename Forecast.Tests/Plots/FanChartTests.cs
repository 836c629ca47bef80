using Forecast.Engine.Results;
using Forecast.Runner.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Tests.Plots;

public class FanChartTests
{
    private static readonly PlotWords Words = PlotWords.En;

    private static Scatter Line(Plot plot, string legend) => plot.GetPlottables<Scatter>().Single(s => s.LegendText == legend);

    private static Coordinates[] Polygon(Plot plot, string legend) => plot.GetPlottables<ScottPlot.Plottables.Polygon>().Single(p => p.LegendText == legend).Coordinates;

    [Fact]
    public void MedianLine_IsTheBaseValueThenEveryYearsP50()
    {
        foreach (var outcome in PlotData.LiaochengRun.Indicators)
        {
            var plot = FanChart.Build(outcome, PlotData.English);
            var points = Line(plot, Words.Median).Data.GetScatterPoints();
            var expected = FanChart.HasKnownBase(outcome.Indicator)
                ? [new Coordinates(outcome.Indicator.BaseYear, outcome.Indicator.BaseValue), .. outcome.Years.Select(y => new Coordinates(y.Year, y.P50))]
                : outcome.Years.Select(y => new Coordinates(y.Year, y.P50)).ToArray();
            Assert.Equal(expected, points);
        }
    }

    [Fact]
    public void Bands_RunAlongP95AndBackAlongP5_AndAlongP75AndBackAlongP25()
    {
        var outcome = PlotData.LiaochengRun["hightech_enterprises"];
        var plot = FanChart.Build(outcome, PlotData.English);
        var band90 = Polygon(plot, Words.Band90);
        var band50 = Polygon(plot, Words.Band50);
        int n = outcome.Years.Count + 1;   // the base year, then each simulated year
        Assert.Equal(2 * n, band90.Length);
        for (int k = 0; k < outcome.Years.Count; k++)
        {
            var y = outcome.Years[k];
            Assert.Equal(new Coordinates(y.Year, y.P95), band90[k + 1]);
            Assert.Equal(new Coordinates(y.Year, y.P5), band90[2 * n - 2 - k]);
            Assert.Equal(new Coordinates(y.Year, y.P75), band50[k + 1]);
            Assert.Equal(new Coordinates(y.Year, y.P25), band50[2 * n - 2 - k]);
        }
    }

    [Fact]
    public void RequiredPath_ForCompoundGrowth_GrowsAtTheEnginesRequiredRate_FromBaseToTarget()
    {
        var outcome = PlotData.LiaochengRun["hightech_enterprises"];
        var path = FanChart.RequiredPath(outcome)!.Value;
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025], path.Years);
        Assert.Equal(268, path.Values[0], 9);
        Assert.Equal(600, path.Values[^1], 9);
        // (600/268)^(1/5) − 1 = 17.49% a year, the rate GrowthAssessment reports as required.
        for (int k = 1; k < path.Values.Length; k++)
            Assert.Equal(1 + outcome.Growth.RequiredRate, path.Values[k] / path.Values[k - 1], 12);
        var plotted = Line(FanChart.Build(outcome, PlotData.English), Words.RequiredPath).Data.GetScatterPoints();
        Assert.Equal(path.Values, plotted.Select(c => c.Y).ToArray());
    }

    [Fact]
    public void RequiredPath_ForACumulativeCount_IsTheSameAmountEachYear()
    {
        var path = FanChart.RequiredPath(PlotData.LiaochengRun["new_hightech_enterprises"])!.Value;
        Assert.Equal([0.0, 60, 120, 180, 240, 300], path.Values.Select(v => Math.Round(v, 9)).ToArray());
    }

    [Fact]
    public void RequiredPath_ForAYearlyFlow_IsLeftOut_AndSoIsItsPlaceholderBase()
    {
        var outcome = PlotData.LiaochengRun["major_projects_per_year"];
        Assert.Null(FanChart.RequiredPath(outcome));
        var plot = FanChart.Build(outcome, PlotData.English);
        Assert.DoesNotContain(plot.GetPlottables<Scatter>(), s => s.LegendText == Words.RequiredPath || s.LegendText == Words.Observed);
        Assert.Equal(2021, Line(plot, Words.Median).Data.GetScatterPoints()[0].X);
    }

    [Fact]
    public void Target_IsAHorizontalLineAtItsValue_MarkedInItsYear()
    {
        var outcome = PlotData.LiaochengRun["tech_smes"];
        var plot = FanChart.Build(outcome, PlotData.English);
        var line = plot.GetPlottables<HorizontalLine>().Single();
        Assert.Equal(800, line.Position);
        Assert.Equal("Target: ≥ 800 in 2025", line.LegendText);
        var marker = plot.GetPlottables<Marker>().Single();
        Assert.Equal(new Coordinates(2025, 800), marker.Location);
    }

    [Fact]
    public void EveryYearTarget_IsASegmentOverTheYearsItHoldsIn()
    {
        var plot = FanChart.Build(PlotData.LiaochengRun["major_projects_per_year"], PlotData.English);
        var segment = plot.GetPlottables<LinePlot>().Single();
        Assert.Equal(new Coordinates(2021, 45), segment.Start);
        Assert.Equal(new Coordinates(2025, 45), segment.End);
        Assert.Equal("Target: ≥ 45 every year 2021-2025", segment.LegendText);
        Assert.Empty(plot.GetPlottables<HorizontalLine>());
    }

    [Fact]
    public void Observed_IsTheYearlyHistoryAndTheBase_AndAPeriodTotalIsANote()
    {
        var outcome = PlotData.Small["stock"];
        var plot = FanChart.Build(outcome, PlotData.English);
        Assert.Equal([new Coordinates(2015, 60), new Coordinates(2020, 100)], Line(plot, Words.Observed).Data.GetScatterPoints());
        Assert.Contains(plot.GetPlottables<Annotation>(), a => a.Text == "2016-2020 total: 400");
    }

    [Fact]
    public void Title_NamesTheIndicator_AndGivesTheProbabilityWithItsIntervalAndStatus()
    {
        var outcome = PlotData.LiaochengRun["science_literacy"];
        var plot = FanChart.Build(outcome, PlotData.English);
        string title = plot.Axes.Title.Label.Text;
        Assert.StartsWith("Citizens with basic science literacy\n", title, StringComparison.Ordinal);
        string expected = $"P(target met) = {ChartStyle.Percent(outcome.Probability)} (95% interval {ChartStyle.Percent(outcome.ProbabilityCi95.Lower).TrimEnd('%')}-"
            + $"{ChartStyle.Percent(outcome.ProbabilityCi95.Upper)}), {outcome.Status.Words()}";
        Assert.EndsWith(expected, title, StringComparison.Ordinal);
    }

    [Fact]
    public void YearAxis_HasOneWholeYearLabelPerYear_WithoutDigitGrouping()
    {
        var plot = FanChart.Build(PlotData.LiaochengRun["hightech_output_share"], PlotData.English);
        plot.RenderInMemory(900, 560);   // a tick generator lists its ticks once the axis is laid out
        var ticks = ((ScottPlot.TickGenerators.NumericManual)plot.Axes.Bottom.TickGenerator).Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(Enumerable.Range(2015, 11).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position));
    }

    [Fact]
    public void Compact_HasNoLegend_ForASheetThatShowsOne()
    {
        var compact = FanChart.Build(PlotData.LiaochengRun["rd_intensity"], PlotData.English, compact: true);
        Assert.False(compact.Legend.IsVisible);
        Assert.Empty(compact.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        var full = FanChart.Build(PlotData.LiaochengRun["rd_intensity"], PlotData.English);
        Assert.Single(full.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
    }
}
