using System.Collections.Immutable;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Chooses among models fitted to the same observations by AIC = 2k − 2 ln L and BIC = k ln n − 2 ln L,
/// with Akaike weights wᵢ = exp(−ΔAICᵢ/2) / Σⱼ exp(−ΔAICⱼ/2).
/// </summary>
public static class ModelChoice
{
    /// <summary>Ranks <paramref name="candidates"/>; those without a likelihood are left out with a warning.</summary>
    public static ModelRanking Rank(IEnumerable<ModelCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var usable = new List<ModelCandidate>();
        foreach (ModelCandidate c in candidates)
        {
            if (double.IsFinite(c.Statistics.LogLikelihood))
            {
                usable.Add(c);
            }
            else
            {
                warnings.Add(F(T.NoFiniteLikelihood, CalibrationWords.Model(c.Name)));
            }
        }
        if (usable.Count == 0)
        {
            warnings.Add(T.NoCandidateLikelihood);
            return new ModelRanking([], null, null, warnings.ToImmutable());
        }
        if (usable.Select(c => c.Statistics.ObservationCount).Distinct().Count() > 1)
        {
            warnings.Add(T.DifferentObservationCounts);
        }
        foreach (ModelCandidate c in usable)
        {
            if (c.Statistics.ObservationCount < 40 * c.Statistics.ParameterCount)
            {
                warnings.Add(F(T.FewObservationsPerParameter, c.Statistics.ObservationCount, c.Statistics.ParameterCount));
                break;
            }
        }

        double minAic = usable.Min(c => c.Statistics.Aic), minBic = usable.Min(c => c.Statistics.Bic);
        double weightSum = usable.Sum(c => Math.Exp(-(c.Statistics.Aic - minAic) / 2));
        var ranked = usable
            .Select(c => new RankedModel(c.Name, c.Statistics, c.Statistics.Aic - minAic, Math.Exp(-(c.Statistics.Aic - minAic) / 2) / weightSum, c.Statistics.Bic - minBic, c.Form))
            .OrderBy(r => r.DeltaAic)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        string bestBic = ranked.OrderBy(r => r.DeltaBic).ThenBy(r => r.Name, StringComparer.Ordinal).First().Name;
        return new ModelRanking(ranked, ranked[0].Name, bestBic, warnings.ToImmutable());
    }
}
