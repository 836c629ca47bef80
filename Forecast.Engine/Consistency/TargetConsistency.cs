using System.Globalization;
using Forecast.Engine.Model;

namespace Forecast.Engine.Consistency;

/// <summary>
/// Finds where two of the plan's targets constrain the same quantity. A stock-flow count S and a
/// cumulative count C of the same entries driver, both due in the same year, satisfy
/// S_T = S_0 + C_T − exits ≤ S_0 + C_T. If C is met exactly (C_T = c), S can reach at most S_0 + c:
/// when S_0 + c is below S's target the two targets are inconsistent; when the room S_0 + c − target is
/// smaller than the exits expected over the period, they are tight. The same holds structure by structure for mixtures
/// whose stock-flow structures count exactly the entries that the cumulative count's structures add up.
/// </summary>
public static class TargetConsistency
{
    /// <summary>Every finding for the scenario, in scenario order.</summary>
    public static IReadOnlyList<ConsistencyFinding> Check(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var findings = new List<ConsistencyFinding>();
        foreach (var stock in scenario.Indicators)
        {
            if (stock.Target.Direction != Direction.AtLeast || Flows(stock.Model) is not { Count: > 0 } flows) continue;
            var entries = flows.Select(f => f.Flow.Entries).ToHashSet(StringComparer.Ordinal);
            foreach (var cumulative in scenario.Indicators)
            {
                if (Counted(cumulative.Model) is not { Count: > 0 } counted || !entries.SetEquals(counted)) continue;
                if (cumulative.Target.Year != stock.Target.Year || cumulative.BaseYear != stock.BaseYear) continue;
                double added = cumulative.Target.Value - cumulative.BaseValue;
                double reach = stock.BaseValue + added;
                double gap = stock.Target.Value - reach;
                double exitRate = flows.Sum(f => f.Weight * (f.Flow.ExitRate is { } e ? scenario.Driver(e).Level.Mean : 0));
                double expectedExits = ExpectedExits(stock.BaseValue, stock.Target.Value, exitRate, stock.Steps);
                string names = $"{stock.Name.En} ({stock.Id}) and {cumulative.Name.En} ({cumulative.Id})";
                var numbers = new StockFlowGap(stock.BaseValue, stock.BaseYear, added, reach, stock.Target.Value, stock.Target.Year, exitRate, expectedExits, stock.Steps);
                if (gap > 0)
                {
                    findings.Add(new ConsistencyFinding(FindingSeverity.Inconsistent, [stock.Id, cumulative.Id], string.Create(CultureInfo.InvariantCulture,
                        $"{names}: {stock.BaseValue:0} in {stock.BaseYear} plus the {added:0} new of the '{cumulative.Id}' target make {reach:0}, " +
                        $"{gap:0} short of the {stock.Target.Value:0} targeted for {stock.Target.Year} before any exits. " +
                        $"With the scenario's exit rate ({exitRate * 100:0.#}% a year) about {expectedExits:0} more would leave, so reaching " +
                        $"{stock.Target.Value:0} needs about {stock.Target.Value - stock.BaseValue + expectedExits:0} new entries, not {added:0}.")) { Gap = numbers });
                }
                else if (-gap < expectedExits)
                {
                    findings.Add(new ConsistencyFinding(FindingSeverity.Tight, [stock.Id, cumulative.Id], string.Create(CultureInfo.InvariantCulture,
                        $"{names}: {stock.BaseValue:0} in {stock.BaseYear} plus the {added:0} new of the '{cumulative.Id}' target make {reach:0}, " +
                        $"only {-gap:0} above the {stock.Target.Value:0} targeted for {stock.Target.Year}; both are met together only if fewer than " +
                        $"{-gap + 1:0} leave over {stock.Steps} years, while the scenario's exit rate ({exitRate * 100:0.#}% a year) implies about {expectedExits:0}.")) { Gap = numbers });
                }
            }
        }
        return findings;
    }

    /// <summary>The stock-flow structures of a model with their weights (one, weight 1, for a plain stock-flow); null when any structure is not a stock-flow.</summary>
    private static List<(StockFlowModel Flow, double Weight)>? Flows(IndicatorModel model) => model switch
    {
        StockFlowModel flow => [(flow, 1.0)],
        MixtureModel mixture when mixture.Components.All(c => c.Model is StockFlowModel) =>
            mixture.Components.Select(c => ((StockFlowModel)c.Model, c.Weight)).ToList(),
        _ => null,
    };

    /// <summary>The entries drivers a cumulative count (or a mixture of them) adds up; null when any structure is not a cumulative count.</summary>
    private static HashSet<string>? Counted(IndicatorModel model) => model switch
    {
        CumulativeModel c => [c.Driver],
        MixtureModel mixture when mixture.Components.All(c => c.Model is CumulativeModel) =>
            mixture.Components.Select(c => ((CumulativeModel)c.Model).Driver).ToHashSet(StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Expected exits over the period for a stock growing geometrically from base to target.</summary>
    private static double ExpectedExits(double start, double end, double rate, int years)
    {
        if (rate <= 0 || years <= 0) return 0;
        double growth = Math.Pow(Math.Max(end, 1) / Math.Max(start, 1), 1.0 / years);
        double exits = 0, stock = start;
        for (int t = 0; t < years; t++)
        {
            exits += stock * rate;
            stock *= growth;
        }
        return exits;
    }
}
