using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Tests.Plots;

public class QuantileDensityTests
{
    private static YearStatistics Year(double p5, double p25, double p50, double p75, double p95, double probability = 0.5) =>
        new(2025, p50, p5, p25, p50, p75, p95, probability, p50);

    [Fact]
    public void Steps_SpreadEachShareEvenlyBetweenItsPercentiles()
    {
        var density = QuantileDensity.From(Year(10, 20, 25, 35, 55), isCount: false);
        Assert.Equal([10.0, 20, 25, 35, 55], density.Edges);
        // 20% over 10 units, 25% over 5, 25% over 10, 20% over 20.
        Assert.Equal([0.02, 0.05, 0.025, 0.01], density.Heights.Select(h => Math.Round(h, 12)).ToArray());
        Assert.Equal(0.9, density.MassBelow(55), 12);
        Assert.Equal(0.5, density.MassBelow(35) - density.MassBelow(20), 12);
    }

    [Fact]
    public void TargetPoint_MakesTheDrawnMissedShareTheRunsExactShare()
    {
        var target = new Target(2025, 30);
        // 30% of paths meet "≥ 30": 70% lie below it, 65% of them between P5 and the target.
        var density = QuantileDensity.From(Year(10, 20, 25, 35, 55, probability: 0.30), isCount: false, target);
        Assert.Contains(30.0, density.Edges);
        Assert.Equal(0.70 - 0.05, density.MassBelow(30), 12);
        Assert.Equal(0.9, density.MassBelow(55), 12);
    }

    [Fact]
    public void Counts_AreDrawnContinuityCorrected_OneCellPerCount()
    {
        // P5 = 0, P25 = P50 = 1, P75 = 2, P95 = 4 (the shipped scenario's listed high-tech firms); 23% of paths have none.
        var density = QuantileDensity.From(Year(0, 1, 1, 2, 4, probability: 0.77), isCount: true, new Target(2025, 1));
        Assert.Equal([-0.5, 0.5, 1.5, 2.5, 4.5], density.Edges);
        Assert.Equal([0.05, 0.23, 0.50, 0.75, 0.95], density.Cdf.Select(f => Math.Round(f, 12)).ToArray());
        Assert.Equal(0.23 - 0.05, density.MassBelow(0.5), 12);
    }

    [Fact]
    public void EqualPercentiles_OfAContinuousIndicator_StillGiveFiniteSteps()
    {
        var density = QuantileDensity.From(Year(3, 3, 3, 5, 8), isCount: false);
        Assert.All(density.Heights, h => Assert.True(double.IsFinite(h) && h > 0));
        Assert.Equal(0.9, density.MassBelow(8), 9);
    }

    [Fact]
    public void AtMostTarget_PointIsTheShareAtOrBelowTheTarget()
    {
        var point = QuantileDensity.TargetPoint(Year(1, 2, 3, 4, 5, probability: 0.4), isCount: false, new Target(2025, 2.5, Direction.AtMost));
        Assert.Equal((2.5, 0.4), point);
        var count = QuantileDensity.TargetPoint(Year(1, 2, 3, 4, 5, probability: 0.4), isCount: true, new Target(2025, 2, Direction.AtMost));
        Assert.Equal((2.5, 0.4), count);
    }
}

public class TargetYearDensityChartTests
{
    private static double Area(Coordinates[] polygon)
    {
        double twice = 0;
        for (int i = 0; i < polygon.Length; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Length];
            twice += a.X * b.Y - b.X * a.Y;
        }
        return Math.Abs(twice) / 2;
    }

    [Fact]
    public void ShadedMissedSide_HasTheAreaOfTheRunsMissedShare_LessTheUndrawnTail()
    {
        foreach (string id in new[] { "science_literacy", "rd_intensity", "innovative_counties", "new_hightech_enterprises" })
        {
            var outcome = PlotData.LiaochengRun[id];
            var plot = TargetYearDensityChart.Build(outcome, PlotData.English);
            var polygons = plot.GetPlottables<ScottPlot.Plottables.Polygon>().ToList();
            var body = polygons.Single(p => p.LegendText == PlotWords.En.DensityLegend);
            var missed = polygons.Single(p => p.LegendText == PlotWords.En.MissedSide);
            Assert.Equal(0.9, Area(body.Coordinates), 9);
            Assert.Equal(1 - outcome.TargetYear.Probability - 0.05, Area(missed.Coordinates), 9);
        }
    }

    [Fact]
    public void TargetLine_StandsAtTheTarget_OrForACountAtTheEdgeOfItsCell()
    {
        var share = TargetYearDensityChart.Build(PlotData.LiaochengRun["science_literacy"], PlotData.English);
        Assert.Contains(share.GetPlottables<VerticalLine>(), l => l.Position == 15 && l.LegendText == "Target: ≥ 15 in 2025");
        var counties = TargetYearDensityChart.Build(PlotData.LiaochengRun["innovative_counties"], PlotData.English);
        Assert.Contains(counties.GetPlottables<VerticalLine>(), l => l.Position == 4.5 && l.LegendText == "Target: ≥ 5 in 2025");
    }

    [Fact]
    public void Note_GivesTheExactShareThatMisses_AndForEveryYearTargetsTheShareThatMissesAnyYear()
    {
        var outcome = PlotData.LiaochengRun["major_projects_per_year"];
        string note = TargetYearDensityChart.Build(outcome, PlotData.English).GetPlottables<Annotation>().Single().Text;
        Assert.Equal($"Missed in 2025: {ChartStyle.Percent(1 - outcome.TargetYear.Probability)} of paths\n"
            + $"Missed in at least one year: {ChartStyle.Percent(1 - outcome.Probability)}", note);
    }
}
