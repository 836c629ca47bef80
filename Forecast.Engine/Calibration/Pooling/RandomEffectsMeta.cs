using System.Collections.Immutable;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>How the between-study (between-region) variance τ² of a random-effects model is estimated.</summary>
public enum TauEstimator
{
    /// <summary>DerSimonian and Laird (1986): the method of moments from Cochran's Q, τ² = max(0, (Q − (k − 1))/C).</summary>
    DerSimonianLaird,

    /// <summary>Restricted maximum likelihood (Viechtbauer 2005), by Fisher scoring from the DerSimonian-Laird value.</summary>
    RestrictedMaximumLikelihood,
}

/// <summary>One study (one region's estimate) of a random-effects meta-analysis.</summary>
/// <param name="Label">The region or study.</param>
/// <param name="Estimate">yᵢ, its estimate (e.g. the yearly log growth).</param>
/// <param name="Variance">vᵢ &gt; 0, the sampling variance of <paramref name="Estimate"/>.</param>
public sealed record RandomEffectsStudy(string Label, double Estimate, double Variance);

/// <summary>A study's estimate shrunk towards the pooled mean (the best linear unbiased prediction of its own effect θᵢ).</summary>
/// <param name="Label">The region or study.</param>
/// <param name="Estimate">μ̂ + λᵢ(yᵢ − μ̂), λᵢ = τ²/(τ² + vᵢ).</param>
/// <param name="StandardError">√(λᵢvᵢ + (1 − λᵢ)²·Var μ̂), as metafor's <c>blup</c>.</param>
/// <param name="Lower95">Estimate − 1.96·se.</param>
/// <param name="Upper95">Estimate + 1.96·se.</param>
public sealed record ShrunkenEstimate(string Label, double Estimate, double StandardError, double Lower95, double Upper95);

/// <summary>
/// A random-effects model yᵢ = μ + uᵢ + εᵢ, uᵢ ~ N(0, τ²), εᵢ ~ N(0, vᵢ): the pooled mean μ̂ = Σwᵢyᵢ/Σwᵢ with wᵢ = 1/(vᵢ + τ̂²),
/// its standard error 1/√Σwᵢ, and each study's shrunken estimate.
/// </summary>
/// <param name="Method">How τ² was estimated.</param>
/// <param name="Mu">μ̂, the pooled mean.</param>
/// <param name="MuStandardError">se(μ̂) = 1/√Σwᵢ.</param>
/// <param name="Tau2">τ̂² ≥ 0, the between-study variance.</param>
/// <param name="Q">Cochran's Q (fixed-effect weights), k − 1 degrees of freedom.</param>
/// <param name="Studies">The studies.</param>
/// <param name="Shrunken">Each study's shrunken estimate, in input order.</param>
/// <param name="Converged">False when REML's Fisher scoring did not converge in 100 iterations.</param>
public sealed record RandomEffectsFit(TauEstimator Method, double Mu, double MuStandardError, double Tau2, double Q,
    ImmutableArray<RandomEffectsStudy> Studies, ImmutableArray<ShrunkenEstimate> Shrunken, bool Converged)
{
    /// <summary>τ̂, the between-study standard deviation.</summary>
    public double Tau => Math.Sqrt(Tau2);

    /// <summary>The sd of a new study's effect: √(τ̂² + se(μ̂)²) (metafor's prediction interval uses μ̂ ± 1.96 of it).</summary>
    public double PredictiveSd => Math.Sqrt(Tau2 + MuStandardError * MuStandardError);

    /// <summary>The 95% prediction interval of a new study's (a new region's) effect.</summary>
    public (double Lower, double Upper) PredictionInterval95 =>
        (Mu - IntervalQuantiles.Normal975 * PredictiveSd, Mu + IntervalQuantiles.Normal975 * PredictiveSd);
}

/// <summary>
/// Random-effects meta-analysis of k ≥ 2 estimates with known sampling variances: the between-region variance by
/// DerSimonian-Laird or REML, the pooled mean, and the shrunken estimates. Checked against metafor's <c>rma</c> on the BCG
/// vaccine trials (Colditz et al. 1994, <c>dat.bcg</c>).
/// </summary>
public static class RandomEffectsMeta
{
    /// <summary>Fits the model.</summary>
    /// <exception cref="ArgumentException">Fewer than two studies, a non-finite estimate or a variance that is not positive.</exception>
    public static RandomEffectsFit Fit(IReadOnlyList<RandomEffectsStudy> studies, TauEstimator method)
    {
        ArgumentNullException.ThrowIfNull(studies);
        if (studies.Count < 2)
        {
            throw new ArgumentException(T.ErrRandomEffectsTwoStudies, nameof(studies));
        }
        foreach (RandomEffectsStudy s in studies)
        {
            if (!double.IsFinite(s.Estimate) || !(s.Variance > 0) || !double.IsFinite(s.Variance))
            {
                throw new ArgumentException(F(T.ErrStudyNotFinite, s.Label, s.Estimate, s.Variance), nameof(studies));
            }
        }
        double[] y = studies.Select(s => s.Estimate).ToArray();
        double[] v = studies.Select(s => s.Variance).ToArray();
        int k = y.Length;

        double sw = 0, sw2 = 0, swy = 0;
        for (int i = 0; i < k; i++)
        {
            double w = 1 / v[i];
            sw += w;
            sw2 += w * w;
            swy += w * y[i];
        }
        double fixedMu = swy / sw;
        double q = 0;
        for (int i = 0; i < k; i++) q += (y[i] - fixedMu) * (y[i] - fixedMu) / v[i];
        double tau2 = Math.Max(0, (q - (k - 1)) / (sw - sw2 / sw));

        bool converged = true;
        if (method == TauEstimator.RestrictedMaximumLikelihood)
        {
            converged = false;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                // Fisher scoring on the REML log-likelihood −½Σln(vᵢ+τ²) − ½lnΣwᵢ − ½Σwᵢ(yᵢ−μ̂)².
                double a = 0, a2 = 0, a3 = 0, ay = 0;
                for (int i = 0; i < k; i++)
                {
                    double w = 1 / (v[i] + tau2);
                    a += w;
                    a2 += w * w;
                    a3 += w * w * w;
                    ay += w * y[i];
                }
                double mu = ay / a;
                double r2 = 0;
                for (int i = 0; i < k; i++)
                {
                    double w = 1 / (v[i] + tau2);
                    r2 += w * w * (y[i] - mu) * (y[i] - mu);
                }
                double score = 0.5 * (r2 - a + a2 / a);
                double information = 0.5 * a2 - a3 / a + 0.5 * (a2 / a) * (a2 / a);
                double next = Math.Max(0, tau2 + score / information);
                bool done = Math.Abs(next - tau2) < 1e-12;
                tau2 = next;
                if (done)
                {
                    converged = true;
                    break;
                }
            }
        }

        double sumW = 0, sumWy = 0;
        for (int i = 0; i < k; i++)
        {
            double w = 1 / (v[i] + tau2);
            sumW += w;
            sumWy += w * y[i];
        }
        double muHat = sumWy / sumW;
        double varMu = 1 / sumW;
        double z = IntervalQuantiles.Normal975;
        var shrunken = ImmutableArray.CreateBuilder<ShrunkenEstimate>(k);
        for (int i = 0; i < k; i++)
        {
            double lambda = tau2 / (tau2 + v[i]);
            double estimate = muHat + lambda * (y[i] - muHat);
            double se = Math.Sqrt(lambda * v[i] + (1 - lambda) * (1 - lambda) * varMu);
            shrunken.Add(new ShrunkenEstimate(studies[i].Label, estimate, se, estimate - z * se, estimate + z * se));
        }
        return new RandomEffectsFit(method, muHat, Math.Sqrt(varMu), tau2, q, [.. studies], shrunken.MoveToImmutable(), converged);
    }
}
