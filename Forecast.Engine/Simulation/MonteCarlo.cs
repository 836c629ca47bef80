using System.Collections.Concurrent;
using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Randomness;
using Forecast.Engine.Results;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Runs a scenario's Monte Carlo simulation. Paths are simulated in blocks of 1,024; a shard of 16
/// consecutive blocks is the unit of parallel work and accumulates into its own accumulator; shards
/// run in waves of 8 and are merged into the total in shard order. Every block's random streams are
/// derived from (seed, block index, driver or indicator id), so the result is identical bit for bit
/// whatever the number of threads, and memory does not grow with the number of paths.
/// </summary>
public static class MonteCarlo
{
    internal const int BlocksPerShard = 16;
    internal const int ShardsPerWave = 8;

    /// <summary>
    /// Shards per wave when adding paths until a precision is reached: the stopping check runs after every
    /// wave, so smaller waves stop closer to the paths needed. The result does not depend on the wave size
    /// (shards are merged in shard order either way), only where a precision run stops.
    /// </summary>
    internal const int ShardsPerPrecisionWave = 2;
    internal const int PilotBlocks = 4;
    private const long PathsPerShard = (long)BlocksPerShard * BlockWorkspace.BlockSize;

    // A shard's histograms count in 16 bits (SimulationAccumulator compact): a shard must not hold more paths.
    // (A compile-time check: the constant conversion fails to compile if the difference is negative.)
    private const uint ShardFitsCompactHistograms = (uint)(SimulationAccumulator.MaxCompactPaths - PathsPerShard);

    /// <summary>Runs the scenario. Throws <see cref="InvalidScenarioException"/> for an invalid scenario and <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static SimulationResult Run(Scenario scenario, SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulationOptions();
        var plan = SimulationPlan.Compile(scenario);
        long paths = options.Paths ?? scenario.Defaults.Paths;
        ulong seed = options.Seed ?? scenario.Defaults.Seed;
        if (options.Precision is { } h && !(h > 0 && h <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(options), h, "the precision must lie in (0, 0.5]");
        if (options.Precision is null) ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1, nameof(options));
        var total = Simulate(plan, seed, options.Precision is null ? paths : options.MaxPaths, options.Precision,
            options.Threads, progress, cancellationToken, options.Sampling);
        NonFiniteValues.ThrowIfAny(plan, total);
        return Summarise(plan, total, seed);
    }

    internal static SimulationAccumulator Simulate(SimulationPlan plan, ulong seed, long paths, double? precision, int threads,
        IProgress<SimulationProgress>? progress, CancellationToken cancellationToken, SamplingMethod sampling = SamplingMethod.Random)
    {
        var sobol = sampling == SamplingMethod.Sobol ? SobolSampling.Create(plan, seed) : null;
        if (sobol is not null && paths >= 1L << SobolSequence.Bits)
            throw new ArgumentOutOfRangeException(nameof(paths), paths, "Sobol sampling takes fewer than 2^52 paths");
        var grid = Pilot(plan, seed, paths, sampling, sobol);
        int indicators = plan.Indicators.Length;
        var total = new SimulationAccumulator(indicators, plan.Steps, plan.HeadlineCount, grid);
        var shards = new SimulationAccumulator[ShardsPerWave];
        for (int j = 0; j < ShardsPerWave; j++) shards[j] = new SimulationAccumulator(indicators, plan.Steps, plan.HeadlineCount, grid, compact: true);
        var workspaces = new ConcurrentBag<BlockWorkspace>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        long shardCount = (paths + PathsPerShard - 1) / PathsPerShard;
        int perWave = precision is null ? ShardsPerWave : ShardsPerPrecisionWave;
        for (long firstShard = 0; firstShard < shardCount; firstShard += perWave)
        {
            int inWave = (int)Math.Min(perWave, shardCount - firstShard);
            Parallel.For(0, inWave, parallel, j =>
            {
                var ws = workspaces.TryTake(out var w) ? w : new BlockWorkspace(plan) { Sobol = sobol };
                var acc = shards[j];
                long shard = firstShard + j;
                for (int b = 0; b < BlocksPerShard; b++)
                {
                    long block = shard * BlocksPerShard + b;
                    long start = block * BlockWorkspace.BlockSize;
                    if (start >= paths) break;
                    int count = (int)Math.Min(BlockWorkspace.BlockSize, paths - start);
                    BlockSimulator.Simulate(plan, seed, block, count, ws, acc, sampling);
                }
                workspaces.Add(ws);
            });
            Merge(total, shards, inWave, parallel);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new SimulationProgress(total.Paths, precision is null ? paths : Math.Max(total.Paths, Needed(plan, total, precision.Value))));
            if (precision is { } h && MaxHalfWidth(plan, total) <= h) break;
        }
        return total;
    }

    /// <summary>
    /// Moves a wave's shards into the total, shard by shard in order for every cell, with disjoint ranges
    /// of cells on different threads (the histograms make this the biggest memory traffic of a run).
    /// </summary>
    private static void Merge(SimulationAccumulator total, SimulationAccumulator[] shards, int count, ParallelOptions parallel)
    {
        int cells = total.Count.Length;
        int chunks = Math.Min(cells, 4 * parallel.MaxDegreeOfParallelism);
        Parallel.For(0, chunks, parallel,
            c => total.MoveCells(shards.AsSpan(0, count), (int)((long)cells * c / chunks), (int)((long)cells * (c + 1) / chunks)));
        total.MoveTotals(shards.AsSpan(0, count));
    }

    /// <summary>Runs the first blocks without histograms to find each cell's range, then builds the grid.</summary>
    private static HistogramGrid Pilot(SimulationPlan plan, ulong seed, long paths, SamplingMethod sampling, SobolSampling? sobol)
    {
        var pilot = new SimulationAccumulator(plan.Indicators.Length, plan.Steps, plan.HeadlineCount, grid: null);
        var ws = new BlockWorkspace(plan) { Sobol = sobol };
        for (int block = 0; block < PilotBlocks; block++)
        {
            long start = (long)block * BlockWorkspace.BlockSize;
            if (start >= paths) break;
            BlockSimulator.Simulate(plan, seed, block, (int)Math.Min(BlockWorkspace.BlockSize, paths - start), ws, pilot, sampling);
        }
        var isCount = new bool[pilot.Min.Length];
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = 1; s <= plan.Steps; s++)
                isCount[pilot.Cell(k, s)] = plan.Indicators[k].IsCount;
        return HistogramGrid.FromRange(pilot.Min, pilot.Max, isCount);
    }

    private static double MaxHalfWidth(SimulationPlan plan, SimulationAccumulator acc)
    {
        double worst = 0;
        for (int k = 0; k < plan.Indicators.Length; k++)
            worst = Math.Max(worst, WilsonInterval.Of(acc.TargetHits[k], acc.Paths).HalfWidth);
        return worst;
    }

    /// <summary>Paths needed for the widest interval to reach half-width h, from the normal approximation.</summary>
    private static long Needed(SimulationPlan plan, SimulationAccumulator acc, double h)
    {
        double worst = 0;
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            double p = (double)acc.TargetHits[k] / Math.Max(1, acc.Paths);
            worst = Math.Max(worst, p * (1 - p));
        }
        return (long)Math.Ceiling(WilsonInterval.Z95 * WilsonInterval.Z95 * worst / (h * h));
    }

    internal static SimulationResult Summarise(SimulationPlan plan, SimulationAccumulator acc, ulong seed)
    {
        var scenario = plan.Scenario;
        var projection = DeterministicProjection.Project(scenario);
        var outcomes = new IndicatorOutcome[scenario.Indicators.Count];
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            var ind = plan.Indicators[k];
            var years = new List<YearStatistics>();
            for (int s = ind.BaseStep + 1; s <= plan.Steps; s++)
            {
                int cell = acc.Cell(k, s);
                long n = acc.Count[cell];
                double mean = acc.Min[cell] == acc.Max[cell] ? acc.Min[cell] : acc.Sum[cell] / n;
                years.Add(new YearStatistics(plan.Year(s), mean,
                    acc.Quantile(cell, 0.05), acc.Quantile(cell, 0.25), acc.Quantile(cell, 0.50),
                    acc.Quantile(cell, 0.75), acc.Quantile(cell, 0.95),
                    s <= ind.TargetStep ? (double)acc.YearHits[cell] / n : double.NaN,
                    projection[ind.Source.Id][s]));
            }
            long hits = acc.TargetHits[k];
            outcomes[ind.ScenarioIndex] = new IndicatorOutcome(ind.Source, (double)hits / acc.Paths,
                WilsonInterval.Of(hits, acc.Paths),
                acc.Misses[k] > 0 ? acc.ShortfallSum[k] / acc.Misses[k] : 0,
                years, GrowthAssessment.Of(ind.Source));
        }
        int headline = plan.HeadlineCount;
        long allHeadline = acc.MetCount[headline];
        return new SimulationResult(scenario.Name, acc.Paths, seed, outcomes,
            (double)allHeadline / acc.Paths, WilsonInterval.Of(allHeadline, acc.Paths),
            acc.MetCount.Select(c => (double)c / acc.Paths).ToArray(),
            (double)acc.AllTargets / acc.Paths, TargetConsistency.Check(scenario));
    }
}
