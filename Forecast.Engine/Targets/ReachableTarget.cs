using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Targets;

/// <summary>A target reachable with a given probability.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Probability">The probability asked for.</param>
/// <param name="Value">The most ambitious target met on at least that share of paths: the highest for an at-least target, the lowest for an at-most one.</param>
/// <param name="Ci95">The 95% Monte Carlo interval of <paramref name="Value"/> (order statistics: how far the value could move with other paths).</param>
/// <param name="Achieved">The share of paths that meet <paramref name="Value"/> (at least the probability asked; more where paths tie).</param>
/// <param name="Growth">The growth a year the target implies from the base, against the growth of history.</param>
public sealed record ReachableTarget(string IndicatorId, double Probability, double Value, Interval Ci95, double Achieved, GrowthAssessment Growth);

/// <summary>The reachable targets of one indicator at each probability asked for.</summary>
/// <param name="Indicator">The indicator, with its current target.</param>
/// <param name="CurrentProbability">The share of paths that meet the current target.</param>
/// <param name="Targets">One per probability, in the order asked.</param>
public sealed record IndicatorTargets(Indicator Indicator, double CurrentProbability, IReadOnlyList<ReachableTarget> Targets)
{
    /// <summary>The reachable target at probability <paramref name="p"/>.</summary>
    public ReachableTarget At(double p) => Targets.First(t => t.Probability == p);
}

/// <summary>
/// Targets for a set of indicators that are all met together, on the same path, with a given probability. The rule: every
/// target in the set is given the same marginal probability p_m (each gives up the same probability, whatever its unit), the
/// smallest p_m ≥ p at which the share of paths meeting all of them reaches p. Written as an ambition
/// λ = (1 − p_m)/(1 − p) ∈ [0, 1]: λ = 1 keeps each indicator's own p-target (enough only if the indicators moved in lockstep),
/// λ = 0 falls back to the floor, the lowest simulated value, met on every path.
/// </summary>
/// <param name="Probability">The joint probability asked for.</param>
/// <param name="MarginalProbability">p_m: the probability of each target on its own.</param>
/// <param name="Ambition">λ = (1 − p_m)/(1 − p).</param>
/// <param name="Targets">The set's targets at p_m.</param>
/// <param name="Achieved">The share of paths meeting every target of the set.</param>
/// <param name="AchievedCi95">Its 95% Wilson interval.</param>
/// <param name="MarginalTargetsTogether">The share of paths meeting every indicator's own p-target together (what λ = 1 would give).</param>
public sealed record JointTargets(double Probability, double MarginalProbability, double Ambition, IReadOnlyList<ReachableTarget> Targets,
    double Achieved, Interval AchievedCi95, double MarginalTargetsTogether);

/// <summary>What <see cref="TargetSetting.Run"/> found.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Paths">Paths simulated.</param>
/// <param name="Seed">Their seed.</param>
/// <param name="Probability">The main probability asked for.</param>
/// <param name="Probabilities">Every probability reported (the main one, 0.5 and 0.9), ascending.</param>
/// <param name="Indicators">Every indicator of the scenario, in scenario order.</param>
/// <param name="Joint">The joint targets of the set, or null when the set is empty.</param>
public sealed record TargetSettingResult(string Scenario, long Paths, ulong Seed, double Probability, IReadOnlyList<double> Probabilities,
    IReadOnlyList<IndicatorTargets> Indicators, JointTargets? Joint);
