namespace Forecast.Engine.WhatIf;

/// <summary>What a goal seek found.</summary>
public enum GoalSeekStatus
{
    /// <summary>A lever value inside the range reaches the wanted probability; <see cref="GoalSeekResult.Value"/> is it.</summary>
    Reached,

    /// <summary>Even the range's weakest end reaches it; the lever can be anywhere in the range (or beyond it).</summary>
    AlreadyReached,

    /// <summary>No value in the range reaches it; <see cref="GoalSeekResult.Best"/> is the most the range gives.</summary>
    NotReachable,
}

/// <summary>One end of the interval of a goal seek's answer.</summary>
/// <param name="Value">The lever value, or the end of the range when <paramref name="BeyondRange"/>.</param>
/// <param name="BeyondRange">The bound lies beyond the range searched (at or past <paramref name="Value"/>).</param>
public readonly record struct GoalBound(double Value, bool BeyondRange);

/// <summary>
/// The lever value at which a target is reached with the wanted probability: the smallest value when the
/// lever raises the probability, the largest when it lowers it, on the common-random-numbers estimate.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="IndicatorId">The target's indicator.</param>
/// <param name="Lever">The lever.</param>
/// <param name="WantedProbability">The probability to reach, in (0, 1).</param>
/// <param name="Low">The lower end of the range searched.</param>
/// <param name="High">The upper end of the range searched.</param>
/// <param name="Status">Whether the range holds an answer.</param>
/// <param name="LeverRaisesProbability">True when the probability at <paramref name="High"/> is at least that at <paramref name="Low"/>.</param>
/// <param name="Value">The answer when <see cref="GoalSeekStatus.Reached"/>; the range end that reaches it when already reached; NaN otherwise.</param>
/// <param name="ProbabilityAtValue">The estimate at <paramref name="Value"/> (or, when not reachable, at the best end).</param>
/// <param name="Lower">Lower end of the answer's 95% interval: where the upper Wilson bound of the estimate crosses the wanted probability (or the lower, for a lever that lowers it).</param>
/// <param name="Upper">Upper end of the answer's 95% interval.</param>
/// <param name="ProbabilityAtLow">The estimate at <paramref name="Low"/>.</param>
/// <param name="ProbabilityAtHigh">The estimate at <paramref name="High"/>.</param>
/// <param name="Best">The estimate at the range's better end.</param>
/// <param name="CurrentValue">The lever's value in the scenario.</param>
/// <param name="ProbabilityAtCurrent">The estimate at the current value.</param>
/// <param name="Evaluations">Lever values simulated.</param>
/// <param name="Paths">Paths per evaluation.</param>
/// <param name="Seed">The seed of every evaluation (common random numbers).</param>
/// <param name="Tolerance">The bisection stops when the bracket is narrower than this.</param>
public sealed record GoalSeekResult(string Scenario, string IndicatorId, Lever Lever, double WantedProbability, double Low, double High,
    GoalSeekStatus Status, bool LeverRaisesProbability, double Value, ProbabilityEstimate ProbabilityAtValue, GoalBound Lower, GoalBound Upper,
    ProbabilityEstimate ProbabilityAtLow, ProbabilityEstimate ProbabilityAtHigh, ProbabilityEstimate Best, double CurrentValue, ProbabilityEstimate ProbabilityAtCurrent, int Evaluations, long Paths, ulong Seed, double Tolerance)
{
    /// <summary>Whether the probability differs between the two ends of the range (false: the lever does not move this target there).</summary>
    public bool LeverMovesTarget => ProbabilityAtLow.Successes != ProbabilityAtHigh.Successes;
}
