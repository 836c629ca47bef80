using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

public class BoundedShareEstimatorTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoPoints_GiveTheYearlyLogitStep_OfHighTechOutputShare2015To2020()
    {
        // Plan L107: 26.26% (2015) -> 42.03% (2020). logit(0.2626) = ln(0.2626/0.7374) = −1.032499,
        // logit(0.4203) = ln(0.4203/0.5797) = −0.321542; step = 0.710957/5 = 0.142191 a year.
        var series = HistoricalSeries.FromValues("hightech_output_share", [(2015, 26.26), (2020, 42.03)], "Liaocheng");

        BoundedShareFit fit = BoundedShareEstimator.Fit(series);

        Assert.Equal(FitStatus.AverageOnly, fit.Status);
        Assert.Equal(Math.Log(0.2626 / 0.7374), fit.LogitLevel.Estimate, 12);
        Assert.Equal((Math.Log(0.4203 / 0.5797) - Math.Log(0.2626 / 0.7374)) / 5, fit.LogitSlope.Estimate, 12);
        Assert.Equal(0.142191, fit.LogitSlope.Estimate, 6);
        Assert.False(fit.LogitSlope.HasInterval);
        Assert.Contains("only two observations", fit.Warnings.Single(), StringComparison.Ordinal);
        // The logistic path passes through both points.
        Assert.Equal(42.03, fit.Predict(2020).Median, 9);
    }

    [Fact]
    public void ValueOutsideTheBounds_IsNotIdentifiable_AndNamesIt()
    {
        var series = HistoricalSeries.FromValues("share", [(2018, 40), (2019, 100), (2020, 45)]);

        BoundedShareFit fit = BoundedShareEstimator.Fit(series);

        Assert.Equal(FitStatus.NotIdentifiable, fit.Status);
        Assert.Contains("value 100 in 2019 is not strictly between the bounds 0 and 100", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void CustomBounds_AreUsedForTheLogit()
    {
        // With bounds 10..20, 15 is the midpoint (logit 0) and 17.5 is p = 0.75 (logit ln 3).
        var series = HistoricalSeries.FromValues("share", [(2019, 15), (2020, 17.5)]);

        BoundedShareFit fit = BoundedShareEstimator.Fit(series, new ShareBounds(10, 20));

        Assert.Equal(0, fit.LogitLevel.Estimate, 12);
        Assert.Equal(Math.Log(3), fit.LogitSlope.Estimate, 12);
    }

    [Fact]
    public void NoiselessLogisticPoints_AreRecoveredExactly_ByLevenbergMarquardt()
    {
        // Points generated from a = −1, b = 0.2 on 0..100 with a little noise-free curvature.
        var bounds = ShareBounds.Percent;
        var points = Enumerable.Range(0, 8).Select(t => (2013 + t, bounds.FromLogit(-1 + 0.2 * t))).ToArray();
        var series = HistoricalSeries.FromValues("share", points);

        BoundedShareFit fit = BoundedShareEstimator.Fit(series);

        Assert.Equal(FitStatus.Estimated, fit.Status);
        Assert.Equal(-1, fit.LogitLevel.Estimate, 6);
        Assert.Equal(0.2, fit.LogitSlope.Estimate, 6);
        Assert.Equal(0.2, fit.LogitSpaceSlope.Estimate, 9);
    }

    [Fact]
    public void LogitSlopeInterval_CoversTruth_AtNominalRate()
    {
        const int replications = 400;
        var generator = Xoshiro256StarStar.FromSeed(20_210_004);
        int[] years = SimulatedHistory.Consecutive(2011, 10);
        int slopeCovered = 0, levelCovered = 0;
        for (int r = 0; r < replications; r++)
        {
            HistoricalSeries series = SimulatedHistory.Logistic(ref generator, years, -1.0, 0.15, 1.0, ShareBounds.Percent);
            BoundedShareFit fit = BoundedShareEstimator.Fit(series);
            Assert.Equal(FitStatus.Estimated, fit.Status);
            slopeCovered += fit.LogitSlope.Covers(0.15) ? 1 : 0;
            levelCovered += fit.LogitLevel.Covers(-1.0) ? 1 : 0;
        }
        CoverageCheck.AssertNominal(slopeCovered, replications, "logistic slope", output);
        CoverageCheck.AssertNominal(levelCovered, replications, "logistic level", output);
    }
}
