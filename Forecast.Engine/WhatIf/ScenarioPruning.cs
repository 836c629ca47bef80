using Forecast.Engine.Model;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Cuts a scenario down to what some targets need, for analyses that evaluate one target many times
/// (goal seek). Kept: the targets' indicators and the indicators they read, the drivers those use, every
/// driver correlated with a kept driver (whole connected groups of the correlation graph), and an
/// indicator with the scenario's earliest base year if none is kept, so the simulation starts in the same year.
/// </summary>
/// <remarks>
/// Random streams are keyed by (seed, block, driver or indicator id), the yearly draws start in the same
/// year, and the Cholesky factor of a correlation matrix restricted to whole connected groups is the
/// restriction of the full factor (an entry between two groups is zero, by induction over the columns).
/// So where the correlation matrix is positive definite, each kept target's per-path outcomes are those of
/// the full scenario, bit for bit; only the cost falls.
/// </remarks>
public static class ScenarioPruning
{
    /// <summary>
    /// The part of <paramref name="scenario"/> that the targets of <paramref name="indicatorIds"/> depend on, plus the drivers
    /// <paramref name="alsoDrivers"/> (e.g. a lever's driver, kept even when the targets do not read it).
    /// </summary>
    /// <exception cref="ArgumentException">An id is not an indicator of the scenario.</exception>
    public static Scenario Keep(Scenario scenario, IReadOnlyCollection<string> indicatorIds, IReadOnlyCollection<string>? alsoDrivers = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(indicatorIds);
        var byId = scenario.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var id in indicatorIds)
            if (!byId.ContainsKey(id))
                throw new ArgumentException($"indicator '{id}' is not in scenario '{scenario.Name}'{ScenarioValidator.Suggest(id, byId.Keys)}", nameof(indicatorIds));

        var indicators = new HashSet<string>(StringComparer.Ordinal);
        void AddIndicator(string id)
        {
            if (!indicators.Add(id)) return;
            foreach (var dependency in byId[id].Model.IndicatorIds) AddIndicator(dependency);
        }
        foreach (var id in indicatorIds) AddIndicator(id);

        int firstYear = scenario.FirstYear;
        if (scenario.Indicators.Where(i => indicators.Contains(i.Id)).Min(i => i.BaseYear) > firstYear)
        {
            // Keep the earliest-starting indicator that brings in the fewest new drivers.
            var kept = Drivers(scenario, indicators, []);
            var earliest = scenario.Indicators.Where(i => i.BaseYear == firstYear)
                .OrderBy(i => Drivers(scenario, [.. indicators, i.Id], []).Count - kept.Count).First();
            AddIndicator(earliest.Id);
        }

        var drivers = Drivers(scenario, indicators, alsoDrivers ?? []);
        return scenario with
        {
            Drivers = scenario.Drivers.Where(d => drivers.Contains(d.Id)).ToArray(),
            Correlations = scenario.Correlations.Where(c => drivers.Contains(c.First) && drivers.Contains(c.Second)).ToArray(),
            Indicators = scenario.Indicators.Where(i => indicators.Contains(i.Id)).ToArray(),
        };
    }

    /// <summary>The drivers the indicators use and <paramref name="also"/>, closed over correlations.</summary>
    private static HashSet<string> Drivers(Scenario scenario, IEnumerable<string> indicatorIds, IEnumerable<string> also)
    {
        var drivers = new HashSet<string>(also, StringComparer.Ordinal);
        foreach (var id in indicatorIds)
            foreach (var driver in scenario.Indicator(id).Model.DriverIds) drivers.Add(driver);
        bool grown = true;
        while (grown)
        {
            grown = false;
            foreach (var c in scenario.Correlations)
            {
                if (c.Rho == 0) continue;
                if (drivers.Contains(c.First) && drivers.Add(c.Second)) grown = true;
                if (drivers.Contains(c.Second) && drivers.Add(c.First)) grown = true;
            }
        }
        return drivers;
    }
}
