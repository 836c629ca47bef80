using System.Collections.Immutable;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Calibration.Candidates;

/// <summary>
/// The candidate analysis against closed forms. Predictive quantiles are estimated from D draws; the tolerance of a p-quantile is
/// 4 standard errors of a sample quantile, √(p(1 − p)/D)/f(x_p), with f the closed-form predictive density at the quantile.
/// </summary>
public class CandidateAnalysisTests
{
    private const int Draws = 200_000;
    private static readonly VolatilityPrior Prior = new(0.1, 4, VolatilityPriorBasis.Stated, "test prior");
    private static readonly CandidateOptions Stated = new() { StatedVolatility = Prior };
    private static readonly HistoricalSeries Firms = HistoricalSeries.FromValues("hightech_enterprises", [(2015, 51), (2020, 268)], "Liaocheng");

    private static CandidateSet Fit(HistoricalSeries own, IndicatorShape shape, CandidateOptions options, params HistoricalSeries[] donors) =>
        CandidateAnalysis.Fit(own, donors, donors, shape, options) ?? throw new InvalidOperationException("no candidates");

    [Fact]
    public void TwoPoints_CompoundPredictive_IsTheStudentTOfTheVolatilityPrior()
    {
        // ln x_{2020+h} ~ t₄(ln 268 + h·g, 0.1·√(h + h²/5)), g = ln(268/51)/5: two points give the drift, the prior σ₀ = 0.1 on
        // ν₀ = 4 df gives the scatter (scaled inverse χ² → Student t), and the drift's error adds h²/S.
        CandidateSet set = Fit(Firms, IndicatorShape.PositiveLevel, Stated);
        MixturePredictive p = set.PredictCandidate(CandidateStructure.CompoundGrowth, 5, Draws, 7);
        double g = Math.Log(268.0 / 51) / 5;
        foreach (int h in new[] { 1, 5 })
        {
            double centre = Math.Log(268) + h * g, scale = 0.1 * Math.Sqrt(h + h * h / 5.0);
            foreach (double q in new[] { 0.05, 0.5, 0.95 })
            {
                double t = StudentT.InvCDF(0, 1, 4, q);
                double x = Math.Exp(centre + scale * t);
                double density = StudentT.PDF(0, 1, 4, t) / scale / x;
                double tolerance = 4 * Math.Sqrt(q * (1 - q) / Draws) / density;
                Assert.InRange(p.Quantile(h, q), x - tolerance, x + tolerance);
            }
        }
    }

    [Fact]
    public void TwoPoints_CannotChoose_SoThePriorWeightsAreUsed_AndTheResultSaysWhy()
    {
        CandidateSet set = Fit(Firms, IndicatorShape.PositiveLevel, Stated);
        Assert.Equal(WeightBasis.PriorWeights, set.Basis);
        Assert.Contains("two points (2015, 2020): every candidate passes through both", set.Why, StringComparison.Ordinal);
        Assert.Equal([CandidateStructure.LinearTrend, CandidateStructure.CompoundGrowth, CandidateStructure.DampedGrowth], set.Candidates.Select(c => c.Fit.Structure).ToArray());
        Assert.All(set.Candidates, c => Assert.Equal(1.0 / 3, c.Weight, 12));

        var weighted = Stated with { PriorWeights = ImmutableDictionary.CreateRange([KeyValuePair.Create(CandidateStructure.LinearTrend, 1.0), KeyValuePair.Create(CandidateStructure.CompoundGrowth, 3.0), KeyValuePair.Create(CandidateStructure.DampedGrowth, 0.0)]) };
        CandidateSet stated = Fit(Firms, IndicatorShape.PositiveLevel, weighted);
        Assert.Equal([0.25, 0.75, 0.0], stated.Candidates.Select(c => c.Weight).ToArray());
        Assert.Contains("the stated prior weights", stated.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreePoints_WeighByTheOneStepLogScore_OfTheThirdPoint()
    {
        // 100 (2018), 120 (2019), 150 (2020). Fitted to the first two, each candidate's predictive of 2020 is Student t with ν₀ = 4:
        // compound: ln x ~ t₄(ln 120 + ln 1.2, 0.1·√(1 + 1)); linear: x ~ t₄(120 + 20, 8·√2) with σ₀ = 8 stated in level units.
        // Weight ratio = exp(score difference), the level density of the compound candidate carrying the Jacobian 1/x.
        var own = HistoricalSeries.FromValues("x", [(2018, 100), (2019, 120), (2020, 150)]);
        CandidateSet set = Fit(own, IndicatorShape.PositiveLevel, Stated with { StatedLevelVolatility = 8 });
        double compound = Math.Log(StudentT.PDF(Math.Log(120) + Math.Log(1.2), 0.1 * Math.Sqrt(2), 4, Math.Log(150)) / 150);
        double linear = Math.Log(StudentT.PDF(140, 8 * Math.Sqrt(2), 4, 150));
        WeightedCandidate c = set.Candidates.Single(x => x.Fit.Structure == CandidateStructure.CompoundGrowth);
        WeightedCandidate l = set.Candidates.Single(x => x.Fit.Structure == CandidateStructure.LinearTrend);

        Assert.Equal(WeightBasis.OneStepLogScore, set.Basis);
        Assert.Equal(compound, c.LogScore, 9);
        Assert.Equal(linear, l.LogScore, 9);
        Assert.Equal(Math.Exp(compound - linear), c.Weight / l.Weight, 9);
        Assert.Equal(1, set.Candidates.Sum(x => x.Weight), 12);
    }

    [Fact]
    public void OneDonor_GivesAStatedBetweenRegionSpread_NotTheDonorsPace()
    {
        // Own: one point. Donor: China 2015-2020, drift ln(10.56/6.2)/5 on the logit scale of a share, variance σ₀²/5.
        // The own region's drift ~ N(donor's drift, σ₀²/5 + 0.10²): the stated between-region sd 0.10 is added, not assumed away.
        var own = HistoricalSeries.FromValues("science_literacy", [(2020, 10.1)], "Liaocheng");
        var china = HistoricalSeries.FromValues("science_literacy", [(2015, 6.2), (2020, 10.56)], "China");
        var bounds = new ShareBounds(0, 100);
        CandidateSet set = Fit(own, new ShareShape(bounds), Stated, china);

        double drift = (bounds.Logit(10.56) - bounds.Logit(6.2)) / 5;
        PanelPooling pooling = Assert.IsType<PanelPooling>(set.Pooling);
        Assert.Equal(drift, pooling.OwnPrior.Mean, 12);
        Assert.Equal(Math.Sqrt(0.01 / 5 + 0.01), pooling.OwnPrior.Sd, 12);
        Assert.Null(pooling.Reml);
        Assert.Contains(set.Warnings, w => w.Contains("one donor region (China)", StringComparison.Ordinal) && w.Contains("not 'the region equals the donor'", StringComparison.Ordinal));
        Assert.Contains("one point (2020)", set.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVolatilityPrior_IsThePooledScatterOfTheDonorsYearlyChanges_WithAStatedFallback()
    {
        // Shandong: ln-changes 0.2, 0.1, 0.3 over single years: mean 0.2, SS = 0.02 on 2 df. Jining: ln-changes 0.1, 0.1, 0.4:
        // mean 0.2, SS = 0.06 on 2 df. Pooled σ₀² = 0.08/4, worth min(4, 4) own changes.
        static HistoricalSeries Walk(string region, params double[] changes)
        {
            double log = Math.Log(100);
            var points = new List<(int, double)> { (2016, 100) };
            for (int i = 0; i < changes.Length; i++) points.Add((2017 + i, Math.Exp(log += changes[i])));
            return HistoricalSeries.FromValues("x", points, region);
        }
        var own = HistoricalSeries.FromValues("x", [(2015, 51), (2020, 268)], "Liaocheng");
        CandidateSet set = Fit(own, IndicatorShape.PositiveLevel, new CandidateOptions(), Walk("Shandong", 0.2, 0.1, 0.3), Walk("Jining", 0.1, 0.1, 0.4));
        Assert.Equal(VolatilityPriorBasis.SameIndicatorPanel, set.Volatility.Basis);
        Assert.Equal(Math.Sqrt(0.08 / 4), set.Volatility.Sigma, 12);
        Assert.Equal(4, set.Volatility.DegreesOfFreedom);

        CandidateSet alone = Fit(own, IndicatorShape.PositiveLevel, new CandidateOptions());
        Assert.Equal(VolatilityPriorBasis.Fallback, alone.Volatility.Basis);
        Assert.Equal((0.10, 2.0), (alone.Volatility.Sigma, alone.Volatility.DegreesOfFreedom));
        Assert.Contains(alone.Warnings, w => w.Contains("volatility prior is the stated fallback", StringComparison.Ordinal));
    }

    [Fact]
    public void ConstantEntries_CloseTheStockFlowBalance_GivenTheExitRate()
    {
        // 51 → 268 in five years with 5% exits: ê = (268 − 51·0.95⁵)·0.05/(1 − 0.95⁵) = 50.50 a year. With q fixed, ln e ~ N(ln ê − s²/2, s²),
        // so the lognormal matched to 2,048 draws has mean ê within 4 standard errors of its log-mean, 4·s/√2048.
        var shape = new StockShape(new FixedDistribution(0.05), null);
        CandidateSet set = Fit(Firms, shape, Stated);
        CandidateParameter entries = set.Candidates.Single(c => c.Fit.Structure == CandidateStructure.StockFlowConstantEntries).Fit.Parameters.Single(p => p.Name == "entries");
        var lognormal = Assert.IsType<LogNormalDistribution>(entries.Distribution);
        double expected = StockFlowCalibrator.ImpliedEntries(51, 268, 5, 0.05);
        Assert.InRange(Math.Log(lognormal.Mean), Math.Log(expected) - 4 * lognormal.Sigma / Math.Sqrt(2048), Math.Log(expected) + 4 * lognormal.Sigma / Math.Sqrt(2048));
        CandidateFit growing = set.Candidates.Single(c => c.Fit.Structure == CandidateStructure.StockFlowGrowingEntries).Fit;
        Assert.Contains(growing.Parameters, p => p.Name == "entries growth" && p.FromPrior);
        // Given r, e closes the balance: ê = (268 − 51·s⁵)/Σₜ e^(ρ(t−1))s^(5−t) falls as ρ rises, so a scenario must correlate them negatively.
        ParameterCorrelation together = Assert.Single(growing.Correlations);
        Assert.Equal(("entries", "entries growth"), (together.First, together.Second));
        Assert.True(together.Rho < -0.5, "rho " + together.Rho);
    }

    [Fact]
    public void DampedGrowth_WithNoDecay_IsCompoundGrowth()
    {
        // φ ~ Beta(40000, 1), mean 0.999975: the growth keeps its early pace over the 10 years, so damped growth's predictive is compound
        // growth's. Medians five years ahead agree within 4 standard errors of the difference of two independent sample medians,
        // √2·√(¼/D)/f(median), f from the compound candidate's closed-form t₄ density.
        var options = Stated with { DampingPrior = new BetaDistribution(40000, 1), StatedPanelDrift = new DriftPrior(0.05, 0.05, "test long run") };
        CandidateSet set = Fit(Firms, IndicatorShape.PositiveLevel, options);
        double damped = set.PredictCandidate(CandidateStructure.DampedGrowth, 5, Draws, 3).Quantile(5, 0.5);
        double compound = set.PredictCandidate(CandidateStructure.CompoundGrowth, 5, Draws, 4).Quantile(5, 0.5);
        double median = 268 * Math.Pow(268.0 / 51, 1), scale = 0.1 * Math.Sqrt(5 + 25 / 5.0);
        double density = StudentT.PDF(0, 1, 4, 0) / scale / median;
        Assert.Equal(median, compound, 4 * Math.Sqrt(0.25 / Draws) / density);
        Assert.Equal(compound, damped, 4 * Math.Sqrt(2) * Math.Sqrt(0.25 / Draws) / density);
    }

    [Fact]
    public void ThePredictive_IsDeterministicForASeed()
    {
        CandidateSet set = Fit(Firms, new StockShape(new PertDistribution(0.02, 0.05, 0.10), 30), Stated);
        MixturePredictive a = set.Predict(5, 2000, 11), b = set.Predict(5, 2000, 11);
        for (int h = 1; h <= 5; h++) Assert.Equal(a.SortedDraws(h).ToArray(), b.SortedDraws(h).ToArray());
        Assert.Equal(2000, a.DrawsPerCandidate.Sum());
    }

    [Fact]
    public void NoOwnPointOrNoPanel_IdentifiesNothing()
    {
        Assert.Null(CandidateAnalysis.Fit(HistoricalSeries.FromValues("x", [(2020, 303.0)]), [], [], IndicatorShape.PositiveLevel, Stated));
        Assert.Null(CandidateAnalysis.Fit(HistoricalSeries.FromValues("x", Array.Empty<(int, double)>()), [], [], IndicatorShape.PositiveLevel, Stated));
    }
}
