using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Runner.Plots;
using MathNet.Numerics.Distributions;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Tests.Plots;

/// <summary>
/// The target-year chart draws the run's own distribution: shares of paths per bin read from the quantile function the run
/// keeps (1,000 points), checked against closed forms. The tolerance is the grid's resolution: a quantile function known at
/// p = (i + ½)/1000 and linear between places every CDF value within 1/1000 of the true one (twice for a difference).
/// </summary>
public class PathHistogramTests
{
    private const double Resolution = 2.0 / ForecastDistribution.GridPoints;

    private static ForecastDistribution NormalDistribution(double mu, double sigma) =>
        new(Normal.InvCDF(mu, sigma, 1e-6), Normal.InvCDF(mu, sigma, 1 - 1e-6), mu,
            ForecastDistribution.GridProbabilities().Select(p => Normal.InvCDF(mu, sigma, p)).ToArray());

    /// <summary>Poisson(λ) as a count's quantile function: the smallest k with F(k) ≥ p.</summary>
    private static ForecastDistribution PoissonDistribution(double lambda)
    {
        int Quantile(double p)
        {
            int k = 0;
            while (Poisson.CDF(lambda, k) < p) k++;
            return k;
        }
        return new ForecastDistribution(0, Quantile(1 - 1e-9), lambda, ForecastDistribution.GridProbabilities().Select(p => (double)Quantile(p)).ToArray());
    }

    [Fact]
    public void Shares_AreTheNormalsProbabilitiesBetweenEdges_WithAnEdgeAtTheTarget()
    {
        var histogram = PathHistogram.From(NormalDistribution(10, 2), isCount: false, boundary: 12);
        Assert.Contains(12.0, histogram.Edges);
        Assert.Equal(0.5, histogram.Width);   // (P99.5 − P0.5) / 40 = 10.3 / 40 = 0.26, rounded up to a round width
        Assert.InRange(histogram.Shares.Length, 20, 45);
        for (int k = 0; k < histogram.Shares.Length; k++)
        {
            double exact = Normal.CDF(10, 2, histogram.Edges[k + 1]) - Normal.CDF(10, 2, histogram.Edges[k]);
            Assert.Equal(exact, histogram.Shares[k], Resolution);
        }
        Assert.Equal(Normal.CDF(10, 2, histogram.Edges[0]), histogram.Below, Resolution);
        Assert.Equal(1 - Normal.CDF(10, 2, histogram.Edges[^1]), histogram.Above, Resolution);
        Assert.Equal(1, histogram.Below + histogram.Shares.Sum() + histogram.Above, 12);
        // The bins below the target hold the distribution's share below it: P(X < 12) = Φ(1).
        Assert.Equal(Normal.CDF(0, 1, 1) - histogram.Below, histogram.Share(to: 12), Resolution);
    }

    [Fact]
    public void Counts_HaveOneBinPerCount_HoldingItsProbability()
    {
        var histogram = PathHistogram.From(PoissonDistribution(10), isCount: true, boundary: PathHistogram.Boundary(new Target(2025, 12), isCount: true));
        Assert.Equal(1, histogram.Width);
        Assert.Contains(11.5, histogram.Edges);   // "≥ 12" starts at 11.5
        for (int k = 0; k < histogram.Shares.Length; k++)
        {
            double centre = (histogram.Edges[k] + histogram.Edges[k + 1]) / 2;
            Assert.Equal(Math.Round(centre), centre, 12);
            Assert.Equal(Poisson.PMF(10, (int)centre), histogram.Shares[k], Resolution);
        }
        Assert.Equal(5.5, PathHistogram.Boundary(new Target(2025, 5, Direction.AtMost), isCount: true));
        Assert.Equal(4.5, PathHistogram.Boundary(new Target(2025, 4.2), isCount: true));
    }

    [Fact]
    public void NiceWidth_IsOneTwoOrFiveTimesAPowerOfTen()
    {
        Assert.Equal(0.5, PathHistogram.NiceWidth(12, 0));
        Assert.Equal(2, PathHistogram.NiceWidth(70, 0));
        Assert.Equal(0.001, PathHistogram.NiceWidth(0.04, 0), 12);
        Assert.Equal(100, PathHistogram.NiceWidth(4000, 0));
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

    private static ForecastDistribution TargetYear(string id)
    {
        var indicator = PlotData.Liaocheng.Indicator(id);
        return PlotData.LiaochengDistribution.Indicator(id)!.Year(indicator.Target.Year)!;
    }

    [Fact]
    public void ShadedMissedSide_IsTheRunsShareOfPathsThatMiss()
    {
        foreach (string id in new[] { "science_literacy", "rd_intensity", "innovative_counties", "new_hightech_enterprises" })
        {
            var outcome = PlotData.LiaochengRun[id];
            var distribution = TargetYear(id);
            var plot = TargetYearDensityChart.Build(outcome, distribution, PlotData.English);
            var polygons = plot.GetPlottables<ScottPlot.Plottables.Polygon>().ToList();
            var body = polygons.Single(p => p.LegendText == PlotWords.En.DensityLegend);
            var missed = polygons.Single(p => p.LegendText == PlotWords.En.MissedSide);
            var histogram = PathHistogram.From(distribution, outcome.Indicator.Model.IsCount, PathHistogram.Boundary(outcome.Indicator.Target, outcome.Indicator.Model.IsCount));
            // Bars of height "share of paths" and width w: the drawn area over w is the share of paths drawn.
            Assert.Equal(1 - histogram.Below - histogram.Above, Area(body.Coordinates) / histogram.Width, 9);
            double tail = outcome.Indicator.Target.Direction == Direction.AtLeast ? histogram.Below : histogram.Above;
            // The missed bars plus the tail beyond them are the run's share that misses, to the grid's resolution.
            Assert.Equal(1 - outcome.TargetYear.Probability, Area(missed.Coordinates) / histogram.Width + tail, 2.0 / ForecastDistribution.GridPoints);
        }
    }

    [Fact]
    public void TargetLine_StandsAtTheTarget_OrForACountAtTheEdgeOfItsCell_AndTheNoteKeepsAwayFromIt()
    {
        var share = TargetYearDensityChart.Build(PlotData.LiaochengRun["science_literacy"], TargetYear("science_literacy"), PlotData.English);
        Assert.Contains(share.GetPlottables<VerticalLine>(), l => l.Position == 15 && l.LegendText == "Target: ≥ 15 in 2025");
        var counties = TargetYearDensityChart.Build(PlotData.LiaochengRun["innovative_counties"], TargetYear("innovative_counties"), PlotData.English);
        Assert.Contains(counties.GetPlottables<VerticalLine>(), l => l.Position == 4.5 && l.LegendText == "Target: ≥ 5 in 2025");
        Assert.Equal(Alignment.UpperLeft, TargetYearDensityChart.NoteCorner(8, 0, 10));
        Assert.Equal(Alignment.UpperRight, TargetYearDensityChart.NoteCorner(2, 0, 10));
        Assert.StartsWith("Share of paths per bin", share.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_GivesTheExactShareThatMisses_AndForEveryYearTargetsTheShareThatMissesAnyYear()
    {
        var outcome = PlotData.LiaochengRun["major_projects_per_year"];
        string note = TargetYearDensityChart.Build(outcome, TargetYear("major_projects_per_year"), PlotData.English).GetPlottables<Annotation>().Single().Text;
        Assert.Equal($"Missed in 2025: {ChartStyle.Percent(1 - outcome.TargetYear.Probability)} of paths\n"
            + $"Missed in at least one year: {ChartStyle.Percent(1 - outcome.Probability)}", note);
    }
}
