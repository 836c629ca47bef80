using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Results;

/// <summary>What the simulation says about one indicator and its target.</summary>
/// <param name="Indicator">The indicator, with its target.</param>
/// <param name="Probability">Probability of reaching the target (Monte Carlo estimate). Range: 0-1.</param>
/// <param name="ProbabilityCi95">95% interval of <paramref name="Probability"/>, from the estimator's own variance: Wilson's for
/// plain Monte Carlo, otherwise Wilson's at the effective paths with Student's t (<see cref="ClusteredInterval"/>).</param>
/// <param name="ExpectedShortfall">Mean distance to the threshold over the paths that miss it (0 when none miss), in the indicator's unit.</param>
/// <param name="Years">Distribution per year, from the year after the base to the last simulated year.</param>
/// <param name="Growth">Required versus historical growth and the progress category.</param>
/// <param name="ProbabilityVariance">The probability's estimated variance from independent units of paths (antithetic pairs,
/// Latin hypercube blocks, Sobol replicates); null for plain Monte Carlo, whose paths are the units.</param>
/// <param name="EffectivePaths">Paths of plain Monte Carlo that would give the same variance, p(1 − p)/variance (the paths for
/// plain Monte Carlo; NaN when not known).</param>
public sealed record IndicatorOutcome(Indicator Indicator, double Probability, Interval ProbabilityCi95,
    double ExpectedShortfall, IReadOnlyList<YearStatistics> Years, GrowthAssessment Growth,
    EstimateVariance? ProbabilityVariance = null, double EffectivePaths = double.NaN)
{
    /// <summary>In a nowcast: the probability the forecast from the base gave the target, before the observations; NaN otherwise.</summary>
    public double ProbabilityAtStart { get; init; } = double.NaN;

    /// <summary>On track, at risk or off track, from the probability.</summary>
    public TargetStatus Status => TargetStatuses.Of(Probability);

    /// <summary>The statistics of the target year.</summary>
    public YearStatistics TargetYear => Years.First(y => y.Year == Indicator.Target.Year);
}
