using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>A Monte Carlo probability: <paramref name="Successes"/> of <paramref name="Trials"/> paths, with its interval.</summary>
/// <param name="Successes">Paths on which the event happened. Range: 0 ≤ successes ≤ trials.</param>
/// <param name="Trials">Paths simulated. Range: ≥ 0.</param>
/// <param name="Variance">The estimate's variance from the independent units of a sampling method whose paths are not
/// independent (antithetic pairs, Latin hypercube blocks, Sobol replicates); null for plain Monte Carlo.</param>
public readonly record struct ProbabilityEstimate(long Successes, long Trials, EstimateVariance? Variance = null)
{
    /// <summary>Successes / trials; NaN when no path was simulated.</summary>
    public double Value => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>The 95% interval: Wilson's score interval for independent paths, else <see cref="ClusteredInterval.Proportion"/>.</summary>
    public Interval Ci95 => Variance is { } v ? ClusteredInterval.Proportion(Successes, Trials, v) : WilsonInterval.Of(Successes, Trials);
}
