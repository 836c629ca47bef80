using Forecast.Engine.Consistency;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Results;

/// <summary>The outcome of a Monte Carlo run: plain data for writers, plots and reports.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Paths">Number of paths simulated.</param>
/// <param name="Seed">The seed of every random stream.</param>
/// <param name="Indicators">One outcome per indicator, in scenario order.</param>
/// <param name="AllHeadlineProbability">Probability that every headline target is met on the same path.</param>
/// <param name="AllHeadlineCi95">95% Wilson interval of <paramref name="AllHeadlineProbability"/>.</param>
/// <param name="HeadlineMetDistribution">Element k: probability that exactly k headline targets are met.</param>
/// <param name="AllTargetsProbability">Probability that every target, headline or not, is met on the same path.</param>
/// <param name="Findings">Inconsistencies between the plan's own targets.</param>
/// <param name="AllTargetsCi95">95% interval of <paramref name="AllTargetsProbability"/>.</param>
/// <param name="Intervals">How every interval of the run was computed: the independent units of its sampling method.</param>
/// <param name="AllHeadlineVariance">The estimated variance of <paramref name="AllHeadlineProbability"/> (null for plain Monte Carlo).</param>
public sealed record SimulationResult(string Scenario, long Paths, ulong Seed, IReadOnlyList<IndicatorOutcome> Indicators,
    double AllHeadlineProbability, Interval AllHeadlineCi95, IReadOnlyList<double> HeadlineMetDistribution,
    double AllTargetsProbability, IReadOnlyList<ConsistencyFinding> Findings, Interval AllTargetsCi95 = default,
    IntervalMethod? Intervals = null, EstimateVariance? AllHeadlineVariance = null)
{
    /// <summary>How the observed values conditioned the paths (a nowcast), or null for a forecast from the base.</summary>
    public NowcastConditioning? Conditioning { get; init; }

    /// <summary>The outcome of the indicator with the given id.</summary>
    public IndicatorOutcome this[string indicatorId] => Indicators.First(i => i.Indicator.Id == indicatorId);
}

/// <summary>How a run's intervals were computed.</summary>
/// <param name="Unit">The independent units of the sampling method (paths, antithetic pairs, Latin hypercube blocks, Sobol replicates), or of a nowcast (groups of its parameter draws).</param>
/// <param name="Units">How many there were: the variance of every estimate is estimated from their spread, with Units − 1 degrees of freedom.</param>
public sealed record IntervalMethod(IntervalUnit Unit, long Units)
{
    /// <summary>The method's name in outputs: "wilson", "antithetic pairs", "latin hypercube blocks", "sobol replicates" or "groups of parameter draws".</summary>
    public string Name => Unit switch
    {
        IntervalUnit.AntitheticPair => "antithetic pairs",
        IntervalUnit.Block => "latin hypercube blocks",
        IntervalUnit.SobolReplicate => "sobol replicates",
        IntervalUnit.ParameterDraws => "groups of parameter draws",
        _ => "wilson",
    };

    /// <summary>The unit whose method is named <paramref name="name"/> in outputs (the inverse of <see cref="Name"/>).</summary>
    /// <exception cref="FormatException">No method has that name.</exception>
    public static IntervalUnit UnitNamed(string? name) =>
        Enum.GetValues<IntervalUnit>().Where(u => new IntervalMethod(u, 0).Name == name).Select(u => (IntervalUnit?)u).FirstOrDefault()
        ?? throw new FormatException($"unknown interval method '{name}'");
}
