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
        string Rate(double r) => g.PerYear ? r.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) + " a year"
            : (100 * r).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "% a year";
        return historyOnTrack
            ? $"the drivers assume {Rate(implied)} (the expected path), against {Rate(g.HistoricalRate)} in history and the {Rate(g.RequiredRate)} the target needs: the scenario is more pessimistic than the trend"
            : $"the drivers assume {Rate(implied)} (the expected path), against {Rate(g.HistoricalRate)} in history and the {Rate(g.RequiredRate)} the target needs: the scenario is more optimistic than the trend";
    }
}
