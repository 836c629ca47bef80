using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>One driver's bar in a tornado for one target.</summary>
/// <param name="DriverId">The driver swung.</param>
/// <param name="LowLevel">The driver's level at the low quantile (before any level change).</param>
/// <param name="HighLevel">The driver's level at the high quantile.</param>
/// <param name="ProbabilityAtLow">Probability of the target with the driver at its low level, others at their medians.</param>
/// <param name="ProbabilityAtHigh">Probability with the driver at its high level.</param>
/// <param name="MedianAtLow">Target-year median with the driver at its low level.</param>
/// <param name="MedianAtHigh">Target-year median with the driver at its high level.</param>
public sealed record TornadoBar(string DriverId, double LowLevel, double HighLevel, ProbabilityEstimate ProbabilityAtLow,
    ProbabilityEstimate ProbabilityAtHigh, double MedianAtLow, double MedianAtHigh)
{
    /// <summary>P(high) − P(low).</summary>
    public double ProbabilitySwing => ProbabilityAtHigh.Value - ProbabilityAtLow.Value;

    /// <summary>Median(high) − median(low).</summary>
    public double MedianSwing => MedianAtHigh - MedianAtLow;
}

/// <summary>The tornado of one target: its value with every driver at its median, and one bar per driver, largest swing first.</summary>
/// <param name="IndicatorId">The target's indicator (or <see cref="ScenarioComparison.AllHeadlineTargetsId"/>).</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Centre">Probability with every driver at its median level.</param>
/// <param name="CentreMedian">Target-year median with every driver at its median level (NaN for the joint row).</param>
/// <param name="Bars">One bar per uncertain driver, sorted by |probability swing|, then by |median swing| relative to the centre median.</param>
public sealed record TornadoTarget(string IndicatorId, LocalizedText Name, ProbabilityEstimate Centre, double CentreMedian, IReadOnlyList<TornadoBar> Bars);

/// <summary>A one-at-a-time sensitivity analysis (tornado) of every target of a scenario.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="LowQuantile">The quantile of the low end (0.1).</param>
/// <param name="HighQuantile">The quantile of the high end (0.9).</param>
/// <param name="Paths">Paths per run.</param>
/// <param name="Seed">The seed of every run (common random numbers).</param>
/// <param name="Targets">One tornado per target, in scenario order, then the joint headline row.</param>
public sealed record TornadoResult(string Scenario, double LowQuantile, double HighQuantile, long Paths, ulong Seed, IReadOnlyList<TornadoTarget> Targets)
{
    /// <summary>The tornado of the indicator with the given id.</summary>
    public TornadoTarget this[string indicatorId] => Targets.First(t => t.IndicatorId == indicatorId);
}

/// <summary>
/// Tornado analysis: every driver's level is fixed at its median (a <see cref="FixedDistribution"/>, so the
/// parameter uncertainty is gone and only the yearly variation remains); then each uncertain driver in turn
/// is fixed at its 10th and at its 90th percentile (<see cref="Distribution.Quantile"/>), and the change in
/// each target's probability and target-year median is recorded. A driver whose level changes from a given
/// year is fixed at the same quantile of each of its levels, as a path keeps its rank across a change.
/// All 2D + 1 runs use the same seed and blocks, so the swings are differences on the same paths.
/// </summary>
public static class Tornado
{
    /// <summary>Default paths per run.</summary>
    public const long DefaultPaths = 10_000;

    /// <summary>Runs the tornado.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Paths per run (default <see cref="DefaultPaths"/>), seed (default the scenario's), threads.</param>
    /// <param name="lowQuantile">Quantile of the low end, default 0.1.</param>
    /// <param name="highQuantile">Quantile of the high end, default 0.9; above <paramref name="lowQuantile"/>.</param>
    /// <param name="progress">Reports the runs done out of 2D + 1.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    public static TornadoResult Run(Scenario scenario, SimulationOptions? options = null, double lowQuantile = 0.1, double highQuantile = 0.9,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(lowQuantile > 0 && lowQuantile < highQuantile && highQuantile < 1))
            throw new ArgumentOutOfRangeException(nameof(lowQuantile), "the quantiles must satisfy 0 < low < high < 1");
        var spec = RunSpec.Resolve(scenario, options, DefaultPaths).RequireFixedRun();
        long paths = spec.Paths;
        ulong seed = spec.Seed;
        var run = new SimulationOptions(paths, seed, spec.Threads, Sampling: spec.Sampling);

        var uncertain = scenario.Drivers.Where(IsUncertain).ToArray();
        int total = 2 * uncertain.Length + 1;
        int done = 0;
        SimulationResult Simulate(Scenario s)
        {
            var result = MonteCarlo.Run(s, run, cancellationToken: cancellationToken);
            progress?.Report((++done, total));
            return result;
        }

        var centre = Simulate(Fixed(scenario, null, 0.5));
        var low = new SimulationResult[uncertain.Length];
        var high = new SimulationResult[uncertain.Length];
        for (int d = 0; d < uncertain.Length; d++)
        {
            low[d] = Simulate(Fixed(scenario, uncertain[d].Id, lowQuantile));
            high[d] = Simulate(Fixed(scenario, uncertain[d].Id, highQuantile));
        }

        var targets = new List<TornadoTarget>();
        for (int k = 0; k < scenario.Indicators.Count; k++)
        {
            var indicator = scenario.Indicators[k];
            double centreMedian = centre.Indicators[k].TargetYear.P50;
            double scale = Math.Max(Math.Abs(centreMedian), 1e-12);
            var bars = uncertain.Select((driver, d) => new TornadoBar(driver.Id,
                    driver.Level.Quantile(lowQuantile), driver.Level.Quantile(highQuantile),
                    Estimate(low[d].Indicators[k], paths), Estimate(high[d].Indicators[k], paths),
                    low[d].Indicators[k].TargetYear.P50, high[d].Indicators[k].TargetYear.P50))
                .OrderByDescending(b => Math.Abs(b.ProbabilitySwing))
                .ThenByDescending(b => Math.Abs(b.MedianSwing) / scale)
                .ThenBy(b => b.DriverId, StringComparer.Ordinal)
                .ToArray();
            targets.Add(new TornadoTarget(indicator.Id, indicator.Name, Estimate(centre.Indicators[k], paths), centreMedian, bars));
        }
        var joint = uncertain.Select((driver, d) => new TornadoBar(driver.Id,
                driver.Level.Quantile(lowQuantile), driver.Level.Quantile(highQuantile),
                AllHeadline(low[d]), AllHeadline(high[d]), double.NaN, double.NaN))
            .OrderByDescending(b => Math.Abs(b.ProbabilitySwing)).ThenBy(b => b.DriverId, StringComparer.Ordinal).ToArray();
        targets.Add(new TornadoTarget(ScenarioComparison.AllHeadlineTargetsId, LocalizedText.Both("Every headline target met on the same path"),
            AllHeadline(centre), double.NaN, joint));
        return new TornadoResult(scenario.Name, lowQuantile, highQuantile, paths, seed, targets);
    }

    /// <summary>Whether any level of the driver is uncertain.</summary>
    public static bool IsUncertain(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return !driver.Level.IsDegenerate || driver.LevelChanges.Any(c => !c.Level.IsDegenerate);
    }

    /// <summary>
    /// The scenario with every driver's levels fixed at their medians, except <paramref name="swung"/> (if given) fixed at
    /// quantile <paramref name="quantile"/> of each of its levels.
    /// </summary>
    public static Scenario Fixed(Scenario scenario, string? swung, double quantile)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var drivers = scenario.Drivers.Select(d =>
        {
            double p = d.Id == swung ? quantile : 0.5;
            return d with
            {
                Level = new FixedDistribution(d.Level.Quantile(p)),
                Changes = d.Changes?.Select(c => c with { Level = new FixedDistribution(c.Level.Quantile(p)) }).ToArray(),
            };
        }).ToArray();
        return scenario with { Drivers = drivers };
    }

    /// <summary>A target's probability in a run of <paramref name="paths"/> paths, with the variance its interval comes from.</summary>
    private static ProbabilityEstimate Estimate(IndicatorOutcome outcome, long paths) =>
        new((long)Math.Round(outcome.Probability * paths), paths, outcome.ProbabilityVariance);

    private static ProbabilityEstimate AllHeadline(SimulationResult result) =>
        new((long)Math.Round(result.AllHeadlineProbability * result.Paths), result.Paths, result.AllHeadlineVariance);
}
