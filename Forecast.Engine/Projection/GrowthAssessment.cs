using Forecast.Engine.Model;

namespace Forecast.Engine.Projection;

/// <summary>
/// The growth a target requires against the growth history shows. For stocks, ratios and shares the
/// rates are compound annual growth rates, CAGR = (x_end/x_start)^(1/years) − 1; for cumulative
/// counts, yearly flows and anything starting from 0 they are amounts per year (the target spread evenly over the years, and the
/// historical yearly average).
/// </summary>
/// <param name="RequiredRate">Rate needed from the base to hit the target in the target year.</param>
/// <param name="HistoricalRate">Rate observed in the indicator's history (NaN without history).</param>
/// <param name="Ratio">R = s·historical / |required| (NaN when not defined).</param>
/// <param name="Category">The Eurostat / Open SDG progress category.</param>
/// <param name="PerYear">True when the rates are amounts per year rather than compound growth rates.</param>
public sealed record GrowthAssessment(double RequiredRate, double HistoricalRate, double Ratio, ProgressCategory Category, bool PerYear)
{
    /// <summary>Assesses an indicator's target against its history.</summary>
    public static GrowthAssessment Of(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var target = indicator.Target;
        double sign = target.Direction == Direction.AtLeast ? 1 : -1;
        // Counts that start from nothing (cumulative, flows, a stock at 0) have no compound rate: use amounts per year.
        bool perYear = indicator.Model.IsPerYearAmount || indicator.BaseValue <= 0;
        int years = indicator.Steps;
        double required = perYear
            ? (!indicator.Model.HasBaseLevel ? target.Value : (target.Value - indicator.BaseValue) / years)
            : Cagr(indicator.BaseValue, target.Value, years);

        var points = indicator.HistoryPoints.Where(p => p.Year < indicator.BaseYear).OrderBy(p => p.Year).ToList();
        double historical = double.NaN;
        if (perYear)
        {
            // A count's history is a yearly flow or a total over a period: either way, an amount per year.
            if (indicator.HistoryPoints.Count > 0)
            {
                var last = indicator.HistoryPoints[^1];
                historical = last.Value / Math.Max(1, last.Years);
            }
        }
        else if (points.Count > 0)
        {
            var first = points[0];
            historical = Cagr(first.Value, indicator.BaseValue, indicator.BaseYear - first.Year);
        }

        if (target.IsMetBy(indicator.BaseValue) && !perYear)
            return new GrowthAssessment(required, historical, double.NaN, ProgressCategory.TargetMet, perYear);
        if (double.IsNaN(historical) || double.IsNaN(required) || required == 0)
            return new GrowthAssessment(required, historical, double.NaN, ProgressCategory.NoHistory, perYear);
        double ratio = perYear ? historical / Math.Abs(required) : sign * historical / Math.Abs(required);
        var category = ratio >= 0.95 ? ProgressCategory.OnTrack
            : ratio >= 0.6 ? ProgressCategory.AccelerationNeeded
            : ratio >= 0 ? ProgressCategory.LimitedProgress
            : ProgressCategory.MovingAway;
        return new GrowthAssessment(required, historical, ratio, category, perYear);
    }

    private static double Cagr(double start, double end, int years) =>
        start > 0 && end > 0 && years > 0 ? Math.Pow(end / start, 1.0 / years) - 1 : double.NaN;
}
