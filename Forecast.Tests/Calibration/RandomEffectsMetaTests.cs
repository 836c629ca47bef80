using Forecast.Engine.Calibration;

namespace Forecast.Tests.Calibration;

/// <summary>
/// Random-effects pooling against a published meta-analysis: the 13 BCG vaccine trials of Colditz et al. (1994, JAMA 271:698),
/// log risk ratios, as in metafor's <c>dat.bcg</c> (Viechtbauer 2010, J. Stat. Softw. 36(3), section 4). Reference values computed
/// with R 4.2 metafor 3.8-1: <c>rma(yi, vi, method = "DL")</c> and <c>rma(yi, vi, method = "REML", control = list(threshold =
/// 1e-12))</c> on <c>escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)</c>. Published (Viechtbauer
/// 2010): REML τ² = 0.3132, μ̂ = −0.7145; DL τ² = 0.3088, μ̂ = −0.7141. The computations are deterministic; the tolerance 1e-8 is
/// the rounding of the printed reference values (10 decimals), not sampling error.
/// </summary>
public class RandomEffectsMetaTests
{
    // trial: (vaccinated TB+, vaccinated TB−, control TB+, control TB−), dat.bcg columns tpos, tneg, cpos, cneg.
    private static readonly (int A, int B, int C, int D)[] Trials =
    [
        (4, 119, 11, 128), (6, 300, 29, 274), (3, 228, 11, 209), (62, 13536, 248, 12619), (33, 5036, 47, 5761),
        (180, 1361, 372, 1079), (8, 2537, 10, 619), (505, 87886, 499, 87892), (29, 7470, 45, 7232), (17, 1699, 65, 1600),
        (186, 50448, 141, 27197), (5, 2493, 3, 2338), (27, 16886, 29, 17825),
    ];

    /// <summary>Log risk ratio ln[(a/(a+b))/(c/(c+d))] and its variance 1/a − 1/(a+b) + 1/c − 1/(c+d) (metafor's escalc "RR").</summary>
    private static RandomEffectsStudy[] Bcg() => Trials.Select((t, i) => new RandomEffectsStudy(
        "trial " + (i + 1),
        Math.Log((double)t.A / (t.A + t.B) / ((double)t.C / (t.C + t.D))),
        1.0 / t.A - 1.0 / (t.A + t.B) + 1.0 / t.C - 1.0 / (t.C + t.D))).ToArray();

    [Fact]
    public void DerSimonianLaird_OnTheBcgTrials_MatchesMetafor()
    {
        RandomEffectsFit fit = RandomEffectsMeta.Fit(Bcg(), TauEstimator.DerSimonianLaird);

        Assert.Equal(152.23300808, fit.Q, 1e-7);
        Assert.Equal(0.3087602629, fit.Tau2, 1e-8);
        Assert.Equal(-0.7141172221, fit.Mu, 1e-8);
        Assert.Equal(0.1787420895, fit.MuStandardError, 1e-8);
        // predict(r1): prediction interval of a new trial's effect, μ̂ ± 1.96·√(τ² + se²).
        Assert.Equal(-1.85815375, fit.PredictionInterval95.Lower, 1e-6);
        Assert.Equal(0.42991931, fit.PredictionInterval95.Upper, 1e-6);
        // blup(r1): trials 4 and 8 shrunk towards μ̂.
        Assert.Equal(-1.39727719, fit.Shrunken[3].Estimate, 1e-7);
        Assert.Equal(0.13751547, fit.Shrunken[3].StandardError, 1e-7);
        Assert.Equal(0.00275444, fit.Shrunken[7].Estimate, 1e-7);
        Assert.Equal(0.06258211, fit.Shrunken[7].StandardError, 1e-7);
    }

    [Fact]
    public void Reml_OnTheBcgTrials_MatchesMetafor()
    {
        RandomEffectsFit fit = RandomEffectsMeta.Fit(Bcg(), TauEstimator.RestrictedMaximumLikelihood);

        Assert.True(fit.Converged);
        Assert.Equal(0.3132432581, fit.Tau2, 1e-8);
        Assert.Equal(-0.7145323422, fit.Mu, 1e-8);
        Assert.Equal(0.1797815161, fit.MuStandardError, 1e-8);
    }

    [Fact]
    public void IdenticalEstimates_HaveNoBetweenRegionVariance_AndTheFixedEffectMean()
    {
        // Closed form: every yᵢ = 0.2, so Q = 0, τ² = 0 (DL and REML at the boundary) and μ̂ = 0.2 with se 1/√Σ(1/vᵢ).
        RandomEffectsStudy[] same = [new("a", 0.2, 0.01), new("b", 0.2, 0.04), new("c", 0.2, 0.02)];
        foreach (TauEstimator method in Enum.GetValues<TauEstimator>())
        {
            RandomEffectsFit fit = RandomEffectsMeta.Fit(same, method);
            Assert.Equal(0, fit.Tau2);
            Assert.Equal(0.2, fit.Mu, 12);
            Assert.Equal(1 / Math.Sqrt(100 + 25 + 50), fit.MuStandardError, 12);
        }
    }

    [Fact]
    public void OneStudy_IsRefused_TheBetweenRegionVarianceMustThenBeAPrior()
    {
        var e = Assert.Throws<ArgumentException>(() => RandomEffectsMeta.Fit([new RandomEffectsStudy("Shandong", 0.2, 0.01)], TauEstimator.DerSimonianLaird));
        Assert.Contains("state the between-region variance as a prior", e.Message, StringComparison.Ordinal);
    }
}
