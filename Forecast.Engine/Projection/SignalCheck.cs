using Forecast.Engine.Model;
using Forecast.Engine.Results;

namespace Forecast.Engine.Projection;

/// <summary>
/// Where the two signals of a target point different ways (history's pace says "on track" while the simulation's
/// probability says "off track", or the reverse), one sentence saying why: the pace the scenario's drivers imply (the
/// expected path from the base to the target year, as a rate a year) against the pace history shows and the pace the
/// target needs. Null where the signals agree or either is missing.
/// </summary>
public static class SignalCheck
{
    /// <summary>The sentence for one outcome, or null.</summary>
    public static string? Why(IndicatorOutcome outcome)
    {
        if (Conflict(outcome) is not { } c) return null;
        string Rate(double r) => c.PerYear ? r.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) + " a year"
            : (100 * r).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "% a year";
        return c.ScenarioPessimistic
            ? $"the drivers assume {Rate(c.Implied)} (the expected path), against {Rate(c.Historical)} in history and the {Rate(c.Required)} the target needs: the scenario is more pessimistic than the trend"
            : $"the drivers assume {Rate(c.Implied)} (the expected path), against {Rate(c.Historical)} in history and the {Rate(c.Required)} the target needs: the scenario is more optimistic than the trend";
    }

    /// <summary>The numbers behind <see cref="Why"/> (for writers in another language), or null where the signals agree.</summary>
    public static SignalConflict? Conflict(IndicatorOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var g = outcome.Growth;
        bool historyOnTrack = g.Category == ProgressCategory.OnTrack;
        bool historyBehind = g.Category is ProgressCategory.LimitedProgress or ProgressCategory.MovingAway;
        bool likely = outcome.Status == TargetStatus.OnTrack;
        bool unlikely = outcome.Status == TargetStatus.OffTrack;
        if (!(historyOnTrack && unlikely) && !(historyBehind && likely)) return null;

        var ind = outcome.Indicator;
        var target = outcome.TargetYear;
        int years = ind.Target.Year - ind.BaseYear;
        double implied = g.PerYear
            ? (ind.Model.HasBaseLevel ? (target.Deterministic - ind.BaseValue) / years : target.Deterministic)
            : ind.BaseValue > 0 && target.Deterministic > 0 ? Math.Pow(target.Deterministic / ind.BaseValue, 1.0 / years) - 1 : double.NaN;
        if (double.IsNaN(implied)) return null;
        return new SignalConflict(implied, g.HistoricalRate, g.RequiredRate, g.PerYear, ScenarioPessimistic: historyOnTrack);
    }
}

/// <summary>Where history and the probability disagree: the paces a year (fractions, or counts a year where <paramref name="PerYear"/>).</summary>
/// <param name="Implied">The pace the drivers imply (the expected path).</param>
/// <param name="Historical">The pace of the history.</param>
/// <param name="Required">The pace the target needs.</param>
/// <param name="PerYear">True when the paces are counts a year, false for growth rates (fractions).</param>
/// <param name="ScenarioPessimistic">True when history is on track but the probability is low; false for the reverse.</param>
public sealed record SignalConflict(double Implied, double Historical, double Required, bool PerYear, bool ScenarioPessimistic);
