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
        var tornado = Prepare(scenario, options, lowQuantile, highQuantile);
        var runs = new RunOutcome[tornado.Runs];
        for (int r = 0; r < runs.Length; r++)
        {
            runs[r] = tornado.Evaluate(r, cancellationToken);
            progress?.Report((r + 1, runs.Length));
        }
        return tornado.Result(runs);
    }

    /// <summary>What a tornado keeps of one of its runs: each target's probability and target-year median, and the joint headline probability.</summary>
    internal sealed record RunOutcome(ProbabilityEstimate[] Targets, double[] Medians, ProbabilityEstimate AllHeadline);

    /// <summary>
    /// A tornado ready to run: its 2D + 1 runs by a fixed index (0 the centre, 1 + 2d driver d at its low quantile,
    /// 2 + 2d at its high one). Run r depends only on the scenario, the options and r, so any process may compute it
    /// (<see cref="ShardedAnalysis"/>).
    /// </summary>
    internal sealed record Prepared(Scenario Scenario, Driver[] Uncertain, SimulationOptions Options, double LowQuantile, double HighQuantile)
    {
        /// <summary>Runs of the tornado: 2D + 1.</summary>
        public int Runs => 2 * Uncertain.Length + 1;

        /// <summary>Simulates run <paramref name="r"/>.</summary>
        public RunOutcome Evaluate(int r, CancellationToken cancellationToken)
        {
            var fixedAt = r == 0 ? Fixed(Scenario, null, 0.5) : Fixed(Scenario, Uncertain[(r - 1) / 2].Id, r % 2 == 1 ? LowQuantile : HighQuantile);
            var result = MonteCarlo.Run(fixedAt, Options, cancellationToken: cancellationToken);
            long paths = Options.Paths!.Value;
            return new RunOutcome(result.Indicators.Select(o => Estimate(o, paths)).ToArray(), result.Indicators.Select(o => o.TargetYear.P50).ToArray(),
                AllHeadline(result));
        }

        /// <summary>The tornado of every run's outcome, given by run index.</summary>
        public TornadoResult Result(IReadOnlyList<RunOutcome> runs)
        {
            var (scenario, uncertain, lowQuantile, highQuantile) = (Scenario, Uncertain, LowQuantile, HighQuantile);
            long paths = Options.Paths!.Value;
            var centre = runs[0];
            var targets = new List<TornadoTarget>();
            for (int k = 0; k < scenario.Indicators.Count; k++)
            {
                var indicator = scenario.Indicators[k];
                double centreMedian = centre.Medians[k];
                double scale = Math.Max(Math.Abs(centreMedian), 1e-12);
                var bars = uncertain.Select((driver, d) => new TornadoBar(driver.Id,
                        driver.Level.Quantile(lowQuantile), driver.Level.Quantile(highQuantile),
                        runs[1 + 2 * d].Targets[k], runs[2 + 2 * d].Targets[k],
                        runs[1 + 2 * d].Medians[k], runs[2 + 2 * d].Medians[k]))
                    .OrderByDescending(b => Math.Abs(b.ProbabilitySwing))
                    .ThenByDescending(b => Math.Abs(b.MedianSwing) / scale)
                    .ThenBy(b => b.DriverId, StringComparer.Ordinal)
                    .ToArray();
                targets.Add(new TornadoTarget(indicator.Id, indicator.Name, centre.Targets[k], centreMedian, bars));
            }
            var joint = uncertain.Select((driver, d) => new TornadoBar(driver.Id,
                    driver.Level.Quantile(lowQuantile), driver.Level.Quantile(highQuantile),
                    runs[1 + 2 * d].AllHeadline, runs[2 + 2 * d].AllHeadline, double.NaN, double.NaN))
                .OrderByDescending(b => Math.Abs(b.ProbabilitySwing)).ThenBy(b => b.DriverId, StringComparer.Ordinal).ToArray();
            targets.Add(new TornadoTarget(ScenarioComparison.AllHeadlineTargetsId, LocalizedText.Both("Every headline target met on the same path"),
                centre.AllHeadline, double.NaN, joint));
            return new TornadoResult(scenario.Name, lowQuantile, highQuantile, paths, Options.Seed!.Value, targets);
        }
    }

    /// <summary>Checks the quantiles and resolves the run every tornado run uses.</summary>
    internal static Prepared Prepare(Scenario scenario, SimulationOptions? options, double lowQuantile = 0.1, double highQuantile = 0.9)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(lowQuantile > 0 && lowQuantile < highQuantile && highQuantile < 1))
            throw new ArgumentOutOfRangeException(nameof(lowQuantile), "the quantiles must satisfy 0 < low < high < 1");
        var spec = RunSpec.Resolve(scenario, options, DefaultPaths).RequireFixedRun();
        var run = new SimulationOptions(spec.Paths, spec.Seed, spec.Threads, Sampling: spec.Sampling);
        return new Prepared(scenario, scenario.Drivers.Where(IsUncertain).ToArray(), run, lowQuantile, highQuantile);
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
