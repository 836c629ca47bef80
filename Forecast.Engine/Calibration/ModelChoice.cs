using System.Collections.Immutable;
using static System.FormattableString;

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
                warnings.Add(Invariant($"{c.Name}: no finite likelihood (too few data or an exact fit); left out of the comparison."));
            }
        }
        if (usable.Count == 0)
        {
            warnings.Add("No candidate has a likelihood: the models cannot be compared on this data.");
            return new ModelRanking([], null, null, warnings.ToImmutable());
        }
        if (usable.Select(c => c.Statistics.ObservationCount).Distinct().Count() > 1)
        {
            warnings.Add("The candidates were fitted to different numbers of observations (e.g. a random walk conditions on the first value); AIC and BIC are then only indicative.");
        }
        foreach (ModelCandidate c in usable)
        {
            if (c.Statistics.ObservationCount < 40 * c.Statistics.ParameterCount)
            {
                warnings.Add(Invariant($"Few observations per parameter ({c.Statistics.ObservationCount} for {c.Statistics.ParameterCount}): prefer the small-sample AICc in the statistics where it is defined."));
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
