using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>A Monte Carlo probability: <paramref name="Successes"/> of <paramref name="Trials"/> paths, with its Wilson interval.</summary>
/// <param name="Successes">Paths on which the event happened. Range: 0 ≤ successes ≤ trials.</param>
/// <param name="Trials">Paths simulated. Range: ≥ 0.</param>
public readonly record struct ProbabilityEstimate(long Successes, long Trials)
{
    /// <summary>Successes / trials; NaN when no path was simulated.</summary>
    public double Value => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>The 95% Wilson score interval.</summary>
    public Interval Ci95 => WilsonInterval.Of(Successes, Trials);
}
