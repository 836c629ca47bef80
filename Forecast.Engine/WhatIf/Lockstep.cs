using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>What a what-if analysis reads from the workspaces after each block: one workspace per plan, all on the same paths.</summary>
/// <typeparam name="TLocal">The worker's own accumulator.</typeparam>
/// <param name="local">The accumulator of the worker that simulated the block.</param>
/// <param name="workspaces">Workspace s holds plan s's block: <see cref="BlockWorkspace.Met"/> and <see cref="BlockWorkspace.TargetValues"/> rows per indicator.</param>
/// <param name="firstPath">Index of the block's first path among all paths.</param>
/// <param name="count">Paths in the block.</param>
internal delegate void BlockObserver<in TLocal>(TLocal local, BlockWorkspace[] workspaces, long firstPath, int count);

/// <summary>
/// Simulates several compiled plans block by block in lockstep: each worker takes a shard of consecutive
/// blocks (as <see cref="MonteCarlo"/> does), simulates every plan on the same block index and seed, so
/// that drivers shared by the plans draw the same random numbers (common random numbers), and hands the
/// workspaces to an observer that reads each path's outcomes. Workers accumulate into their own
/// accumulators, merged under a lock when the worker finishes; observers must accumulate only integers
/// (counts, histograms) or per-path values written at their path index, which makes the result
/// independent of the number of threads and of the order of the merges.
/// </summary>
internal static class Lockstep
{
    public const int BlockSize = BlockWorkspace.BlockSize;
    private const int BlocksPerShard = MonteCarlo.BlocksPerShard;

    public static void Run<TLocal>(IReadOnlyList<SimulationPlan> plans, ulong seed, long paths, int threads,
        Func<TLocal> createLocal, BlockObserver<TLocal> observe, Action<TLocal> merge, CancellationToken cancellationToken)
        where TLocal : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        long blocks = (paths + BlockSize - 1) / BlockSize;
        long shards = (blocks + BlocksPerShard - 1) / BlocksPerShard;
        var gate = new object();
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, shards, options,
            () => new Worker<TLocal>(plans, createLocal()),
            (shard, _, worker) =>
            {
                for (int b = 0; b < BlocksPerShard; b++)
                {
                    long block = shard * BlocksPerShard + b;
                    long start = block * BlockSize;
                    if (start >= paths) break;
                    int count = (int)Math.Min(BlockSize, paths - start);
                    worker.Simulate(plans, seed, block, count);
                    observe(worker.Local, worker.Workspaces, start, count);
                }
                return worker;
            },
            worker =>
            {
                lock (gate) merge(worker.Local);
            });
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs the first <paramref name="blocks"/> blocks of one plan into a histogram-free accumulator (a pilot run).</summary>
    public static SimulationAccumulator Pilot(SimulationPlan plan, ulong seed, long paths, int blocks)
    {
        var pilot = new SimulationAccumulator(plan.Indicators.Length, plan.Steps, plan.HeadlineCount, grid: null);
        var ws = new BlockWorkspace(plan);
        for (int block = 0; block < blocks; block++)
        {
            long start = (long)block * BlockSize;
            if (start >= paths) break;
            BlockSimulator.Simulate(plan, seed, block, (int)Math.Min(BlockSize, paths - start), ws, pilot);
        }
        return pilot;
    }

    /// <summary>The position in <paramref name="plan"/>'s indicator order of each id (−1 where the plan has no such indicator).</summary>
    public static int[] Positions(SimulationPlan plan, IReadOnlyList<string> indicatorIds)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < plan.Indicators.Length; k++) byId[plan.Indicators[k].Source.Id] = k;
        var positions = new int[indicatorIds.Count];
        for (int m = 0; m < positions.Length; m++) positions[m] = byId.TryGetValue(indicatorIds[m], out int k) ? k : -1;
        return positions;
    }

    private sealed class Worker<TLocal>
    {
        private readonly SimulationAccumulator[] _scratch;

        public Worker(IReadOnlyList<SimulationPlan> plans, TLocal local)
        {
            Local = local;
            Workspaces = new BlockWorkspace[plans.Count];
            _scratch = new SimulationAccumulator[plans.Count];
            for (int s = 0; s < plans.Count; s++)
            {
                Workspaces[s] = new BlockWorkspace(plans[s]);
                // The block simulator records into an accumulator; these have no histogram and are never read.
                _scratch[s] = new SimulationAccumulator(plans[s].Indicators.Length, plans[s].Steps, plans[s].HeadlineCount, grid: null);
            }
        }

        public TLocal Local { get; }
        public BlockWorkspace[] Workspaces { get; }

        public void Simulate(IReadOnlyList<SimulationPlan> plans, ulong seed, long block, int count)
        {
            for (int s = 0; s < plans.Count; s++) BlockSimulator.Simulate(plans[s], seed, block, count, Workspaces[s], _scratch[s]);
        }
    }
}
