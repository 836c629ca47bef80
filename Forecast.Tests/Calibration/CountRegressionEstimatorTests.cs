using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;
using MathNet.Numerics.Distributions;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

public class CountRegressionEstimatorTests(ITestOutputHelper output)
{
    [Fact]
    public void OnePeriodTotal_GivesRateCountOverYears_111PlatformsIn5Years()
    {
        // Plan L111: 111 new provincial-or-higher platforms in 2016-2020. MLE rate = 111/5 = 22.2 a year,
        // se(ln rate) = 1/√111 (Poisson), so the Wald interval is 22.2·exp(±1.959964/√111).
        CountRegressionFit fit = CountRegressionEstimator.Fit([new CountObservation(2018, 111, 5)], CountTrend.Linear);

        Assert.Equal(22.2, fit.Poisson.YearlyRate.Estimate, 6);
        Assert.Equal(1 / Math.Sqrt(111), fit.Poisson.LogRate.StandardError, 9);
        Assert.Equal(22.2 * Math.Exp(-1.959964 / Math.Sqrt(111)), fit.Poisson.YearlyRate.Lower95, 4);
        Assert.Null(fit.NegativeBinomial);
        Assert.Contains(fit.Warnings, w => w.Contains("same period", StringComparison.Ordinal));
        Assert.Contains(fit.Warnings, w => w.Contains("overdispersion cannot be tested", StringComparison.Ordinal));
    }

    [Fact]
    public void PoissonWithTrend_SolvesTheScoreEquations_OnAHandMadeSeries()
    {
        CountObservation[] counts =
        [
            new(2014, 9), new(2015, 14), new(2016, 13), new(2017, 22, 2), new(2018, 18), new(2019, 27), new(2020, 30),
        ];

        CountRegressionFit fit = CountRegressionEstimator.Fit(counts, CountTrend.Linear);

        // Score equations of the Poisson MLE: Σ (y − μ) = 0 and Σ (year − centre)(y − μ) = 0.
        double sum = 0, weighted = 0;
        foreach (CountObservation c in counts)
        {
            double mu = c.ExposureYears * fit.Poisson.ExpectedYearlyCount(c.Year);
            sum += c.Count - mu;
            weighted += (c.Year - fit.Poisson.CentreYear) * (c.Count - mu);
        }
        Assert.Equal(0, sum, 8);
        Assert.Equal(0, weighted, 8);
    }

    [Fact]
    public void ZeroCounts_AreNotIdentifiable_AndGiveAnUpperBound()
    {
        CountRegressionFit fit = CountRegressionEstimator.Fit([new CountObservation(2019, 0), new CountObservation(2020, 0)]);

        Assert.Equal(FitStatus.NotIdentifiable, fit.Poisson.Status);
        // Exact one-sided 97.5% Poisson upper bound for 0 events: −ln 0.025 = 3.689 over 2 years.
        Assert.Contains("upper bound is 1.844 a year", fit.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeCount_IsRejected_AtTheEdge()
    {
        var error = Assert.Throws<ArgumentException>(() => CountRegressionEstimator.Fit([new CountObservation(2020, -1)]));
        Assert.Contains("not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PoissonIntervals_CoverTruth_AtNominalRate_WithExposures()
    {
        const int replications = 600;
        var generator = Xoshiro256StarStar.FromSeed(20_210_005);
        var random = new StreamRandom(generator);
        double[] years = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];
        double[] exposure = [1, 1, 1, 2, 1, 1, 3, 1];
        double beta0 = Math.Log(20), beta1 = 0.08, centre = years.Average();
        int trendCovered = 0, rateCovered = 0;
        var counts = new CountObservation[years.Length];
        for (int r = 0; r < replications; r++)
        {
            for (int i = 0; i < years.Length; i++)
            {
                double mu = exposure[i] * Math.Exp(beta0 + beta1 * (years[i] - centre));
                counts[i] = new CountObservation(years[i], Poisson.Sample(random, mu), exposure[i]);
            }
            CountRegressionFit fit = CountRegressionEstimator.Fit(counts, CountTrend.Linear);
            trendCovered += fit.Poisson.Trend.Covers(beta1) ? 1 : 0;
            rateCovered += fit.Poisson.LogRate.Covers(beta0) ? 1 : 0;
        }
        CoverageCheck.AssertNominal(trendCovered, replications, "Poisson trend", output);
        CoverageCheck.AssertNominal(rateCovered, replications, "Poisson log rate", output);
    }

    [Fact]
    public void NegativeBinomialIntervals_CoverTruth_AtNominalRate_AndOverdispersionIsDetected()
    {
        const int replications = 400;
        var generator = Xoshiro256StarStar.FromSeed(20_210_006);
        var random = new StreamRandom(generator);
        const int periods = 30;
        double beta0 = Math.Log(15), beta1 = 0.03, alpha = 0.3;
        int trendCovered = 0, rateCovered = 0, dispersionCovered = 0, detected = 0;
        var counts = new CountObservation[periods];
        for (int r = 0; r < replications; r++)
        {
            for (int i = 0; i < periods; i++)
            {
                double mu = Math.Exp(beta0 + beta1 * (i - (periods - 1) / 2.0));
                // NB2 as a gamma-Poisson mixture: λ ~ Gamma(shape 1/α, rate 1/(αμ)), y ~ Poisson(λ).
                double lambda = Gamma.Sample(random, 1 / alpha, 1 / (alpha * mu));
                counts[i] = new CountObservation(1991 + i, Poisson.Sample(random, lambda));
            }
            CountRegressionFit fit = CountRegressionEstimator.Fit(counts, CountTrend.Linear);
            CountModelFit nb = fit.NegativeBinomial!;
            trendCovered += nb.Trend.Covers(beta1) ? 1 : 0;
            rateCovered += nb.LogRate.Covers(beta0) ? 1 : 0;
            dispersionCovered += nb.Dispersion.Covers(alpha) ? 1 : 0;
            detected += fit.Overdispersion!.Overdispersed ? 1 : 0;
        }
        CoverageCheck.AssertNominal(trendCovered, replications, "NB2 trend", output);
        CoverageCheck.AssertNominal(rateCovered, replications, "NB2 log rate", output);
        output.WriteLine(FormattableString.Invariant($"NB2 dispersion coverage {(double)dispersionCovered / replications:0.000}; overdispersion detected in {(double)detected / replications:0.000}"));
        Assert.True(detected > 0.9 * replications, "alpha = 0.3 at mean 15 should be detected almost always");
    }

    [Fact]
    public void OverdispersionTest_RejectsPoisson_AtMostAtItsNominalSize_OnPoissonData()
    {
        const int replications = 400;
        var generator = Xoshiro256StarStar.FromSeed(20_210_007);
        var random = new StreamRandom(generator);
        int rejected = 0;
        var counts = new CountObservation[20];
        for (int r = 0; r < replications; r++)
        {
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] = new CountObservation(2001 + i, Poisson.Sample(random, 25.0));
            }
            rejected += CountRegressionEstimator.Fit(counts, CountTrend.None).Overdispersion!.Overdispersed ? 1 : 0;
        }
        double rate = (double)rejected / replications;
        output.WriteLine(FormattableString.Invariant($"LR overdispersion test size on Poisson data: {rate:0.000} (nominal 0.05)"));
        Assert.True(rate <= 0.05 + CoverageCheck.Tolerance(replications, 0.05), FormattableString.Invariant($"size {rate}"));
    }
}
