using System.Collections.Concurrent;
using Forecast.Engine.Randomness;

namespace Forecast.Engine.Simulation;

/// <summary>One block of work: its random-stream index, its paths, and the index of its first path (or design row).</summary>
/// <param name="Key">The block index the random streams are keyed by.</param>
/// <param name="Count">Paths in the block, 1 to <see cref="BlockWorkspace.BlockSize"/>.</param>
/// <param name="FirstPath">Index of the block's first path among all paths.</param>
internal readonly record struct BlockItem(long Key, int Count, long FirstPath);

/// <summary>Which blocks a run simulates, in order (struct, so the runner is specialised for each schedule).</summary>
internal interface IBlockSchedule
{
    /// <summary>Number of blocks.</summary>
    long Blocks { get; }

    /// <summary>Block <paramref name="index"/> of the schedule.</summary>
    BlockItem Item(long index);

    /// <summary>Prepares the workspaces (one per plan) for block <paramref name="index"/>, e.g. sets given level uniforms.</summary>
    void Prepare(long index, BlockWorkspace[] workspaces);
}

/// <summary>A run's paths in consecutive blocks of <see cref="BlockWorkspace.BlockSize"/>: block b holds paths b·1024 onwards and is keyed by b.</summary>
/// <param name="Paths">Paths of the run.</param>
internal readonly record struct PathSchedule(long Paths) : IBlockSchedule
{
    public long Blocks => (Paths + BlockWorkspace.BlockSize - 1) / BlockWorkspace.BlockSize;

    public BlockItem Item(long index)
    {
        long start = index * BlockWorkspace.BlockSize;
        return new BlockItem(index, (int)Math.Min(BlockWorkspace.BlockSize, Paths - start), start);
    }

    public void Prepare(long index, BlockWorkspace[] workspaces) { }
}

/// <summary>
/// Blocks [<paramref name="First"/>, <paramref name="End"/>) of a run's <see cref="PathSchedule"/>: one shard of a run
/// split over processes. Each block keeps its index, paths and first path in the whole run, so its draws, interval
/// units and leaf of the sum tree are those of the single run.
/// </summary>
/// <param name="Paths">Paths of the whole run.</param>
/// <param name="First">The shard's first block.</param>
/// <param name="End">The block after the shard's last.</param>
internal readonly record struct BlockRange(long Paths, long First, long End) : IBlockSchedule
{
    public long Blocks => End - First;

    public BlockItem Item(long index) => new PathSchedule(Paths).Item(First + index);

    public void Prepare(long index, BlockWorkspace[] workspaces) { }
}

/// <summary>
/// The one block runner: simulates a schedule of blocks of one or more plans (several plans in lockstep, on the same
/// block keys and seed, so drivers they share draw the same numbers: common random numbers), shows every block to an
/// observer, and merges the observers in a fixed order. Blocks are grouped into shards of <see cref="BlocksPerShard"/>
/// consecutive blocks, the unit of parallel work, each with its own observer; every shard is merged into the total in
/// shard order as soon as it and the shards before it are done, so every result is identical bit for bit whatever the
/// number of threads. The shards form waves (the unit of progress reports and of a run's stopping check); a worker
/// takes the next shard while the others finish theirs, so no thread waits at the end of a wave. At most one wave of
/// shards is in flight (their observers are reused), so memory does not grow with the number of paths. It owns the
/// workspace pool, cancellation (checked between shards) and progress. A shard's observer is what a shard run elsewhere
/// would write.
/// </summary>
internal static class BlockRunner
{
    public const int BlocksPerShard = 16;
    public const int ShardsPerWave = 8;

    /// <summary>Blocks of the pilot run that sizes the histograms.</summary>
    public const int PilotBlocks = 4;

    /// <summary>Paths a shard holds at most.</summary>
    public const long PathsPerShard = (long)BlocksPerShard * BlockWorkspace.BlockSize;

    // A shard's histograms count in 16 bits (compact CellHistograms): a shard must not hold more paths.
    // (A compile-time check: the constant conversion fails to compile if the difference is negative.)
    private const uint ShardFitsCompactHistograms = (uint)(CellHistograms.MaxCompactValues - PathsPerShard);

    // The pilot's values of each cell are all kept, as the sample the histogram grid is built from.
    private const uint PilotFitsSample = (uint)(CellHistograms.SampleValues - PilotBlocks * BlockWorkspace.BlockSize);

    /// <summary>
    /// Simulates the <paramref name="schedule"/>'s blocks of <paramref name="plans"/>, shard observers made by
    /// <paramref name="createShard"/> (one per shard of a wave of <paramref name="shardsPerWave"/>, reused wave after wave)
    /// merged into <paramref name="total"/> one by one in shard order. After each wave <paramref name="afterWave"/> gets the
    /// paths done and may stop the run by returning true (the result then holds whole waves: no later shard is merged).
    /// <paramref name="blocksPerShard"/> below <see cref="BlocksPerShard"/> spreads a short run over more threads; only for
    /// observers whose result does not depend on how the blocks are grouped (e.g. ones that record each path's
    /// outcomes), since the shards change with it.
    /// </summary>
    public static void Run<TObserver, TSchedule>(IReadOnlyList<SimulationPlan> plans, RunSpec run, TSchedule schedule, TObserver total,
        Func<TObserver> createShard, CancellationToken cancellationToken, Func<long, bool>? afterWave = null, int shardsPerWave = ShardsPerWave,
        bool tracksExpected = false, int blocksPerShard = BlocksPerShard)
        where TObserver : struct, IBlockObserver<TObserver>
        where TSchedule : struct, IBlockSchedule
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocksPerShard);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocksPerShard, BlocksPerShard);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardsPerWave);
        var sobol = Sobol(plans, run, schedule);
        long blocks = schedule.Blocks;
        long shardCount = (blocks + blocksPerShard - 1) / blocksPerShard;
        if (shardCount == 0) return;
        var shards = new TObserver[Math.Min(shardsPerWave, shardCount)];
        for (int j = 0; j < shards.Length; j++) shards[j] = createShard();
        var pool = new ConcurrentBag<BlockWorkspace[]>();
        var order = new ShardOrder(shardCount, shards.Length);
        // The merges run one shard at a time on the worker that completes the order, while the others simulate.
        var serial = new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken };
        long done = 0;

        void Merge(long shard)
        {
            TObserver.Merge(total, shards.AsSpan((int)(shard % shards.Length), 1), serial);
            for (long b = shard * blocksPerShard; b < Math.Min((shard + 1) * blocksPerShard, blocks); b++) done += schedule.Item(b).Count;
            long merged = shard + 1;
            if (merged % shardsPerWave != 0 && merged != shardCount) return;
            cancellationToken.ThrowIfCancellationRequested();
            if (afterWave?.Invoke(done) == true) order.Stop();
        }

        void Work()
        {
            try
            {
                while (order.Take() is long shard)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var workspaces = pool.TryTake(out var w) ? w : Workspaces(plans, sobol, tracksExpected, TObserver.ReadsTargetValues, TObserver.ReadsDriversOfEveryPath);
                    long first = shard * blocksPerShard;
                    ref var observer = ref shards[shard % shards.Length];
                    for (long b = first; b < Math.Min(first + blocksPerShard, blocks); b++)
                        Simulate(plans, run, schedule, b, workspaces, ref observer);
                    pool.Add(workspaces);
                    order.Complete(shard, Merge);
                }
            }
            catch
            {
                order.Stop();
                throw;
            }
        }

        int workers = (int)Math.Min(Math.Max(1, run.Workers), shardCount);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ => Work());
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Which shard the next worker takes, and which shards are merged: shards are handed out in order, at most
    /// <c>inFlight</c> ahead of the first one not merged (the shard observers are reused in turn), and merged in order
    /// by whichever worker completes the run of finished shards. Thread-safe (one lock; a merge is short beside a shard).
    /// </summary>
    private sealed class ShardOrder(long shards, int inFlight)
    {
        private readonly object _gate = new();
        private readonly bool[] _finished = new bool[inFlight];
        private long _next;
        private long _merged;
        private bool _stopped;

        /// <summary>The next shard to simulate, or null when there is none left (or the run stopped); waits while <c>inFlight</c> shards are unmerged.</summary>
        public long? Take()
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_stopped || _next >= shards) return null;
                    if (_next - _merged < inFlight) return _next++;
                    Monitor.Wait(_gate);
                }
            }
        }

        /// <summary>Notes <paramref name="shard"/> as simulated and merges every finished shard next in order.</summary>
        public void Complete(long shard, Action<long> merge)
        {
            lock (_gate)
            {
                _finished[shard % inFlight] = true;
                while (!_stopped && _merged < _next && _finished[_merged % inFlight])
                {
                    _finished[_merged % inFlight] = false;
                    merge(_merged);
                    _merged++;
                }
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>No more shards are handed out or merged (a stopping check said so, or a worker failed).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Runs the run's paths of <paramref name="plans"/> (a <see cref="PathSchedule"/>).</summary>
    public static void Run<TObserver>(IReadOnlyList<SimulationPlan> plans, RunSpec run, TObserver total, Func<TObserver> createShard,
        CancellationToken cancellationToken, Func<long, bool>? afterWave = null, int shardsPerWave = ShardsPerWave, bool tracksExpected = false,
        int blocksPerShard = BlocksPerShard)
        where TObserver : struct, IBlockObserver<TObserver> =>
        Run(plans, run, new PathSchedule(run.Paths), total, createShard, cancellationToken, afterWave, shardsPerWave, tracksExpected, blocksPerShard);

    /// <summary>
    /// The pilot: the first <see cref="PilotBlocks"/> blocks of the run, on one thread, into an accumulator without
    /// histograms, whose sample of each cell sizes the histogram grid of the run proper.
    /// </summary>
    public static SimulationAccumulator Pilot(SimulationPlan plan, RunSpec run) => Pilot(plan, run, new PathSchedule(run.Paths));

    /// <summary>The pilot of a schedule: its first <see cref="PilotBlocks"/> blocks.</summary>
    public static SimulationAccumulator Pilot<TSchedule>(SimulationPlan plan, RunSpec run, TSchedule schedule)
        where TSchedule : struct, IBlockSchedule
    {
        var pilot = new SimulationAccumulator(plan, grid: null);
        var workspaces = Workspaces([plan], Sobol([plan], run, schedule), tracksExpected: false, SimulationAccumulator.Observer.ReadsTargetValues,
            driversOnEveryPath: false);
        var observer = pilot.AsObserver();
        for (long b = 0; b < Math.Min(PilotBlocks, schedule.Blocks); b++) Simulate([plan], run, schedule, b, workspaces, ref observer);
        pilot.Complete();
        return pilot;
    }

    private static void Simulate<TObserver, TSchedule>(IReadOnlyList<SimulationPlan> plans, RunSpec run, TSchedule schedule, long index,
        BlockWorkspace[] workspaces, ref TObserver observer)
        where TObserver : struct, IBlockObserver<TObserver>
        where TSchedule : struct, IBlockSchedule
    {
        var item = schedule.Item(index);
        schedule.Prepare(index, workspaces);
        for (int s = 0; s < plans.Count; s++)
            BlockSimulator.Simulate(plans[s], s, run.Seed, item.Key, item.Count, workspaces[s], ref observer, run.Sampling);
        observer.Block(new SimulatedBlock(workspaces, item.FirstPath, item.Count));
    }

    private static BlockWorkspace[] Workspaces(IReadOnlyList<SimulationPlan> plans, SobolSampling?[] sobol, bool tracksExpected, bool keepsTargetValues,
        bool driversOnEveryPath)
    {
        var workspaces = new BlockWorkspace[plans.Count];
        for (int s = 0; s < plans.Count; s++)
            workspaces[s] = new BlockWorkspace(plans[s])
            {
                Sobol = sobol[s], TracksExpected = tracksExpected, KeepsTargetValues = keepsTargetValues, DriversOnEveryPath = driversOnEveryPath,
            };
        return workspaces;
    }

    private static SobolSampling?[] Sobol<TSchedule>(IReadOnlyList<SimulationPlan> plans, RunSpec run, TSchedule schedule)
        where TSchedule : struct, IBlockSchedule
    {
        var sobol = new SobolSampling?[plans.Count];
        if (run.Sampling != SamplingMethod.Sobol) return sobol;
        if (SobolSampling.FirstPointOf(schedule.Blocks) + BlockWorkspace.BlockSize >= 1L << SobolSequence.Bits)
            throw new ArgumentOutOfRangeException(nameof(run), run.Paths, "Sobol sampling takes fewer than 2^52 paths per replicate");
        for (int s = 0; s < plans.Count; s++) sobol[s] = SobolSampling.Create(plans[s], run.Seed);
        return sobol;
    }
}
