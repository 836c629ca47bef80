using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

public class ElasticityEstimatorTests(ITestOutputHelper output)
{
    private static ElasticityPoint[] Points(double[] x, double[] y) =>
        x.Select((v, i) => new ElasticityPoint("R" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), v, y[i])).ToArray();

    [Fact]
    public void Ols_MatchesHandComputedValues_OnFourRegions_AndFallsBackToLeaveOneOut()
    {
        // x = (1, 2, 3, 4), y = (2, 4, 5, 8): x̄ = 2.5, ȳ = 4.75, Sxx = 5, Sxy = 9.5, β = 1.9, c = 0,
        // residuals (0.1, 0.2, −0.7, 0.4), RSS = 0.70, s² = 0.35, se(β) = √(0.35/5) = 0.264575.
        // t(2) 0.975 quantile = 4.302653 (standard tables).
        ElasticityFit fit = ElasticityEstimator.Fit(Points([1, 2, 3, 4], [2, 4, 5, 8]), "y", "x");

        Assert.Equal(FitStatus.Estimated, fit.Status);
        Assert.Equal(1.9, fit.Elasticity.Estimate, 12);
        Assert.Equal(0, fit.Intercept.Estimate, 12);
        Assert.Equal(Math.Sqrt(0.07), fit.Elasticity.StandardError, 12);
        Assert.Equal(1.9 - 4.302653 * Math.Sqrt(0.07), fit.Elasticity.Lower95, 5);
        Assert.Equal(0.35, fit.Statistics.ResidualVariance, 12);
        // Four regions cannot fill 5 folds with 2 each: leave-one-out, 4 folds of one region.
        Assert.Equal("leave-one-out", fit.CrossValidation.Scheme);
        Assert.Equal(4, fit.CrossValidation.FoldRmse.Length);
        Assert.Contains(fit.Warnings, w => w.Contains("too few for 5-fold", StringComparison.Ordinal));
        // SDCA agrees with least squares to within its ridge shrinkage (about 1%, towards 0) and float precision.
        Assert.InRange(fit.MlNetElasticity, 1.9 * 0.98, 1.9 * 1.001);
        // Held-out RMSE is larger than the in-sample residual SD would suggest but finite.
        Assert.True(double.IsFinite(fit.CrossValidation.Rmse) && fit.CrossValidation.Rmse > 0);
    }

    [Fact]
    public void KFold_IsUsed_WhenThePanelIsLargeEnough_AndPooledRSquaredIsHighForAStrongRelation()
    {
        double[] x = Enumerable.Range(0, 12).Select(i => 0.05 + 0.01 * i).ToArray();
        double[] y = x.Select((v, i) => 0.02 + 1.5 * v + (i % 2 == 0 ? 0.002 : -0.002)).ToArray();

        ElasticityFit fit = ElasticityEstimator.Fit(Points(x, y), "hightech_enterprises", "rd_personnel_fte", new ElasticityOptions(Folds: 4));

        Assert.Equal("4-fold", fit.CrossValidation.Scheme);
        Assert.Equal(4, fit.CrossValidation.FoldRmse.Length);
        Assert.True(fit.CrossValidation.RSquared > 0.9, FormattableString.Invariant($"CV R² {fit.CrossValidation.RSquared}"));
        Assert.InRange(fit.MlNetElasticity, fit.Elasticity.Estimate * 0.98, fit.Elasticity.Estimate * 1.001);
        Assert.DoesNotContain(fit.Warnings, w => w.Contains("differs", StringComparison.Ordinal));
    }

    [Fact]
    public void OneRegion_IsNotIdentifiable_TwoRegions_GiveTheSlopeOnly()
    {
        ElasticityFit one = ElasticityEstimator.Fit(Points([1], [2]), "y", "x");
        ElasticityFit two = ElasticityEstimator.Fit(Points([1, 3], [2, 3]), "y", "x");

        Assert.Equal(FitStatus.NotIdentifiable, one.Status);
        Assert.Contains("1 region(s)", one.Warnings.Single(), StringComparison.Ordinal);
        Assert.Equal(FitStatus.AverageOnly, two.Status);
        Assert.Equal(0.5, two.Elasticity.Estimate, 12);
        Assert.Equal("none", two.CrossValidation.Scheme);
    }

    [Fact]
    public void FromGrowth_PairsRegionsThatReportBothIndicatorsInBothYears()
    {
        var panel = HistoricalPanel.FromObservations(
        [
            new Observation("a", 2015, 10, "P"), new Observation("a", 2020, 20, "P"),
            new Observation("b", 2015, 5, "P"), new Observation("b", 2020, 5 * Math.Exp(0.5), "P"),
            new Observation("a", 2015, 10, "Q"), new Observation("b", 2020, 7, "Q"),
        ]);

        var points = ElasticityPoints.FromGrowth(panel, "a", "b", 2015, 2020);

        ElasticityPoint p = Assert.Single(points);
        Assert.Equal("P", p.Region);
        Assert.Equal(Math.Log(2) / 5, p.Response, 12);
        Assert.Equal(0.1, p.Driver, 12);
    }

    [Fact]
    public void ElasticityInterval_CoversTruth_AtNominalRate()
    {
        const int replications = 1000;
        const int regions = 15;
        var generator = Xoshiro256StarStar.FromSeed(20_210_008);
        var options = new ElasticityOptions(UseMlNet: false);
        Span<double> noise = stackalloc double[2 * regions];
        var points = new ElasticityPoint[regions];
        int covered = 0;
        for (int r = 0; r < replications; r++)
        {
            generator.FillStandardNormal(noise);
            for (int i = 0; i < regions; i++)
            {
                double x = 0.1 + 0.05 * noise[i];
                points[i] = new ElasticityPoint("R", x, 0.02 + 1.3 * x + 0.03 * noise[regions + i]);
            }
            covered += ElasticityEstimator.Fit(points, "y", "x", options).Elasticity.Covers(1.3) ? 1 : 0;
        }
        CoverageCheck.AssertNominal(covered, replications, "elasticity (OLS t-interval)", output);
    }
}
