using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>Candidates ordered by AIC, with the best by AIC and by BIC.</summary>
/// <param name="Models">Comparable candidates, best AIC first.</param>
/// <param name="BestByAic">Name of the lowest-AIC model, or null when none is comparable.</param>
/// <param name="BestByBic">Name of the lowest-BIC model, or null.</param>
/// <param name="Warnings">Messages for the planner (excluded candidates, mismatched data).</param>
public sealed record ModelRanking(ImmutableArray<RankedModel> Models, string? BestByAic, string? BestByBic, ImmutableArray<string> Warnings)
{
    /// <summary>The form of the lowest-AIC model, or null when none is comparable.</summary>
    public ModelForm? BestFormByAic => Models.IsDefaultOrEmpty ? null : Models[0].Form;
}
