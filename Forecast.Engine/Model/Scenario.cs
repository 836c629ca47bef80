namespace Forecast.Engine.Model;

/// <summary>
/// A complete, validated description of what to simulate: drivers, their correlations, indicators
/// with targets, and run defaults. <see cref="ScenarioValidator.Validate"/> checks its rules;
/// the engine trusts a scenario that passed it.
/// </summary>
/// <param name="Name">Short name, used for the output folder.</param>
/// <param name="Title">Bilingual title.</param>
/// <param name="Drivers">Drivers, ids unique.</param>
/// <param name="Correlations">Correlations between drivers' yearly shocks.</param>
/// <param name="Indicators">Indicators, ids unique.</param>
/// <param name="Defaults">Default run settings (paths, seed).</param>
public sealed record Scenario(string Name, LocalizedText Title, IReadOnlyList<Driver> Drivers,
    IReadOnlyList<Correlation> Correlations, IReadOnlyList<Indicator> Indicators, RunDefaults Defaults)
{
    /// <summary>Values observed after the base years (a nowcast), each forced on every path in its year; empty for a forecast from the base.</summary>
    public IReadOnlyList<ObservedValue> Observed { get; init; } = [];

    /// <summary>The driver with the given id.</summary>
    public Driver Driver(string id) => Drivers.First(d => d.Id == id);

    /// <summary>The indicator with the given id.</summary>
    public Indicator Indicator(string id) => Indicators.First(i => i.Id == id);

    /// <summary>First year that is simulated (the earliest base year).</summary>
    public int FirstYear => Indicators.Min(i => i.BaseYear);

    /// <summary>Last year that is simulated (the latest target year).</summary>
    public int LastYear => Indicators.Max(i => i.Target.Year);
}

/// <summary>Run settings a scenario file carries; the command line can override them.</summary>
/// <param name="Paths">Number of Monte Carlo paths. Range: ≥ 1.</param>
/// <param name="Seed">Seed of every random stream.</param>
public sealed record RunDefaults(long Paths = RunDefaults.StandardPaths, ulong Seed = RunDefaults.StandardSeed)
{
    /// <summary>Paths of a scenario that states none.</summary>
    public const long StandardPaths = 100_000;

    /// <summary>Seed of a scenario that states none.</summary>
    public const ulong StandardSeed = 20210101;
}
