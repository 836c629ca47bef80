using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The distribution of values in a set of cells (an indicator in a year, or a section of one), each summarised by
/// its count, sum, minimum, maximum and a fixed-grid histogram (<see cref="HistogramGrid"/>): memory does not grow
/// with the number of values. The one home of the histogram and its quantile rule; every analysis that reports a
/// percentile (run, compare, the what-ifs) reads it here.
/// </summary>
/// <remarks>
/// A row has <see cref="RowLength"/> slots: slot 0 counts values below the grid (and NaN), slots 1..Bins the bins,
/// the last slot values above the grid. Counts are exact; the sum is added in a fixed order (eight lanes, then the
/// lanes' pairwise sum, then the rest), so merging parts in a fixed order gives the same bits whatever ran them.
/// </remarks>
internal sealed class CellHistograms
{
    /// <summary>Slots per row: the underflow slot, <see cref="HistogramGrid.Bins"/> bins, the overflow slot.</summary>
    public const int RowLength = HistogramGrid.Bins + 2;

    /// <summary>Most values a compact set may record between two moves: no 16-bit slot can overflow.</summary>
    public const int MaxCompactValues = ushort.MaxValue;

    private readonly HistogramGrid? _grid;
    private readonly long[] _count;
    private readonly double[] _sum;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly long[] _wide;
    private readonly ushort[]? _compact;

    /// <param name="cells">Number of cells.</param>
    /// <param name="grid">The bins of each cell; null keeps only counts, sums and ranges (a pilot).</param>
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

    public double Min(int cell) => _min[cell];

    public double Max(int cell) => _max[cell];

    /// <summary>The mean of a cell (its one value exactly when all values are equal).</summary>
    public double Mean(int cell) => _min[cell] == _max[cell] ? _min[cell] : _sum[cell] / _count[cell];

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
    /// Adds a block of values to a cell: one pass, eight values at a time, for the sum, minimum, maximum and histogram
    /// slot (slot 0 below the grid, slot Bins + 1 above it).
    /// </summary>
    public void Record(int cell, ReadOnlySpan<double> values)
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        int n = values.Length, i = 0;
        bool histogram = _grid is not null;
        var row = histogram && _compact is null ? _wide.AsSpan(cell * RowLength, RowLength) : default;
        var compactRow = _compact is not null ? _compact.AsSpan(cell * RowLength, RowLength) : default;
        var lower = Vector512.Create(histogram ? _grid!.Lower[cell] : 0);
        var inverse = Vector512.Create(histogram ? _grid!.InverseWidth[cell] : 0);
        var below = Vector512.Create(-1.0);
        var above = Vector512.Create((double)HistogramGrid.Bins);
        var belowSlot = Vector512.Create(-1L);
        var aboveSlot = Vector512.Create((long)HistogramGrid.Bins);
        for (; i + 8 <= n; i += 8)
        {
            var v = Vector512.Create(values.Slice(i, 8));
            sum += v;
            // The native minimum and maximum are one instruction each (the IEEE ones take three, for NaN and −0).
            min = Vector512.MinNative(min, v);
            max = Vector512.MaxNative(max, v);
            if (!histogram) continue;
            // floor((v − lower)/width) clamped to [−1, Bins], shifted by one into the row. The clamp is done on the
            // doubles (so ±∞ and huge values land in the end slots) and again on the integers (a NaN, which the
            // native clamp may let through, converts to the most negative integer and lands in slot 0).
            var scaled = Vector512.MinNative(Vector512.MaxNative((v - lower) * inverse, below), above);
            var slot = Vector512.Min(Vector512.Max(Vector512.ConvertToInt64Native(Vector512.Floor(scaled)), belowSlot), aboveSlot)
                + Vector512<long>.One;
            if (_compact is not null) Scatter(compactRow, slot);
            else Scatter(row, slot);
        }
        double total = Vector512.Sum(sum), lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int j = 0; j < 8; j++)
        {
            lo = Math.Min(lo, min.GetElement(j));
            hi = Math.Max(hi, max.GetElement(j));
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
        _sum[cell] += total;
        _min[cell] = Math.Min(_min[cell], lo);
        _max[cell] = Math.Max(_max[cell], hi);
        _count[cell] += n;
    }

    /// <summary>Adds one value to a cell (for analyses that spread a block's paths over cells).</summary>
    public void Add(int cell, double value)
    {
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
        double scaled = (v - _grid!.Lower[cell]) * _grid.InverseWidth[cell];
        return double.IsNaN(scaled) ? 0 : (int)Math.Floor(Math.Clamp(scaled, -1, HistogramGrid.Bins)) + 1;
    }

    /// <summary>Counts eight slots into the row; each slot lies in [0, Bins + 1] by the clamp, so no bounds check is needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter<T>(Span<T> row, Vector512<long> slot) where T : System.Numerics.IIncrementOperators<T>
    {
        ref T first = ref MemoryMarshal.GetReference(row);
        Unsafe.Add(ref first, (nint)slot.GetElement(0))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(1))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(2))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(3))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(4))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(5))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(6))++;
        Unsafe.Add(ref first, (nint)slot.GetElement(7))++;
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
                var target = _wide.AsSpan(from, length);
                var source = part._compact.AsSpan(from, length);
                for (int j = 0; j < target.Length; j++) target[j] += source[j];
            }
            else if (_wide.Length > 0)
            {
                TensorPrimitives.Add(_wide.AsSpan(from, length), part._wide.AsSpan(from, length), _wide.AsSpan(from, length));
            }
            part.Clear(first, end);
        }
    }

    private void Clear(int first, int end)
    {
        int n = end - first;
        _count.AsSpan(first, n).Clear();
        _sum.AsSpan(first, n).Clear();
        _min.AsSpan(first, n).Fill(double.PositiveInfinity);
        _max.AsSpan(first, n).Fill(double.NegativeInfinity);
        if (_wide.Length > 0) _wide.AsSpan(first * RowLength, n * RowLength).Clear();
        _compact?.AsSpan(first * RowLength, n * RowLength).Clear();
    }

    /// <summary>
    /// The p-quantile of a cell: exact for one-bin-per-integer cells (the smallest value whose cumulative count
    /// reaches p·n), otherwise interpolated linearly inside the bin and, for whole numbers, rounded to the nearest
    /// within the observed range; values outside the grid are interpolated between the observed extreme and the
    /// grid's edge.
    /// </summary>
    public double Quantile(int cell, double p) => Quantile(cell, [cell], p);

    /// <summary>The p-quantile of the values of several cells taken together (cells on the same grid, e.g. the sections of one cell).</summary>
    /// <param name="gridCell">The cell whose grid they share.</param>
    /// <param name="cells">The cells pooled.</param>
    /// <param name="p">The probability.</param>
    public double Quantile(int gridCell, ReadOnlySpan<int> cells, double p)
    {
        var grid = _grid ?? throw new InvalidOperationException("a pilot has no histogram");
        long n = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (int c in cells)
        {
            n += _count[c];
            min = Math.Min(min, _min[c]);
            max = Math.Max(max, _max[c]);
        }
        if (n == 0) return double.NaN;
        if (min == max) return min;
        double q = Interpolated(grid, gridCell, cells, n, min, max, p);
        // A count too spread out for one bin per whole number is interpolated; its percentile is still reported
        // as a whole number (the nearest, within the observed range).
        return grid.Whole[gridCell] && !grid.Exact[gridCell] && double.IsFinite(q) ? Math.Clamp(Math.Round(q), min, max) : q;
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
        var grid = _grid ?? throw new InvalidOperationException("a pilot has no histogram");
        long n = _count[cell];
        double min = _min[cell], max = _max[cell];
        int rowStart = cell * RowLength;
        long SlotAt(int j) => _wide.Length > 0 ? _wide[rowStart + j] : _compact![rowStart + j];
        double lower = grid.Lower[cell], width = grid.Width[cell];
        bool exact = grid.Exact[cell], whole = grid.Whole[cell];
        long underflow = n == 0 ? 0 : SlotAt(0), overflow = n == 0 ? 0 : SlotAt(RowLength - 1);
        double cumulative = underflow;
        int b = 0;
        for (int i = 0; i < ascending.Length; i++)
        {
            double p = ascending[i];
            if (i > 0 && p < ascending[i - 1]) throw new ArgumentException("the probabilities must be in ascending order", nameof(ascending));
            if (n == 0) { quantiles[i] = double.NaN; continue; }
            if (min == max) { quantiles[i] = min; continue; }
            double rank = p * n, q;
            if (rank <= underflow)
            {
                q = min + (lower - min) * (rank / Math.Max(1, underflow));
            }
            else
            {
                // Advance to the first non-empty bin whose cumulative count reaches the rank, as Interpolated does from bin 0.
                q = double.NaN;
                for (; b < HistogramGrid.Bins; b++)
                {
                    long count = SlotAt(b + 1);
                    if (count == 0) continue;
                    if (cumulative + count >= rank)
                    {
                        if (exact) q = lower + b + 0.5;
                        else
                        {
                            double fraction = (rank - cumulative) / count;
                            q = Math.Clamp(lower + (b + fraction) * width, min, max);
                        }
                        break;
                    }
                    cumulative += count;
                }
                if (b == HistogramGrid.Bins)
                {
                    double edge = lower + HistogramGrid.Bins * width;
                    double into = (rank - cumulative) / Math.Max(1, overflow);
                    q = edge + (max - edge) * Math.Clamp(into, 0, 1);
                }
            }
            quantiles[i] = whole && !exact && double.IsFinite(q) ? Math.Clamp(Math.Round(q), min, max) : q;
        }
    }

    /// <summary>Slot j summed over the cells.</summary>
    private long Slot(ReadOnlySpan<int> cells, int j)
    {
        long total = 0;
        foreach (int c in cells) total += _wide.Length > 0 ? _wide[c * RowLength + j] : _compact![c * RowLength + j];
        return total;
    }

    private double Interpolated(HistogramGrid grid, int gridCell, ReadOnlySpan<int> cells, long n, double min, double max, double p)
    {
        double rank = p * n;
        double lower = grid.Lower[gridCell], width = grid.Width[gridCell];
        long underflow = Slot(cells, 0), overflow = Slot(cells, RowLength - 1);
        if (rank <= underflow) return min + (lower - min) * (rank / Math.Max(1, underflow));
        double cumulative = underflow;
        bool exact = grid.Exact[gridCell];
        for (int b = 0; b < HistogramGrid.Bins; b++)
        {
            long count = Slot(cells, b + 1);
            if (count == 0) continue;
            if (cumulative + count >= rank)
            {
                if (exact) return lower + b + 0.5;
                double fraction = (rank - cumulative) / count;
                return Math.Clamp(lower + (b + fraction) * width, min, max);
            }
            cumulative += count;
        }
        double edge = lower + HistogramGrid.Bins * width;
        double into = (rank - cumulative) / Math.Max(1, overflow);
        return edge + (max - edge) * Math.Clamp(into, 0, 1);
    }
}
