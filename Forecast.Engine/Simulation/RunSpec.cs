using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The settings of one run, resolved once: what the caller asked for (<see cref="SimulationOptions"/>), else the
/// analysis's own default number of paths, else the scenario's <see cref="RunDefaults"/>. Nothing downstream
/// reads the scenario's defaults again.
/// </summary>
/// <param name="Paths">Paths to simulate (the most, in precision mode). Range: ≥ 1.</param>
/// <param name="Seed">Seed of every random stream.</param>
/// <param name="Sampling">How the paths' uniforms and shocks are drawn.</param>
/// <param name="Threads">Worker threads; 0 uses every core. Results do not depend on it.</param>
/// <param name="Precision">If set, paths are added until every target probability's 95% half-width is at most this. Range: (0, 0.5].</param>
public sealed record RunSpec(long Paths, ulong Seed, SamplingMethod Sampling, int Threads, double? Precision)
{
    /// <summary>Worker threads the run uses.</summary>
    public int Workers => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Resolves <paramref name="options"/> against the scenario's defaults.</summary>
    /// <param name="scenario">The scenario (its <see cref="Scenario.Defaults"/> fill what the options leave open).</param>
    /// <param name="options">What the caller asked for; null asks for nothing.</param>
    /// <param name="analysisPaths">The analysis's own default paths (per grid point, per evaluation), which take the place of the scenario's.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one path, or a precision outside (0, 0.5].</exception>
    public static RunSpec Resolve(Scenario scenario, SimulationOptions? options, long? analysisPaths = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulationOptions();
        if (options.Precision is { } h && !(h > 0 && h <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(options), h, "the precision must lie in (0, 0.5]");
        long paths = options.Precision is null ? options.Paths ?? analysisPaths ?? scenario.Defaults.Paths : options.MaxPaths;
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1, nameof(options));
        return new RunSpec(paths, options.Seed ?? scenario.Defaults.Seed, options.Sampling, options.Threads, options.Precision);
    }

    /// <summary>
    /// What-if analyses run a fixed number of paths per run (every evaluation the same paths: common random numbers).
    /// Any sampling method serves: their intervals come from the method's independent units (<see cref="ClusterTotals"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A precision was asked for.</exception>
    internal RunSpec RequireFixedRun()
    {
        if (Precision is not null) throw new ArgumentException("this analysis runs a fixed number of paths per run; precision mode is not supported");
        return this;
    }

    /// <summary>
    /// A fixed run of independent paths, for an analysis whose intervals come from order statistics of the paths
    /// (<see cref="Targets.TargetSetting"/>): those hold for independent paths only, so plain random sampling.
    /// </summary>
    /// <exception cref="ArgumentException">A precision, or a sampling method other than random, was asked for.</exception>
    internal RunSpec RequireFixedRandomRun()
    {
        if (Sampling != SamplingMethod.Random)
            throw new ArgumentException($"this analysis uses plain random sampling (its order-statistic intervals assume independent paths), not {Sampling}");
        return RequireFixedRun();
    }
}
