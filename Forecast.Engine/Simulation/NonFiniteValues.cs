using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The last line of defence behind <see cref="ScenarioDomain"/>: a run in which some path took a value that is not a
/// finite number (an overflow the domain's limits make all but impossible) fails, naming the indicator, the year and the
/// drivers behind it, instead of reporting percentiles and means built on NaN or infinity. The check reads each cell's
/// sum (NaN and ±∞ propagate into it), so it costs nothing in the hot loop.
/// </summary>
internal static class NonFiniteValues
{
    /// <exception cref="ScenarioDomainException">A cell's sum is not finite.</exception>
    public static void ThrowIfAny(SimulationPlan plan, SimulationAccumulator acc)
    {
        // Indicators in dependency order, years in order: the first non-finite cell is where it started.
        for (int step = 1; step <= plan.Steps; step++)
        {
            for (int k = 0; k < plan.Indicators.Length; k++)
            {
                var ind = plan.Indicators[k];
                if (step <= ind.BaseStep || double.IsFinite(acc.Cells.Sum(acc.Cell(k, step)))) continue;
                var drivers = DriversBehind(plan.Scenario, ind.Source);
                string id = ind.Source.Id;
                int year = plan.Year(step);
                string message = $"'{id}' took a value that is not a finite number in {year} on some path (driven by " +
                    $"{string.Join(", ", drivers.Select(d => $"'{d}'"))}): the drivers' numbers carry it beyond the largest double; lower them";
                throw new ScenarioDomainException(
                    [new DomainViolation($"indicators[{ind.ScenarioIndex}].model", drivers.FirstOrDefault() ?? id, $"value in {year}", message)]);
            }
        }
    }

    /// <summary>The drivers an indicator reads, directly or through the indicators it reads.</summary>
    private static List<string> DriversBehind(Scenario scenario, Indicator indicator)
    {
        var drivers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(Indicator ind)
        {
            if (!seen.Add(ind.Id)) return;
            foreach (var d in ind.Model.DriverIds) if (!drivers.Contains(d)) drivers.Add(d);
            foreach (var other in ind.Model.IndicatorIds) Visit(scenario.Indicator(other));
        }
        Visit(indicator);
        return drivers;
    }
}
