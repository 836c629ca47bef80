using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Randomness;
using Forecast.Engine.Results;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Runs a scenario's Monte Carlo simulation through <see cref="BlockRunner"/>: a pilot run sizes the histograms,
/// then shards of blocks accumulate into their own <see cref="SimulationAccumulator"/> (16-bit histograms) and are
/// merged into the total in shard order, so the result is identical bit for bit whatever the number of threads.
/// In precision mode paths are added in smaller waves until every target's interval (as reported: from the sampling
/// method's own variance) is narrow enough.
/// </summary>
public static class MonteCarlo
{
    /// <summary>
    /// Shards per wave when adding paths until a precision is reached: the stopping check runs after every
    /// wave, so smaller waves stop closer to the paths needed. The result does not depend on the wave size
    /// (shards are merged in shard order either way), only where a precision run stops.
    /// </summary>
    internal const int ShardsPerPrecisionWave = 2;

    /// <summary>Runs the scenario. Throws <see cref="InvalidScenarioException"/> for an invalid scenario and <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static SimulationResult Run(Scenario scenario, SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var run = RunSpec.Resolve(scenario, options);
        var plan = SimulationPlan.Compile(scenario);
        if (plan.Observations.Length > 0) return Nowcast.Run(plan, run, progress, cancellationToken);
        var total = Simulate(plan, run, progress, cancellationToken);
        NonFiniteValues.ThrowIfAny(plan, total);
        return Summarise(plan, total, run.Seed);
    }

    internal static SimulationAccumulator Simulate(SimulationPlan plan, RunSpec run, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken) =>
        Simulate(plan, run, new PathSchedule(run.Paths), progress, cancellationToken);

    /// <summary>Runs the <paramref name="schedule"/>'s blocks of the plan: a pilot of its first blocks sizes the histograms, then the run proper.</summary>
    /// <remarks>A nowcast's second pass gives <c>draws</c>, the parameter draw behind each path: their groups become the intervals' units.</remarks>
    internal static SimulationAccumulator Simulate<TSchedule>(SimulationPlan plan, RunSpec run, TSchedule schedule, IProgress<SimulationProgress>? progress,
        CancellationToken cancellationToken, ResampledDraws? draws = null)
        where TSchedule : struct, IBlockSchedule
    {
        var pilot = BlockRunner.Pilot(plan, run, schedule);
        var isCount = new bool[pilot.Cells.Cells];
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = 1; s <= plan.Steps; s++) isCount[pilot.Cell(k, s)] = plan.Indicators[k].IsCount;
        var grid = HistogramGrid.FromPilot(pilot.Cells, isCount);
        var total = new SimulationAccumulator(plan, grid, variance: true, sampling: run.Sampling, draws: draws);
        BlockRunner.Run([plan], run, schedule, total.AsObserver(),
            () => new SimulationAccumulator(plan, grid, compact: true, variance: true, run.Sampling, draws).AsObserver(), cancellationToken,
            done =>
            {
                progress?.Report(new SimulationProgress(done, run.Precision is { } h ? Math.Max(done, Needed(plan, total, h)) : run.Paths));
                return run.Precision is { } precision && MaxHalfWidth(plan, total) <= precision;
            },
            run.Precision is null ? BlockRunner.ShardsPerWave : ShardsPerPrecisionWave, tracksExpected: TracksExpected(plan, draws));
        total.Complete();
        return total;
    }

    /// <summary>The histogram grid of a run: from the pilot of the run's first blocks (every shard of a split run finds the same).</summary>
    internal static HistogramGrid Grid(SimulationPlan plan, RunSpec run)
    {
        var pilot = BlockRunner.Pilot(plan, run, new PathSchedule(run.Paths));
        var isCount = new bool[pilot.Cells.Cells];
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = 1; s <= plan.Steps; s++) isCount[pilot.Cell(k, s)] = plan.Indicators[k].IsCount;
        return HistogramGrid.FromPilot(pilot.Cells, isCount);
    }

    /// <summary>
    /// Simulates blocks [first, end) of a fixed run on the grid of the whole run's pilot: the accumulator is not completed,
    /// so it can be written as a shard's partial and merged with the others in block order.
    /// </summary>
    internal static SimulationAccumulator SimulateBlocks(SimulationPlan plan, RunSpec run, long first, long end, CancellationToken cancellationToken)
    {
        var grid = Grid(plan, run);
        var total = new SimulationAccumulator(plan, grid, variance: true, sampling: run.Sampling);
        BlockRunner.Run([plan], run, new BlockRange(run.Paths, first, end), total.AsObserver(),
            () => new SimulationAccumulator(plan, grid, compact: true, variance: true, run.Sampling).AsObserver(), cancellationToken,
            tracksExpected: TracksExpected(plan, draws: null));
        return total;
    }

    /// <summary>Whether the blocks run the expected-value pass: not when every path draws the same parameters (<see cref="SimulationPlan.ParametersFixed"/>).</summary>
    private static bool TracksExpected(SimulationPlan plan, ResampledDraws? draws) => draws is not null || !plan.ParametersFixed;

    /// <summary>The widest 95% interval of a target's probability, as the result reports it (the method's own variance).</summary>
    private static double MaxHalfWidth(SimulationPlan plan, SimulationAccumulator acc)
    {
        double worst = 0;
        for (int k = 0; k < plan.Indicators.Length; k++)
            worst = Math.Max(worst, Interval(acc.TargetHits(k), acc.Paths, acc.TargetVariance(k)).HalfWidth);
        return worst;
    }

    /// <summary>
    /// Paths needed for the widest interval to reach half-width h, from the normal approximation: z²·v/h² with v the
    /// variance of one path's contribution, p(1 − p) for plain Monte Carlo, the estimated variance times the paths otherwise.
    /// </summary>
    private static long Needed(SimulationPlan plan, SimulationAccumulator acc, double h)
    {
        double worst = 0;
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            double p = (double)acc.TargetHits(k) / Math.Max(1, acc.Paths);
            double perPath = acc.TargetVariance(k) is { DegreesOfFreedom: > 0 } v && p > 0 && p < 1 ? v.Variance * acc.Paths : p * (1 - p);
            worst = Math.Max(worst, perPath);
        }
        return (long)Math.Ceiling(WilsonInterval.Z95 * WilsonInterval.Z95 * worst / (h * h));
    }

    /// <summary>A probability's 95% interval: Wilson's for plain Monte Carlo (no variance), the clustered one otherwise.</summary>
    private static Interval Interval(long hits, long paths, EstimateVariance? variance) =>
        variance is { } v ? ClusteredInterval.Proportion(hits, paths, v) : WilsonInterval.Of(hits, paths);

    /// <summary>
    /// As <see cref="Interval(long, long, EstimateVariance?)"/>, but when the units cannot give a spread (all agree, or one
    /// unit) Wilson's interval counts the accumulator's <see cref="SimulationAccumulator.AgreeingTrials"/>: a nowcast whose
    /// paths all meet a target from four effective draws is as sure as four draws, not as its paths.
    /// </summary>
    private static Interval Interval(SimulationAccumulator acc, long hits, EstimateVariance? variance)
    {
        long paths = acc.Paths;
        bool noSpread = variance is not { } v || v.DegreesOfFreedom < 1 || hits == 0 || hits == paths;
        return noSpread && acc.AgreeingTrials < paths && paths > 0
            ? WilsonInterval.Of((double)hits / paths, acc.AgreeingTrials, WilsonInterval.Z95)
            : Interval(hits, paths, variance);
    }

    private static double EffectivePaths(long hits, long paths, EstimateVariance? variance) =>
        variance is { } v ? ClusteredInterval.EffectivePaths(hits, paths, v) : paths;

    /// <summary>The sample standard deviation of a cell (n − 1 in the denominator) from its variance split's total: 0 when all values are equal, NaN when not tracked.</summary>
    private static double StandardDeviation(CellHistograms cells, int cell, VarianceDecomposition? split)
    {
        long n = cells.Count(cell);
        if (split is null || n < 2) return double.NaN;
        return cells.Min(cell) == cells.Max(cell) ? 0 : Math.Sqrt(split.Total * n / (n - 1));
    }

    internal static SimulationResult Summarise(SimulationPlan plan, SimulationAccumulator acc, ulong seed)
    {
        var scenario = plan.Scenario;
        var projection = DeterministicProjection.Project(plan);
        var outcomes = new IndicatorOutcome[scenario.Indicators.Count];
        var cells = acc.Cells;
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            var ind = plan.Indicators[k];
            var years = new List<YearStatistics>();
            for (int s = ind.BaseStep + 1; s <= plan.Steps; s++)
            {
                int cell = acc.Cell(k, s);
                long n = cells.Count(cell);
                var split = acc.Variance(k, s);
                years.Add(new YearStatistics(plan.Year(s), cells.Mean(cell),
                    cells.Quantile(cell, 0.05), cells.Quantile(cell, 0.25), cells.Quantile(cell, 0.50),
                    cells.Quantile(cell, 0.75), cells.Quantile(cell, 0.95),
                    s <= ind.TargetStep ? (double)acc.YearHits(cell) / n : double.NaN,
                    projection[ind.Source.Id][s], StandardDeviation(cells, cell, split)) { Variance = split });
            }
            long hits = acc.TargetHits(k);
            var variance = acc.TargetVariance(k);
            outcomes[ind.ScenarioIndex] = new IndicatorOutcome(ind.Source, (double)hits / acc.Paths,
                Interval(acc, hits, variance),
                acc.Misses(k) > 0 ? acc.ShortfallSum(k) / acc.Misses(k) : 0,
                years, GrowthAssessment.Of(ind.Source), variance, EffectivePaths(hits, acc.Paths, variance));
        }
        int headline = plan.HeadlineCount;
        long allHeadline = acc.MetCount(headline);
        var metDistribution = new double[headline + 1];
        for (int m = 0; m <= headline; m++) metDistribution[m] = (double)acc.MetCount(m) / acc.Paths;
        return new SimulationResult(scenario.Name, acc.Paths, seed, outcomes,
            (double)allHeadline / acc.Paths, Interval(acc, allHeadline, acc.AllHeadlineVariance),
            metDistribution, (double)acc.AllTargets / acc.Paths, TargetConsistency.Check(scenario),
            Interval(acc, acc.AllTargets, acc.AllTargetsVariance), new IntervalMethod(acc.IntervalUnit, acc.IntervalUnits),
            acc.AllHeadlineVariance);
    }
}
