using Forecast.Engine.Calibration;
using Xunit;

namespace Forecast.Tests.Calibration;

public class ModelChoiceTests
{
    [Fact]
    public void AicBicAndAkaikeWeights_FollowTheirDefinitions()
    {
        // A: k = 2, ln L = −10 → AIC 24, BIC 2 ln 20 + 20. B: k = 3, ln L = −9.5 → AIC 25, BIC 3 ln 20 + 19.
        // Akaike weights: 1/(1 + e^{−1/2}) = 0.622459 and 0.377541.
        var ranking = ModelChoice.Rank([new ModelCandidate("A", new FitStatistics(20, 2, 1, -10)), new ModelCandidate("B", new FitStatistics(20, 3, 1, -9.5))]);

        Assert.Equal("A", ranking.BestByAic);
        Assert.Equal("A", ranking.BestByBic);
        Assert.Equal(24, ranking.Models[0].Statistics.Aic, 12);
        Assert.Equal(2 * Math.Log(20) + 20, ranking.Models[0].Statistics.Bic, 12);
        Assert.Equal(1, ranking.Models[1].DeltaAic, 12);
        Assert.Equal(0.622459, ranking.Models[0].AkaikeWeight, 6);
        Assert.Equal(0.377541, ranking.Models[1].AkaikeWeight, 6);
        // AICc = AIC + 2k(k+1)/(n−k−1) = 24 + 12/17.
        Assert.Equal(24 + 12.0 / 17, ranking.Models[0].Statistics.Aicc, 12);
    }

    [Fact]
    public void AicAndBic_CanDisagree_AndBothAreReported()
    {
        // n = 100: C (k = 5, ln L = −100) has AIC 210, BIC 5 ln 100 + 200 = 223.03;
        // D (k = 2, ln L = −104) has AIC 212, BIC 2 ln 100 + 208 = 217.21.
        var ranking = ModelChoice.Rank([new ModelCandidate("C", new FitStatistics(100, 5, 1, -100)), new ModelCandidate("D", new FitStatistics(100, 2, 1, -104))]);

        Assert.Equal("C", ranking.BestByAic);
        Assert.Equal("D", ranking.BestByBic);
    }

    [Fact]
    public void CandidatesWithoutLikelihood_AreLeftOut_WithAWarning()
    {
        var twoPoints = CompoundGrowthEstimator.Fit(HistoricalSeries.FromValues("x", [(2015, 51), (2020, 268)]));

        var ranking = ModelChoice.Rank([new ModelCandidate("two-point CAGR", twoPoints.Statistics)]);

        Assert.Empty(ranking.Models);
        Assert.Null(ranking.BestByAic);
        Assert.Contains(ranking.Warnings, w => w.Contains("two-point CAGR: no finite likelihood", StringComparison.Ordinal));
    }

    [Fact]
    public void CompoundGrowth_BeatsLogistic_ByAic_OnExponentialData()
    {
        // 8 years of x = 5·1.3^t·(1 ± 1%): compound growth fits almost exactly; a logistic in 0..100
        // bends and fits worse. Both likelihoods are on the original scale, so AIC compares them.
        double[] wiggle = [1.01, 0.99, 1.0, 1.01, 0.99, 1.0, 1.01, 0.99];
        var series = HistoricalSeries.FromValues("x", Enumerable.Range(0, 8).Select(t => (2013 + t, 5 * Math.Pow(1.3, t) * wiggle[t])));

        var ranking = ModelChoice.Rank(
        [
            new ModelCandidate("compound growth", CompoundGrowthEstimator.Fit(series).Statistics),
            new ModelCandidate("logistic", BoundedShareEstimator.Fit(series, new ShareBounds(0, 100)).Statistics),
        ]);

        Assert.Equal("compound growth", ranking.BestByAic);
        Assert.True(ranking.Models[1].DeltaAic > 10);
    }
}
