using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The distribution of values in a set of cells (an indicator in a year, or a section of one), each summarised by
/// its count, sum, minimum, maximum and a fixed-grid histogram (<see cref="HistogramGrid"/>, linear
/// or refined bins): memory does not grow with the number of values. Without a grid (a pilot) each cell keeps
/// its first <see cref="SampleValues"/> values instead, from which the grid is built. The one home of the histogram and its quantile rule; every analysis that reports a
/// percentile (run, compare, the what-ifs) reads it here.
/// </summary>
/// <remarks>
/// A row has <see cref="RowLength"/> slots: slot 0 counts values below the grid (and NaN), slots 1..Bins the bins,
/// the last slot values above the grid. Counts are exact; the sum is added in a fixed order (eight lanes, then the
/// lanes' pairwise sum, then the rest), so merging parts in a fixed order gives the same bits whatever ran them.
/// Linear cells find their slots in the same vector pass; refined cells one value at a time, after it.
/// </remarks>
internal sealed class CellHistograms
{
    /// <summary>Slots per row: the underflow slot, <see cref="HistogramGrid.Bins"/> bins, the overflow slot.</summary>
    public const int RowLength = HistogramGrid.Bins + 2;

    /// <summary>Most values a compact set may record between two moves: no 16-bit slot can overflow.</summary>
    public const int MaxCompactValues = ushort.MaxValue;

    /// <summary>Values a set without a grid (a pilot) keeps of each cell.</summary>
    public const int SampleValues = 4096;

    private readonly HistogramGrid? _grid;
    private readonly long[] _count;
    private readonly double[] _sum;
    private readonly double[] _sample;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly long[] _wide;
    private readonly ushort[]? _compact;

    /// <param name="cells">Number of cells.</param>
    /// <param name="grid">The bins of each cell; null keeps counts, sums, ranges and each cell's first <see cref="SampleValues"/> values (a pilot).</param>
    /// <param name="compact">
    /// Count in 16-bit slots (a shard of at most <see cref="MaxCompactValues"/> values per cell, moved into a wide set
    /// with <see cref="Move"/>): a quarter of the memory, so a shard's histograms stay in the core's cache.
    /// </param>
    public CellHistograms(int cells, HistogramGrid? grid, bool compact = false)
    {
        Cells = cells;
        _grid = grid;
        _count = new long[cells];
        _sum = new double[cells];
        _sample = grid is null ? new double[cells * SampleValues] : [];
        _min = new double[cells];
        _max = new double[cells];
        _wide = grid is null || compact ? [] : new long[cells * RowLength];
        _compact = grid is not null && compact ? new ushort[cells * RowLength] : null;
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
    }

    public int Cells { get; }

    public HistogramGrid? Grid => _grid;

    public long Count(int cell) => _count[cell];

    public double Sum(int cell) => _sum[cell];

    /// <summary>Writes the counts, ranges and histograms (not the sums, which their owner adds by block) of a set with a wide grid.</summary>
    internal void WriteCounts(BinaryWriter writer)
    {
        StateIO.Write(writer, _count);
        StateIO.Write(writer, _min);
        StateIO.Write(writer, _max);
        StateIO.Write(writer, _wide);
    }

    /// <summary>Adds counts, ranges and histograms written by <see cref="WriteCounts"/> of a set on the same grid (exact in any order).</summary>
    internal void AddCounts(BinaryReader reader)
    {
        StateIO.Add(reader, _count);
        var other = new double[_min.Length];
        StateIO.Read(reader, other);
        for (int c = 0; c < other.Length; c++) _min[c] = Math.Min(_min[c], other[c]);
        StateIO.Read(reader, other);
        for (int c = 0; c < other.Length; c++) _max[c] = Math.Max(_max[c], other[c]);
        StateIO.Add(reader, _wide);
    }

    /// <summary>Every cell's sum (for an owner that adds the sums in its own order, e.g. a <see cref="SumTree"/> by block).</summary>
    internal Span<double> Sums => _sum;

    public double Min(int cell) => _min[cell];

    public double Max(int cell) => _max[cell];

    /// <summary>The mean of a cell (its one value exactly when all values are equal).</summary>
    public double Mean(int cell) => _min[cell] == _max[cell] ? _min[cell] : _sum[cell] / _count[cell];

    /// <summary>The values a set without a grid kept of a cell (its first <see cref="SampleValues"/>).</summary>
    public ReadOnlySpan<double> Sample(int cell) => _sample.Length == 0 ? []
        : _sample.AsSpan(cell * SampleValues, (int)Math.Min(_count[cell], SampleValues));

    /// <summary>Values recorded below the grid (slot 0, NaN included).</summary>
    public long Underflow(int cell) => _wide.Length > 0 ? _wide[cell * RowLength] : _compact is not null ? _compact[cell * RowLength] : 0;

    /// <summary>Values recorded above the grid.</summary>
    public long Overflow(int cell) => _wide.Length > 0 ? _wide[cell * RowLength + RowLength - 1] : _compact is not null ? _compact[cell * RowLength + RowLength - 1] : 0;

    /// <summary>Every slot of a cell's row (for tests and plots).</summary>
    public long[] Row(int cell)
    {
        var row = new long[RowLength];
        if (_wide.Length > 0) _wide.AsSpan(cell * RowLength, RowLength).CopyTo(row);
        else if (_compact is not null) for (int j = 0; j < RowLength; j++) row[j] = _compact[cell * RowLength + j];
        return row;
    }

    /// <summary>
    /// Adds a block of values to a cell: one pass, eight values at a time, for the sum, minimum,
    /// maximum and, for linear bins, histogram slot (slot 0 below the grid, slot Bins + 1 above it); refined bins are
    /// found one value at a time after it. A set without a grid copies the values into the cell's sample instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(int cell, ReadOnlySpan<double> values)
    {
        int n = values.Length, i = n & ~7;
        bool refined = _grid is not null && _grid.IsRefined(cell);
        bool histogram = _grid is not null && !refined;
        if (_grid is null) KeepSample(cell, values);
        var compactRow = _compact is not null ? _compact.AsSpan(cell * RowLength, RowLength) : default;
        var row = _compact is null && _wide.Length > 0 ? _wide.AsSpan(cell * RowLength, RowLength) : default;
        // The vector pass is a loop of its own, with nothing live across a call: the sums, minima and maxima stay in
        // registers (inside this method they were kept on the stack, a store and a load per eight values).
        Lanes lanes = !histogram ? Summarise(values)
            : _compact is not null ? SummariseAndCount(values, compactRow, _grid!.Lower[cell], _grid.InverseWidth[cell])
            : SummariseAndCount(values, row, _grid!.Lower[cell], _grid.InverseWidth[cell]);
        double total = Vector512.Sum(lanes.Sum), lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int j = 0; j < 8; j++)
        {
            lo = Math.Min(lo, lanes.Min.GetElement(j));
            hi = Math.Max(hi, lanes.Max.GetElement(j));
        }
        for (; i < n; i++)
        {
            double v = values[i];
            total += v;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
            if (!histogram) continue;
            int index = Slot(cell, v);
            if (_compact is not null) compactRow[index]++;
            else row[index]++;
        }
        if (refined)
        {
            foreach (double v in values)
            {
                int slot = _grid!.RefinedSlot(cell, v);
                if (_compact is not null) compactRow[slot]++;
                else _wide[cell * RowLength + slot]++;
            }
        }
        _sum[cell] += total;
        _min[cell] = Math.Min(_min[cell], lo);
        _max[cell] = Math.Max(_max[cell], hi);
        _count[cell] += n;
    }

    /// <summary>The eight lanes' sums, minima and maxima of a vector pass.</summary>
    internal readonly record struct Lanes(Vector512<double> Sum, Vector512<double> Min, Vector512<double> Max);

    /// <summary>Sum, minimum and maximum of the whole eights of <paramref name="values"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Lanes Summarise(ReadOnlySpan<double> values)
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        ref double first = ref MemoryMarshal.GetReference(values);
        int whole = values.Length & ~7;
        for (int i = 0; i < whole; i += 8)
        {
            var v = Vector512.LoadUnsafe(ref first, (nuint)i);
            sum += v;
            // The native minimum and maximum are one instruction each (the IEEE ones take three, for NaN and −0).
            min = Vector512.MinNative(min, v);
            max = Vector512.MaxNative(max, v);
        }
        return new Lanes(sum, min, max);
    }

    /// <summary>
    /// <see cref="Summarise"/> and, for linear bins from <paramref name="lower"/> at 1/<paramref name="inverse"/> wide, the
    /// slot of each value counted into <paramref name="row"/> (slot 0 below the grid and NaN, Bins + 1 above it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Lanes SummariseAndCount<T>(ReadOnlySpan<double> values, Span<T> row, double lower, double inverse)
        where T : System.Numerics.IIncrementOperators<T>
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        var low = Vector512.Create(lower);
        var scale = Vector512.Create(inverse);
        ref double first = ref MemoryMarshal.GetReference(values);
        ref T counts = ref MemoryMarshal.GetReference(row);
        // The eight slots go through memory: one 256-bit store and eight loads cost less than taking the lanes out of
        // the register one by one (two instructions each for the upper six).
        Unsafe.SkipInit(out Vector256<int> slots);
        ref int slot = ref Unsafe.As<Vector256<int>, int>(ref slots);
        int whole = values.Length & ~7;
        if (whole == 0) return new Lanes(sum, min, max);
        // Software-pipelined: each turn counts the slots of the previous eight while it computes those of the next, so
        // the slots' chain (subtract, scale, clamp, convert: some 30 cycles) overlaps the counting instead of waiting in
        // the out-of-order window (0.99 → 0.76 ns per value in isolation). The counts are the same: the same increments,
        // in the same order.
        var v = Vector512.LoadUnsafe(ref first);
        sum += v;
        min = Vector512.MinNative(min, v);
        max = Vector512.MaxNative(max, v);
        var pending = SlotsOf(v, low, scale);
        for (int i = 8; i < whole; i += 8)
        {
            v = Vector512.LoadUnsafe(ref first, (nuint)i);
            sum += v;
            min = Vector512.MinNative(min, v);
            max = Vector512.MaxNative(max, v);
            slots = pending;
            pending = SlotsOf(v, low, scale);
            Count(ref counts, ref slot);
        }
        slots = pending;
        Count(ref counts, ref slot);
        return new Lanes(sum, min, max);
    }

    /// <summary>Counts eight slots (read from memory) into a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count<T>(ref T counts, ref int slot) where T : System.Numerics.IIncrementOperators<T>
    {
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 0))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 1))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 2))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 3))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 4))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 5))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 6))++;
        Unsafe.Add(ref counts, Unsafe.Add(ref slot, 7))++;
    }

    /// <summary>
    /// The row slots of eight values on a linear grid: floor((v − lower)·inverse) clamped to [−1, Bins], plus one. The
    /// clamp is done on the doubles (so ±∞ and huge values land in the end slots) and again on the integers (a NaN, which
    /// the native clamp may let through, converts to the most negative integer and lands in slot 0). The vector twin of
    /// <see cref="Slot(int, double)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> SlotsOf(Vector512<double> v, Vector512<double> lower, Vector512<double> inverse)
    {
        var scaled = Vector512.MinNative(Vector512.MaxNative((v - lower) * inverse, Vector512.Create(-1.0)), Vector512.Create((double)HistogramGrid.Bins));
        if (Avx512F.IsSupported)
        {
            // Floor and conversion in one instruction (vcvtpd2dq with the rounding mode down), straight to 32 bits: the
            // same integers as Floor then the 64-bit conversion then the narrowing below (every double in [−1, Bins] is
            // converted exactly; NaN gives the most negative integer either way), in two instructions fewer than six.
            var floor = Avx512F.ConvertToVector256Int32(scaled, FloatRoundingMode.ToNegativeInfinity);
            return Vector256.Min(Vector256.Max(floor, Vector256.Create(-1)), Vector256.Create(HistogramGrid.Bins)) + Vector256<int>.One;
        }
        var slot = Vector512.Min(Vector512.Max(Vector512.ConvertToInt64Native(Vector512.Floor(scaled)), Vector512.Create(-1L)),
            Vector512.Create((long)HistogramGrid.Bins)) + Vector512<long>.One;
        // Each slot lies in [0, Bins + 1]: the narrowing to 32 bits keeps it.
        return Vector512.Narrow(slot, slot).GetLower();
    }

    /// <summary>Copies values into a cell's sample while it has room.</summary>
    private void KeepSample(int cell, ReadOnlySpan<double> values)
    {
        long kept = _count[cell];
        if (kept >= SampleValues) return;
        int room = SampleValues - (int)kept, take = Math.Min(room, values.Length);
        values[..take].CopyTo(_sample.AsSpan(cell * SampleValues + (int)kept, take));
    }

    /// <summary>Adds one value to a cell (for analyses that spread a block's paths over cells).</summary>
    public void Add(int cell, double value)
    {
        if (_grid is null) KeepSample(cell, [value]);
        _sum[cell] += value;
        _min[cell] = Math.Min(_min[cell], value);
        _max[cell] = Math.Max(_max[cell], value);
        _count[cell]++;
        if (_grid is null) return;
        int index = cell * RowLength + Slot(cell, value);
        if (_compact is not null) _compact[index]++;
        else _wide[index]++;
    }

    /// <summary>The slot of one value: the scalar twin of the vector clamp in <see cref="Record"/> (NaN below the grid, as there).</summary>
    private int Slot(int cell, double v)
    {
        if (_grid!.IsRefined(cell)) return _grid.RefinedSlot(cell, v);
        double scaled = (v - _grid!.Lower[cell]) * _grid.InverseWidth[cell];
        return double.IsNaN(scaled) ? 0 : (int)Math.Floor(Math.Clamp(scaled, -1, HistogramGrid.Bins)) + 1;
    }

    /// <summary>
    /// The merge: moves the cells [<paramref name="first"/>, <paramref name="end"/>) of each of <paramref name="parts"/>
    /// into this set, in the order given, and leaves those cells of the parts empty. Disjoint cell ranges can be moved
    /// on different threads; each cell's sum still adds the parts in their order.
    /// </summary>
    public void Move(ReadOnlySpan<CellHistograms> parts, int first, int end)
    {
        foreach (var part in parts)
        {
            for (int c = first; c < end; c++)
            {
                _count[c] += part._count[c];
                _sum[c] += part._sum[c];
                _min[c] = Math.Min(_min[c], part._min[c]);
                _max[c] = Math.Max(_max[c], part._max[c]);
            }
            int from = first * RowLength, length = (end - first) * RowLength;
            if (part._compact is not null)
            {
                for (int c = first; c < end; c++) part.MoveRow(c, _wide);
            }
            else if (part._wide.Length > 0)
            {
                if (_wide.Length > 0) TensorPrimitives.Add(_wide.AsSpan(from, length), part._wide.AsSpan(from, length), _wide.AsSpan(from, length));
                part._wide.AsSpan(from, length).Clear();
            }
            part.Clear(first, end);
        }
    }

    /// <summary>
    /// Adds a compact cell's row into <paramref name="wide"/> and empties it, over the slots its values can occupy: those
    /// between the slots of its smallest and its largest value (a linear cell's slot, floor((v − lower)·inverse) clamped,
    /// never decreases as v grows, rounding included), and the two end slots (NaN lands below the grid whatever the
    /// range). A shard's values fill some half of a cell's 4,096 bins (the grid spans twice the pilot's range), so the
    /// merge reads and writes half the memory; every slot outside is zero, so the counts are the same. Refined cells, and
    /// a range that is not two ordered numbers (an empty cell, or a NaN in it), move the whole row.
    /// </summary>
    private void MoveRow(int cell, long[] wide)
    {
        int row = cell * RowLength, low = 1, high = HistogramGrid.Bins;
        if (!_grid!.IsRefined(cell))
        {
            if (_count[cell] == 0) return;
            double min = _min[cell], max = _max[cell];
            if (min <= max)
            {
                low = Math.Max(Slot(cell, min), 1);
                high = Math.Min(Slot(cell, max), HistogramGrid.Bins);
            }
        }
        var compact = _compact!;
        int underflow = row, overflow = row + RowLength - 1;
        wide[underflow] += compact[underflow];
        wide[overflow] += compact[overflow];
        compact[underflow] = compact[overflow] = 0;
        if (high < low) return;
        AddWidened(wide.AsSpan(row + low, high - low + 1), compact.AsSpan(row + low, high - low + 1));
        compact.AsSpan(row + low, high - low + 1).Clear();
    }

    /// <summary>target[j] += source[j]: 16-bit counts added into 64-bit ones, eight at a time where AVX-512 widens them in one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddWidened(Span<long> target, ReadOnlySpan<ushort> source)
    {
        int j = 0;
        if (Avx512F.IsSupported)
        {
            ref long to = ref MemoryMarshal.GetReference(target);
            ref ushort from = ref MemoryMarshal.GetReference(source);
            for (; j + 8 <= target.Length; j += 8)
                (Vector512.LoadUnsafe(ref to, (nuint)j) + Avx512F.ConvertToVector512Int64(Vector128.LoadUnsafe(ref from, (nuint)j))).StoreUnsafe(ref to, (nuint)j);
        }
        for (; j < target.Length; j++) target[j] += source[j];
    }

    private void Clear(int first, int end)
    {
        int n = end - first;
        _count.AsSpan(first, n).Clear();
        _sum.AsSpan(first, n).Clear();
        _min.AsSpan(first, n).Fill(double.PositiveInfinity);
        _max.AsSpan(first, n).Fill(double.NegativeInfinity);
    }

    /// <summary>
    /// The p-quantile of a cell: the value at rank p·n, interpolated inside the bin that holds that rank (in t for
    /// refined bins) and kept within the observed range; values outside the grid are interpolated between the observed
    /// extreme and the grid's edge. Whole numbers: the smallest value whose cumulative count reaches p·n when its bin
    /// holds one whole number (always, for one-bin-per-integer cells), otherwise the interpolated value rounded to the
    /// nearest whole number the bin can hold.
    /// </summary>
    public double Quantile(int cell, double p) => Quantile(cell, [cell], p);

    /// <summary>The p-quantile of the values of several cells taken together (cells on the same grid, e.g. the sections of one cell).</summary>
    /// <param name="gridCell">The cell whose grid they share.</param>
    /// <param name="cells">The cells pooled.</param>
    /// <param name="p">The probability.</param>
    public double Quantile(int gridCell, ReadOnlySpan<int> cells, double p)
    {
        _ = _grid ?? throw new InvalidOperationException("a pilot has no histogram");
        var (n, min, max) = Totals(cells);
        if (n == 0) return double.NaN;
        if (min == max) return min;
        var search = default(SlotSearch);
        return ValueAt(gridCell, Locate(cells, n, p, ref search), n, min, max, p);
    }

    /// <summary>The quantile rule itself: the p-quantile of n values in [min, max] whose rank p·n falls in slot <paramref name="at"/>.</summary>
    private double ValueAt(int gridCell, (int Slot, long Before, long Count) at, long n, double min, double max, double p)
    {
        var grid = _grid!;
        double rank = p * n;
        if (at.Slot == 0) return min + (Edge(gridCell, 0) - min) * (rank / Math.Max(1, at.Count));
        if (at.Slot == RowLength - 1)
        {
            double edge = Edge(gridCell, HistogramGrid.Bins);
            return edge + (max - edge) * Math.Clamp((rank - at.Before) / Math.Max(1, at.Count), 0, 1);
        }
        int b = at.Slot - 1;
        if (grid.Exact[gridCell]) return grid.Lower[gridCell] + b + 0.5;
        double fraction = (rank - at.Before) / at.Count;
        double q;
        if (grid.IsRefined(gridCell))
        {
            var (low, high) = grid.RefinedBin(gridCell, b);
            q = grid.Unmap(gridCell, low + fraction * (high - low));
        }
        else
        {
            q = grid.Lower[gridCell] + (b + fraction) * grid.Width[gridCell];
        }
        q = Math.Clamp(q, min, max);
        if (!grid.Whole[gridCell] || !double.IsFinite(q)) return q;
        var (first, last) = WholeNumbersIn(gridCell, at.Slot, q);
        return Math.Clamp(Math.Round(q), Math.Max(first, min), Math.Min(last, max));
    }

    /// <summary>
    /// The share of a cell's values in the bin that holds its p-quantile: a bound on the quantile's rank error (the
    /// exact sample quantile lies in the same bin); 0 when the quantile is exact (a bin of one whole number).
    /// </summary>
    public double QuantileBinShare(int cell, double p)
    {
        var grid = _grid ?? throw new InvalidOperationException("a pilot has no histogram");
        ReadOnlySpan<int> cells = [cell];
        var (n, min, max) = Totals(cells);
        if (n == 0 || min == max || grid.Exact[cell]) return 0;
        var search = default(SlotSearch);
        var at = Locate(cells, n, p, ref search);
        if (grid.Whole[cell] && at.Slot > 0 && at.Slot < RowLength - 1)
        {
            var (first, last) = WholeNumbersIn(cell, at.Slot, Quantile(cell, p));
            if (first == last) return 0;
        }
        return (double)at.Count / n;
    }

    private (long N, double Min, double Max) Totals(ReadOnlySpan<int> cells)
    {
        long n = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (int c in cells)
        {
            n += _count[c];
            min = Math.Min(min, _min[c]);
            max = Math.Max(max, _max[c]);
        }
        return (n, min, max);
    }

    /// <summary>
    /// The quantiles of a cell at many probabilities in ascending order, in one pass over the bins: each value equal, bit for
    /// bit, to <see cref="Quantile(int, double)"/> at that probability (tested), so it follows the one quantile rule; only the
    /// bin search resumes where the previous probability's ended instead of starting over.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="ascending">Probabilities, non-decreasing.</param>
    /// <param name="quantiles">Receives one quantile per probability.</param>
    public void Quantiles(int cell, ReadOnlySpan<double> ascending, Span<double> quantiles)
    {
        _ = _grid ?? throw new InvalidOperationException("a pilot has no histogram");
        ReadOnlySpan<int> cells = [cell];
        var (n, min, max) = Totals(cells);
        var search = default(SlotSearch);
        for (int i = 0; i < ascending.Length; i++)
        {
            double p = ascending[i];
            if (i > 0 && p < ascending[i - 1]) throw new ArgumentException("the probabilities must be in ascending order", nameof(ascending));
            quantiles[i] = n == 0 ? double.NaN : min == max ? min : ValueAt(cell, Locate(cells, n, p, ref search), n, min, max, p);
        }
    }

    /// <summary>Slot j summed over the cells.</summary>
    private long Slot(ReadOnlySpan<int> cells, int j)
    {
        long total = 0;
        foreach (int c in cells) total += _wide.Length > 0 ? _wide[c * RowLength + j] : _compact![c * RowLength + j];
        return total;
    }

    /// <summary>Where a slot search stands: the next slot to look at (0: not started) and the values before it.</summary>
    private struct SlotSearch
    {
        public int Slot;
        public long Before;
    }

    /// <summary>
    /// The slot where the cumulative count first reaches p·n, the values before it and its own. The search resumes where
    /// <paramref name="search"/> stands (for probabilities in ascending order) and stays on the slot it found.
    /// </summary>
    private (int Slot, long Before, long Count) Locate(ReadOnlySpan<int> cells, long n, double p, ref SlotSearch search)
    {
        double rank = p * n;
        long underflow = Slot(cells, 0);
        if (rank <= underflow) return (0, 0, underflow);
        if (search.Slot == 0) search = new SlotSearch { Slot = 1, Before = underflow };
        for (; search.Slot <= HistogramGrid.Bins; search.Slot++)
        {
            long count = Slot(cells, search.Slot);
            if (count == 0) continue;
            if (search.Before + count >= rank) return (search.Slot, search.Before, count);
            search.Before += count;
        }
        return (RowLength - 1, search.Before, Slot(cells, RowLength - 1));
    }

    /// <summary>The value at bin edge e (0 ≤ e ≤ Bins) of a cell's grid.</summary>
    private double Edge(int cell, int e)
    {
        var grid = _grid!;
        return grid.IsRefined(cell)
            ? grid.Unmap(cell, grid.Lower[cell] + (e == 0 ? 0 : HistogramGrid.CoarseCells) * grid.Width[cell])
            : grid.Lower[cell] + e * grid.Width[cell];
    }

    /// <summary>
    /// The first and last whole number whose slot is <paramref name="slot"/> (a bin that holds whole values, so holds
    /// at least one), searched from <paramref name="near"/>, a value inside the bin, with the slot rule itself (so a
    /// number on an edge falls where the records put it): slots grow with the value, so the numbers form one run.
    /// </summary>
    private (double First, double Last) WholeNumbersIn(int cell, int slot, double near)
    {
        double member = Math.Round(near);
        // Within one of the bin when the bin is narrower than a whole number; step into it.
        for (int guard = 0; Slot(cell, member) != slot && guard < 4; guard++) member += Slot(cell, member) < slot ? 1 : -1;
        if (Slot(cell, member) != slot) return (member, member);
        return (Bound(cell, slot, member, -1), Bound(cell, slot, member, 1));
    }

    /// <summary>The farthest whole number from <paramref name="member"/> in <paramref name="direction"/> still in the slot: galloping, then bisection.</summary>
    private double Bound(int cell, int slot, double member, double direction)
    {
        double inside = member, step = 1;
        while (Slot(cell, member + direction * step) == slot && step < 1e15)
        {
            inside = member + direction * step;
            step *= 2;
        }
        double outside = member + direction * step;
        while (Math.Abs(outside - inside) > 1)
        {
            double middle = inside + direction * Math.Floor(Math.Abs(outside - inside) / 2);
            if (Slot(cell, middle) == slot) inside = middle;
            else outside = middle;
        }
        return inside;
    }
}
