namespace Forecast.Engine.Simulation;

/// <summary>How to run a Monte Carlo simulation.</summary>
/// <param name="Paths">Number of paths; null uses the scenario's. Range: ≥ 1. Ignored when <paramref name="Precision"/> is set.</param>
/// <param name="Seed">Seed of every random stream; null uses the scenario's.</param>
/// <param name="Threads">Worker threads; 0 uses every core. Results do not depend on it.</param>
/// <param name="Precision">If set, paths are added in waves until every target probability's 95% interval half-width is at most this. Range: (0, 0.5].</param>
/// <param name="MaxPaths">Upper limit on paths in precision mode.</param>
/// <param name="Sampling">Plain Monte Carlo, antithetic variates or Latin hypercube sampling.</param>
public sealed record SimulationOptions(long? Paths = null, ulong? Seed = null, int Threads = 0, double? Precision = null,
    long MaxPaths = 100_000_000, SamplingMethod Sampling = SamplingMethod.Random);
