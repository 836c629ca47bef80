using Forecast.Engine.Model;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Scenarios compared on the same paths (same seed, same blocks: common random numbers): each target's
/// probability and target-year median per scenario, and each scenario's differences from the first
/// (the reference) with intervals that account for the pairing.
/// </summary>
/// <param name="Scenarios">The scenarios' names, the reference first.</param>
/// <param name="Paths">Paths simulated for every scenario.</param>
/// <param name="Seed">The seed of every random stream.</param>
/// <param name="Sections">Sections of paths behind the median differences' intervals (see <see cref="Sectioning"/>).</param>
/// <param name="Targets">One row per indicator present in every scenario, in the reference's order.</param>
/// <param name="AllTargets">Every target of a scenario met on the same path (medians NaN).</param>
/// <param name="AllHeadlineTargets">Every headline target met on the same path (medians NaN).</param>
/// <param name="LeftOut">Indicators of the reference that some other scenario lacks (not compared).</param>
public sealed record ComparisonResult(IReadOnlyList<string> Scenarios, long Paths, ulong Seed, int Sections,
    IReadOnlyList<TargetComparison> Targets, TargetComparison AllTargets, TargetComparison AllHeadlineTargets,
    IReadOnlyList<string> LeftOut)
{
    /// <summary>The row of the indicator with the given id.</summary>
    public TargetComparison this[string indicatorId] => Targets.First(t => t.Id == indicatorId);
}

/// <summary>One target across the compared scenarios.</summary>
/// <param name="Id">The indicator id, or "all_targets" / "all_headline_targets".</param>
/// <param name="Name">The indicator's name in the reference scenario.</param>
/// <param name="Outcomes">One per scenario, in the order of <see cref="ComparisonResult.Scenarios"/>.</param>
/// <param name="Differences">One per scenario after the first: that scenario minus the reference.</param>
public sealed record TargetComparison(string Id, LocalizedText Name, IReadOnlyList<ScenarioTargetOutcome> Outcomes,
    IReadOnlyList<TargetDifference> Differences);

/// <summary>What one scenario gives for one target.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Probability">Paths meeting the target, with its interval (Wilson's for plain Monte Carlo).</param>
/// <param name="Median">Median of the indicator in the scenario's target year (the run's P50); NaN for the all-targets rows.</param>
/// <param name="Target">The scenario's target (year, threshold), or null for the all-targets rows.</param>
public sealed record ScenarioTargetOutcome(string Scenario, ProbabilityEstimate Probability, double Median, Target? Target);

/// <summary>
/// A scenario minus the reference on the same paths. The probability difference's interval is the paired
/// interval of <see cref="PairedProportionDifference"/>; the median difference's is the sectioning interval of
/// <see cref="Sectioning"/> over sections of paths that are the same in both scenarios.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Reference">The reference scenario's name.</param>
/// <param name="Gained">Paths meeting the target in the scenario but not in the reference.</param>
/// <param name="Lost">Paths meeting the target in the reference but not in the scenario.</param>
/// <param name="Paths">Paths simulated.</param>
/// <param name="MedianDifference">Scenario median minus reference median (NaN for the all-targets rows).</param>
/// <param name="MedianDifferenceCi95">Its 95% sectioning interval (NaN bounds for the all-targets rows).</param>
/// <param name="DifferenceVariance">The probability difference's variance from the independent units of a sampling method whose
/// paths are not independent (antithetic pairs, Latin hypercube blocks, Sobol replicates); null for plain Monte Carlo.</param>
public sealed record TargetDifference(string Scenario, string Reference, long Gained, long Lost, long Paths,
    double MedianDifference, Interval MedianDifferenceCi95, EstimateVariance? DifferenceVariance = null)
{
    /// <summary>P(scenario meets the target) − P(reference meets it).</summary>
    public double ProbabilityDifference => PairedProportionDifference.Estimate(Gained, Lost, Paths);

    /// <summary>
    /// The paired 95% interval of <see cref="ProbabilityDifference"/>: per path for plain Monte Carlo, from the units'
    /// differences otherwise (<see cref="ClusteredInterval.Difference"/>).
    /// </summary>
    public Interval ProbabilityDifferenceCi95 => DifferenceVariance is { } v
        ? ClusteredInterval.Difference(ProbabilityDifference, v)
        : PairedProportionDifference.Interval(Gained, Lost, Paths);
}
