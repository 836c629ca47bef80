using Forecast.Engine.Model;

namespace Forecast.Engine.Projection;

/// <summary>
/// The expected-value path of every indicator: each driver at the mean of its level distribution,
/// every yearly value at that level, exits and conversions at their expected numbers (N·q), and no
/// rounding. With no uncertainty in any driver the Monte Carlo paths equal this projection.
/// </summary>
public static class DeterministicProjection
{
    /// <summary>
    /// Values by indicator id, one per year from the scenario's first year to its last; years before an
    /// indicator's base year are NaN.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> Project(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int first = scenario.FirstYear, years = scenario.LastYear - first + 1;
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var pending = scenario.Indicators.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.First(i => i.Model.IndicatorIds.All(values.ContainsKey));
            values[ready.Id] = Path(scenario, ready, values, first, years);
            pending.Remove(ready);
        }
        return values;
    }

    private static double[] Path(Scenario scenario, Indicator indicator, Dictionary<string, double[]> known, int first, int years)
    {
        var path = new double[years];
        Array.Fill(path, double.NaN);
        int start = indicator.BaseYear - first;
        double x = indicator.BaseValue, numerator = 1, denominator = 1, logit = 0;
        var bounds = indicator.Bounds ?? Bounds.Percent;
        if (indicator.Model is BoundedShareModel)
        {
            double s = (x - bounds.Lower) / (bounds.Upper - bounds.Lower);
            logit = Math.Log(s / (1 - s));
        }
        path[start] = x;
        for (int t = start + 1; t < years; t++)
        {
            int year = first + t;
            double V(string id) => scenario.Driver(id).LevelIn(year).Mean;
            switch (indicator.Model)
            {
                case CompoundGrowthModel m:
                    x *= 1 + V(m.Growth);
                    break;
                case RatioModel m:
                    numerator = Side(m.Numerator, numerator, t);
                    denominator = Side(m.Denominator, denominator, t);
                    x = indicator.BaseValue * numerator / denominator;
                    break;
                case BoundedShareModel m:
                    logit += V(m.Step);
                    x = bounds.Lower + (bounds.Upper - bounds.Lower) / (1 + Math.Exp(-logit));
                    break;
                case StockFlowModel m:
                    if (m.ExitRate is { } exit) x -= x * Math.Clamp(V(exit), 0, 1);
                    x += m.Capacity is { } capacity ? (capacity - x) * Math.Clamp(V(m.Entries), 0, 1) : Math.Max(0, V(m.Entries));
                    break;
                case CumulativeModel m:
                    x += Math.Max(0, V(m.Driver));
                    break;
                case FlowModel m:
                    x = m.Count ? Math.Max(0, V(m.Driver)) : V(m.Driver);
                    break;
            }
            path[t] = x;

            double Side(Quantity q, double current, int index) => q.GrowthDriver is { } g
                ? current * (1 + V(g))
                : known[q.Indicator!][index] / scenario.Indicator(q.Indicator!).BaseValue;
        }
        return path;
    }
}
