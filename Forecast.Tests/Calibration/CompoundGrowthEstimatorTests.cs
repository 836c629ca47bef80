using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

public class CompoundGrowthEstimatorTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoPoints_GiveTheCagr_OfHighTechEnterprises51To268_As39_35Percent()
    {
        // Plan L107: 51 high-tech enterprises in 2015, 268 in 2020. (268/51)^(1/5) − 1 = 0.393519…
        // (1.3935^5 = 5.2545 < 268/51 = 5.2549 < 1.3936^5 = 5.2564), i.e. 39.35%, not the 39.36% sometimes quoted.
        var series = HistoricalSeries.FromValues("hightech_enterprises", [(2015, 51), (2020, 268)], "Liaocheng");

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series);

        Assert.Equal(FitStatus.AverageOnly, fit.Status);
        Assert.Equal(0.393519, fit.ArithmeticRate.Estimate, 6);
        Assert.Equal(Math.Log(268.0 / 51.0) / 5, fit.Drift.Estimate, 12);
        Assert.False(fit.Drift.HasInterval);
        Assert.True(double.IsNaN(fit.Volatility.Estimate));
        Assert.Contains("only two observations", fit.Warnings.Single(), StringComparison.Ordinal);
        Assert.Contains("no prior was given", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoPoints_WithPrior_TakeVolatilityFromThePrior_AndSaySo()
    {
        var series = HistoricalSeries.FromValues("hightech_enterprises", [(2015, 51), (2020, 268)], "Liaocheng");
        var prior = new GrowthPrior(0.15, "test prior");

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series, prior);

        Assert.Equal(0.15, fit.Volatility.Estimate);
        Assert.Equal("prior: test prior", fit.VolatilitySource);
        // Drift interval conditional on the prior: g ± 1.959964·0.15/√5.
        double g = Math.Log(268.0 / 51.0) / 5;
        Assert.Equal(g - 1.959964 * 0.15 / Math.Sqrt(5), fit.Drift.Lower95, 5);
        Assert.Equal(g + 1.959964 * 0.15 / Math.Sqrt(5), fit.Drift.Upper95, 5);
        Assert.Contains("taken from the prior (test prior)", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnePoint_IsNotIdentifiable_WithAClearMessage_NotAnException()
    {
        var series = HistoricalSeries.FromValues("tech_smes", [(2020, 303)], "Liaocheng");

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series);

        Assert.Equal(FitStatus.NotIdentifiable, fit.Status);
        Assert.True(double.IsNaN(fit.Drift.Estimate));
        Assert.Contains("only one observation (2020: 303)", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveValue_IsNotIdentifiable_AndNamesTheYear()
    {
        var series = HistoricalSeries.FromValues("x", [(2018, 3), (2019, 0), (2020, 4)]);

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series);

        Assert.Equal(FitStatus.NotIdentifiable, fit.Status);
        Assert.Contains("value 0 in 2019 is not positive", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void LogLinearTrend_MatchesHandComputedOls_OnThreePoints()
    {
        // ln x = (0, 1, 3) at t = (0, 1, 2): t̄ = 1, Sxx = 2, Sxy = (−1)(−4/3) + (1)(5/3) = 3, g = 1.5,
        // a = 4/3 − 1.5 = −1/6, residuals (1/6, −1/3, 1/6), RSS = 1/6, s² = 1/6, se(g) = √(1/12).
        var series = HistoricalSeries.FromValues("x", [(2000, 1), (2001, Math.E), (2002, Math.Exp(3))]);

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series);

        Assert.Equal(FitStatus.Estimated, fit.Status);
        Assert.Equal(1.5, fit.Drift.Estimate, 12);
        Assert.Equal(-1.0 / 6, fit.Intercept.Estimate, 12);
        Assert.Equal(Math.Sqrt(1.0 / 12), fit.Drift.StandardError, 12);
        Assert.Equal(1.0 / 6, fit.Statistics.ResidualVariance, 12);
        // t(1) 0.975 quantile = 12.7062047 (standard tables).
        Assert.Equal(1.5 + 12.7062047 * Math.Sqrt(1.0 / 12), fit.Drift.Upper95, 5);
        // Volatility of log-changes (1, 2): mean 1.5, sample sd √0.5, chi-square(1) interval.
        Assert.Equal(Math.Sqrt(0.5), fit.Volatility.Estimate, 12);
    }

    [Fact]
    public void RandomWalk_DriftIsTheAverageLogChange_AndVolatilityScalesGaps()
    {
        // Changes: 2000→2001 +0.1, 2001→2003 +0.5 (2 years). g = 0.6/3 = 0.2.
        // Scaled residuals: (0.1 − 0.2)²/1 + (0.5 − 0.4)²/2 = 0.01 + 0.005 = 0.015, σ² = 0.015/1.
        var series = HistoricalSeries.FromValues("x", [(2000, 1), (2001, Math.Exp(0.1)), (2003, Math.Exp(0.6))]);

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series, model: GrowthModel.RandomWalkWithDrift);

        Assert.Equal(0.2, fit.Drift.Estimate, 12);
        Assert.Equal(Math.Sqrt(0.015), fit.Volatility.Estimate, 12);
        Assert.Equal(Math.Sqrt(0.015 / 3), fit.Drift.StandardError, 12);
        Assert.Contains(fit.Warnings, w => w.Contains("not consecutive", StringComparison.Ordinal));
    }

    [Fact]
    public void LogLinearTrend_DriftInterval_CoversTruth_AtNominalRate()
    {
        const int replications = 1000;
        var generator = Xoshiro256StarStar.FromSeed(20_210_001);
        int[] years = SimulatedHistory.Consecutive(2011, 10);
        int covered = 0;
        for (int r = 0; r < replications; r++)
        {
            HistoricalSeries series = SimulatedHistory.LogLinearTrend(ref generator, years, Math.Log(50), 0.12, 0.08);
            if (CompoundGrowthEstimator.Fit(series).Drift.Covers(0.12))
            {
                covered++;
            }
        }
        CoverageCheck.AssertNominal(covered, replications, "log-linear drift", output);
    }

    [Fact]
    public void RandomWalk_DriftAndVolatilityIntervals_CoverTruth_AtNominalRate_WithGaps()
    {
        const int replications = 1000;
        var generator = Xoshiro256StarStar.FromSeed(20_210_002);
        int[] years = [2008, 2009, 2010, 2012, 2013, 2015, 2016, 2017, 2020];
        int driftCovered = 0, volatilityCovered = 0;
        for (int r = 0; r < replications; r++)
        {
            HistoricalSeries series = SimulatedHistory.RandomWalk(ref generator, years, 40, 0.2, 0.1);
            CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series, model: GrowthModel.RandomWalkWithDrift);
            driftCovered += fit.Drift.Covers(0.2) ? 1 : 0;
            volatilityCovered += fit.Volatility.Covers(0.1) ? 1 : 0;
        }
        CoverageCheck.AssertNominal(driftCovered, replications, "random-walk drift", output);
        CoverageCheck.AssertNominal(volatilityCovered, replications, "volatility (chi-square interval)", output);
    }

    [Fact]
    public void TwoPoints_DriftIntervalConditionalOnTheTruePrior_CoversTruth_AtNominalRate()
    {
        const int replications = 1000;
        var generator = Xoshiro256StarStar.FromSeed(20_210_003);
        var prior = new GrowthPrior(0.15, "the simulation's true sigma");
        int covered = 0;
        for (int r = 0; r < replications; r++)
        {
            HistoricalSeries series = SimulatedHistory.RandomWalk(ref generator, [2015, 2020], 51, 0.33, 0.15);
            covered += CompoundGrowthEstimator.Fit(series, prior).Drift.Covers(0.33) ? 1 : 0;
        }
        CoverageCheck.AssertNominal(covered, replications, "two-point drift with prior", output);
    }
}
