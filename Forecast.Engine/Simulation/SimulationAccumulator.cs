using Forecast.Engine.Results;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Everything a run keeps about its paths, in counts and sums whose size does not depend on the number of paths:
/// per cell (indicator × step) the distribution of the values (<see cref="CellHistograms"/>) and the paths meeting
/// the target in that year; per indicator the target hits, misses and summed shortfall; for the plan the
/// distribution of how many headline targets each path met. State is private; <see cref="Merge"/> is the one way
/// to combine accumulators, used by the runs and by the property tests alike.
/// </summary>
internal sealed class SimulationAccumulator
{
    private readonly SimulationPlan _plan;
    private readonly CellHistograms _cells;
    private readonly long[] _yearHits;
    private readonly long[] _targetHits;
    private readonly long[] _misses;
    private readonly double[] _shortfallSum;
    private readonly long[] _metCount;
    private readonly VarianceParts? _variance;
    private long _allTargets;
    private long _paths;
    private readonly ClusterTotals? _clusters;
    private readonly SumTree _tree;
    private bool _complete;

    /// <param name="plan">The plan whose paths are recorded.</param>
    /// <param name="grid">Histogram grid (null: no histograms, as in a pilot run).</param>
    /// <param name="compact">Count the histograms in 16 bits (a shard of at most <see cref="CellHistograms.MaxCompactValues"/> paths).</param>
    /// <param name="variance">Also split each cell's variance (<see cref="VarianceParts"/>): the blocks must run the expected-value pass.</param>
    /// <param name="sampling">The run's sampling method: other than random, the unit totals of each target's outcome are kept for its interval.</param>
    /// <param name="draws">A nowcast's second pass: the parameter draw behind each path, whose groups are the intervals' units.</param>
    public SimulationAccumulator(SimulationPlan plan, HistogramGrid? grid, bool compact = false, bool variance = false, SamplingMethod sampling = SamplingMethod.Random,
        ResampledDraws? draws = null)
    {
        _variance = variance ? new VarianceParts(plan) : null;
        if (sampling != SamplingMethod.Random || draws is not null) _clusters = new ClusterTotals(sampling, plan.Indicators.Length + 2, draws);
        _plan = plan;
        int cells = plan.Indicators.Length * plan.Steps;
        _cells = new CellHistograms(cells, grid, compact);
        _yearHits = new long[cells];
        _targetHits = new long[plan.Indicators.Length];
        _misses = new long[plan.Indicators.Length];
        _shortfallSum = new double[plan.Indicators.Length];
        _metCount = new long[plan.HeadlineCount + 1];
        _tree = new SumTree(cells + plan.Indicators.Length + (_variance?.SumsLength ?? 0));
    }

    /// <summary>Indicators of the plan.</summary>
    public int Indicators => _targetHits.Length;

    /// <summary>Headline targets of the plan (<see cref="MetCount"/> runs from 0 to this).</summary>
    public int HeadlineTargets => _metCount.Length - 1;

    /// <summary>Paths recorded.</summary>
    public long Paths => _paths;

    /// <summary>The values of every cell.</summary>
    public CellHistograms Cells => _cells;

    /// <summary>Cell index of (indicator position k, step s), 1 ≤ s ≤ Steps.</summary>
    public int Cell(int k, int step) => k * _plan.Steps + step - 1;

    /// <summary>Paths meeting the target in the cell's year.</summary>
    public long YearHits(int cell) => _yearHits[cell];

    /// <summary>Paths meeting indicator k's target.</summary>
    public long TargetHits(int k) => _targetHits[k];

    /// <summary>Paths missing indicator k's target.</summary>
    public long Misses(int k) => _misses[k];

    /// <summary>The summed shortfall of indicator k's misses (a met path adds 0).</summary>
    public double ShortfallSum(int k) => _shortfallSum[k];

    /// <summary>Paths that met exactly m headline targets.</summary>
    public long MetCount(int m) => _metCount[m];

    /// <summary>Paths that met every target (headline or not).</summary>
    public long AllTargets => _allTargets;

    /// <summary>The independent units the paths came in (by sampling method).</summary>
    public IntervalUnit IntervalUnit => _clusters?.Unit ?? IntervalUnit.Path;

    /// <summary>How many independent units were recorded.</summary>
    public long IntervalUnits => _clusters?.Units ?? _paths;

    /// <summary>
    /// The independent draws behind a probability whose units all agree (0 or 1): the paths, or a nowcast's effective
    /// sample size (its paths copy few draws, so every path agreeing says no more than those draws do).
    /// </summary>
    public double AgreeingTrials => _clusters?.Draws is { } draws ? Math.Min(_paths, draws.EffectiveSampleSize) : _paths;

    /// <summary>The estimated variance of indicator k's probability; null for plain Monte Carlo (Wilson's interval).</summary>
    public Statistics.EstimateVariance? TargetVariance(int k) => _clusters?.Variance(k);

    /// <summary>The estimated variance of the probability that every headline target is met; null for plain Monte Carlo.</summary>
    public Statistics.EstimateVariance? AllHeadlineVariance => _clusters?.Variance(_targetHits.Length);

    /// <summary>The estimated variance of the probability that every target is met; null for plain Monte Carlo.</summary>
    public Statistics.EstimateVariance? AllTargetsVariance => _clusters?.Variance(_targetHits.Length + 1);

    /// <summary>Where the variance of indicator k in a step comes from, or null when not tracked.</summary>
    public VarianceDecomposition? Variance(int k, int step) => _variance?.Of(k, Cell(k, step));

    /// <summary>This accumulator as an observer of blocks of its plan.</summary>
    public Observer AsObserver() => new(this);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Year(int k, int step, BlockWorkspace ws, int count)
    {
        int cell = Cell(k, step);
        var x = BlockWorkspace.Row(ws.State, k, count);
        _cells.Record(cell, x);
        _variance?.Record(k, step, ws, count);
        var ind = _plan.Indicators[k];
        if (step > ind.TargetStep) return;
        // Paths meeting the target this year, eight at a time: with s = +1 for at-least targets and −1 for at-most
        // ones, the shortfall s·(threshold − x) is at most 0.
        var target = ind.Source.Target;
        double sign = target.Direction == Model.Direction.AtLeast ? 1 : -1, threshold = target.Value;
        var signs = Vector512.Create(sign);
        var thresholds = Vector512.Create(threshold);
        long hits = 0;
        int i = 0;
        ref double xs = ref MemoryMarshal.GetReference(x);
        for (; i + 8 <= x.Length; i += 8)
            hits += BitOperations.PopCount(Vector512.LessThanOrEqual(signs * (thresholds - Vector512.LoadUnsafe(ref xs, (nuint)i)), Vector512<double>.Zero).ExtractMostSignificantBits());
        for (; i < x.Length; i++) hits += sign * (threshold - x[i]) <= 0 ? 1 : 0;
        _yearHits[cell] += hits;
    }

    private void Block(BlockWorkspace ws, int count, long block)
    {
        var inds = _plan.Indicators;
        for (int k = 0; k < inds.Length; k++)
        {
            // A bool is one byte, 1 for true: the hits are the row's bytes equal to 1, counted a vector at a time.
            long hits = MemoryMarshal.AsBytes(BlockWorkspace.Row(ws.Met, k, count)).Count((byte)1);
            _targetHits[k] += hits;
            _misses[k] += count - hits;
            _shortfallSum[k] += inds[k].Source.Target.Period == Model.TargetPeriod.EveryYear
                ? InOrder(BlockWorkspace.Row(ws.Shortfall, k, count))
                : ByLanes(BlockWorkspace.Row(ws.Shortfall, k, count));
        }
        foreach (int m in ws.MetCount.AsSpan(0, count)) _metCount[m]++;
        _allTargets += MemoryMarshal.AsBytes(ws.AllMet.AsSpan(0, count)).Count((byte)1);
        _paths += count;
        if (_clusters is { } clusters)
        {
            for (int k = 0; k < inds.Length; k++) clusters.Add(k, BlockWorkspace.Row(ws.Met, k, count), block);
            clusters.Add(inds.Length, ws.MetCount.AsSpan(0, count), _metCount.Length - 1, block);
            clusters.Add(inds.Length + 1, ws.AllMet.AsSpan(0, count), block);
            clusters.EndBlock(count, block);
        }
        EndBlockSums(block);
    }

    /// <summary>
    /// The block's floating-point sums (each cell's sum, each indicator's shortfall, the variance split's sums) become
    /// its leaf of the <see cref="SumTree"/>, and the running sums start again from zero for the next block.
    /// </summary>
    private void EndBlockSums(long block)
    {
        if (_complete) throw new InvalidOperationException("the accumulator is complete; it takes no more blocks");
        var leaf = _tree.Leaf(block);
        var cellSums = _cells.Sums;
        cellSums.CopyTo(leaf);
        cellSums.Clear();
        _shortfallSum.CopyTo(leaf[cellSums.Length..]);
        Array.Clear(_shortfallSum);
        _variance?.CopySums(leaf[(cellSums.Length + _shortfallSum.Length)..], clear: true);
        _tree.Settle();
    }

    /// <summary>
    /// Ends the run: the sums become the totals of the tree by block index (<see cref="SumTree.Fold"/>), the same bits
    /// whatever threads, waves or processes the blocks were split over. Call once, after the last block or merge.
    /// </summary>
    public void Complete()
    {
        if (_complete) return;
        var total = new double[_tree.Width];
        _tree.Fold(total);
        var cellSums = _cells.Sums;
        total.AsSpan(0, cellSums.Length).CopyTo(cellSums);
        total.AsSpan(cellSums.Length, _shortfallSum.Length).CopyTo(_shortfallSum);
        _variance?.SetSums(total.AsSpan(cellSums.Length + _shortfallSum.Length));
        _complete = true;
    }

    /// <summary>
    /// Writes the whole state of an accumulator with wide histograms that has not been completed (a shard of a run
    /// on a batch scheduler): every count, range and histogram, and the sum tree's nodes.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        if (_complete) throw new InvalidOperationException("a completed accumulator has folded its sums");
        _cells.WriteCounts(writer);
        foreach (var array in (long[][])[_yearHits, _targetHits, _misses, _metCount]) StateIO.Write(writer, array);
        StateIO.Write(writer, [_allTargets, _paths]);
        writer.Write(_variance is not null);
        if (_variance is not null) StateIO.Write(writer, (ReadOnlySpan<long>)_variance.Counts);
        writer.Write(_clusters is not null);
        _clusters?.Write(writer);
        writer.Write(_tree.Width);
        writer.Write(_tree.Count);
        for (int j = 0; j < _tree.Count; j++)
        {
            var (level, index) = _tree.Node(j);
            writer.Write(level);
            writer.Write(index);
            StateIO.Write(writer, _tree.Values(j));
        }
    }

    /// <summary>
    /// Adds a state written by <see cref="Write"/> whose blocks follow the blocks already here (partials are added in
    /// block order): counts add exactly, the sum tree's nodes join this tree's stack.
    /// </summary>
    /// <exception cref="InvalidDataException">The state is of another plan or run settings.</exception>
    public void Add(BinaryReader reader)
    {
        _cells.AddCounts(reader);
        foreach (var array in (long[][])[_yearHits, _targetHits, _misses, _metCount]) StateIO.Add(reader, array);
        var scalars = new long[2];
        StateIO.Read<long>(reader, scalars);
        _allTargets += scalars[0];
        _paths += scalars[1];
        if (reader.ReadBoolean() != (_variance is not null)) throw new InvalidDataException("the state's variance split does not match");
        if (_variance is not null) StateIO.Add(reader, _variance.Counts);
        if (reader.ReadBoolean() != (_clusters is not null)) throw new InvalidDataException("the state's interval units do not match");
        _clusters?.Add(reader);
        if (reader.ReadInt32() != _tree.Width) throw new InvalidDataException("the state's sums do not match this plan");
        int nodes = reader.ReadInt32();
        var values = new double[_tree.Width];
        for (int j = 0; j < nodes; j++)
        {
            int level = reader.ReadInt32();
            long index = reader.ReadInt64();
            StateIO.Read<double>(reader, values);
            _tree.Add(level, index, values);
        }
    }

    /// <summary>Σ x in order.</summary>
    private static double InOrder(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x) sum += v;
        return sum;
    }

    /// <summary>Σ x as eight lane sums over whole groups of eight, the lanes added pairwise, then the rest in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ByLanes(ReadOnlySpan<double> x)
    {
        var lanes = Vector512<double>.Zero;
        int i = 0;
        for (; i + 8 <= x.Length; i += 8) lanes += Vector512.Create(x.Slice(i, 8));
        double sum = Vector512.Sum(lanes);
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>
    /// Moves <paramref name="parts"/> into <paramref name="total"/>, part by part in order, and leaves the parts empty.
    /// The cells (whose histograms make this the biggest memory traffic of a run) are moved in disjoint ranges on
    /// different threads; each cell still adds the parts in their order.
    /// </summary>
    public static void Merge(SimulationAccumulator total, ReadOnlySpan<SimulationAccumulator> parts, ParallelOptions parallel)
    {
        int cells = total._yearHits.Length;
        var histograms = new CellHistograms[parts.Length];
        for (int j = 0; j < parts.Length; j++) histograms[j] = parts[j]._cells;
        int chunks = Math.Max(1, Math.Min(cells, 4 * parallel.MaxDegreeOfParallelism));
        Parallel.For(0, chunks, parallel, c =>
        {
            int first = (int)((long)cells * c / chunks), end = (int)((long)cells * (c + 1) / chunks);
            total._cells.Move(histograms, first, end);
        });
        foreach (var part in parts)
        {
            for (int c = 0; c < cells; c++) total._yearHits[c] += part._yearHits[c];
            for (int k = 0; k < total._targetHits.Length; k++)
            {
                total._targetHits[k] += part._targetHits[k];
                total._misses[k] += part._misses[k];
            }
            for (int m = 0; m < total._metCount.Length; m++) total._metCount[m] += part._metCount[m];
            if (part._variance is not null) total._variance!.Move(part._variance);
            total._allTargets += part._allTargets;
            total._paths += part._paths;
            if (part._clusters is { } clusters) total._clusters!.Move(clusters);
            total._tree.Move(part._tree);
            part.ClearTotals();
        }
    }

    private void ClearTotals()
    {
        Array.Clear(_yearHits);
        Array.Clear(_targetHits);
        Array.Clear(_misses);
        Array.Clear(_shortfallSum);
        Array.Clear(_metCount);
        _tree.Clear();
        _allTargets = 0;
        _paths = 0;
    }

    /// <summary>The accumulator as a block observer (a struct, so the simulator is specialised for it).</summary>
    internal readonly struct Observer(SimulationAccumulator accumulator) : IBlockObserver<Observer>
    {
        public SimulationAccumulator Accumulator { get; } = accumulator;

        /// <summary>The accumulator keeps target-year values only in the histograms (row k of the state in the target year).</summary>
        public static bool ReadsTargetValues => false;

        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) => Accumulator.Year(k, step, ws, count);

        public void Block(in SimulatedBlock block) => Accumulator.Block(block.Workspaces[0], block.Count, block.FirstPath / BlockWorkspace.BlockSize);

        public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel)
        {
            var accumulators = new SimulationAccumulator[parts.Length];
            for (int j = 0; j < parts.Length; j++) accumulators[j] = parts[j].Accumulator;
            SimulationAccumulator.Merge(total.Accumulator, accumulators, parallel);
        }
    }
}
