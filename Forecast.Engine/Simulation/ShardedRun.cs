using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// A run split over processes (a batch scheduler's array job): shard i of n simulates a contiguous range of the run's
/// blocks of 1,024 paths, [⌊B·i/n⌋, ⌊B·(i+1)/n⌋) of B, and writes its accumulator's state; the merge adds the states in
/// block order. Counts, ranges and histograms add exactly; every floating-point sum is added in one tree fixed by
/// block index (<see cref="SumTree"/>), as the single-process run adds it, so the merged result is the single run's,
/// bit for bit, for any n. The engine reads and writes the states on streams the caller owns (the file, its header
/// and checksum are the runner's).
/// </summary>
public static class ShardedRun
{
    /// <summary>Blocks [First, End) of shard <paramref name="index"/> of <paramref name="count"/> of a run of <paramref name="paths"/> paths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 ≤ index &lt; count, or fewer than one path.</exception>
    public static (long First, long End) Blocks(long paths, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        long blocks = new PathSchedule(paths).Blocks;
        return (Part(blocks, index, count), Part(blocks, index + 1, count));
    }

    // ⌊B·i/n⌋ without overflow for any B below 2^53 blocks and n below 2^31.
    private static long Part(long blocks, long i, long n) => (long)(blocks / n * i + blocks % n * i / n);

    /// <summary>Blocks of a run of <paramref name="paths"/> paths.</summary>
    public static long TotalBlocks(long paths) => new PathSchedule(paths).Blocks;

    /// <summary>
    /// Simulates shard <paramref name="index"/> of <paramref name="count"/> of the scenario's fixed run and writes its
    /// state to <paramref name="state"/>. Throws <see cref="ArgumentException"/> for a precision run or a nowcast (they
    /// do not shard: a precision run decides its paths as it goes, a nowcast reweights all its paths together).
    /// </summary>
    /// <returns>The paths the shard simulated.</returns>
    public static long Run(Scenario scenario, SimulationOptions? options, int index, int count, Stream state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(state);
        var (plan, run) = Resolve(scenario, options);
        var (first, end) = Blocks(run.Paths, index, count);
        var acc = MonteCarlo.SimulateBlocks(plan, run, first, end, cancellationToken);
        using var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true);
        acc.Write(writer);
        return acc.Paths;
    }

    /// <summary>
    /// Merges the states of every shard, given in block order (shard 0 first), into the run: the summary and the stored
    /// distribution <see cref="ForecastRun.Run"/> gives for the same scenario and options in one process.
    /// </summary>
    /// <exception cref="InvalidDataException">A state of another plan, or the states do not hold the run's paths.</exception>
    public static ForecastRun Merge(Scenario scenario, SimulationOptions? options, IEnumerable<Stream> states)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(states);
        var (plan, run) = Resolve(scenario, options);
        var total = new SimulationAccumulator(plan, MonteCarlo.Grid(plan, run), variance: true, sampling: run.Sampling);
        foreach (var state in states)
        {
            using var reader = new BinaryReader(state, System.Text.Encoding.UTF8, leaveOpen: true);
            total.Add(reader);
        }
        if (total.Paths != run.Paths) throw new InvalidDataException($"the shards hold {total.Paths} paths, not the run's {run.Paths}");
        total.Complete();
        NonFiniteValues.ThrowIfAny(plan, total);
        return new ForecastRun(MonteCarlo.Summarise(plan, total, run.Seed), RunDistribution.Of(plan, total, run));
    }

    private static (SimulationPlan Plan, RunSpec Run) Resolve(Scenario scenario, SimulationOptions? options)
    {
        var run = RunSpec.Resolve(scenario, options);
        if (run.Precision is not null)
            throw new ArgumentException("a --precision run adds paths until its intervals are narrow enough, so it cannot be split in advance; shard a fixed --paths run instead");
        var plan = SimulationPlan.Compile(scenario);
        if (plan.Observations.Length > 0)
            throw new ArgumentException("a nowcast (--observed) reweights all its paths together, so it cannot be split into shards; run it in one process");
        return (plan, run);
    }
}
