using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Everything a run keeps about its paths, in counts and sums whose size does not depend on the
/// number of paths: per cell (indicator × step) the count, sum, minimum, maximum, target hits and a
/// fixed-grid histogram for percentiles; per indicator the target hits, misses and summed shortfall;
/// for the plan the distribution of how many headline targets each path met.
/// <see cref="Add"/> is associative and, for the integer counts, commutative; sums are merged in a
/// fixed order so results are identical bit for bit whatever the number of threads.
/// </summary>
internal sealed class SimulationAccumulator
{
    /// <param name="indicators">Indicators of the plan.</param>
    /// <param name="steps">Yearly steps of the plan.</param>
    /// <param name="headlineCount">Headline targets of the plan.</param>
    /// <param name="grid">Histogram grid (null: no histograms, as in a pilot run).</param>
    /// <param name="compact">
    /// Count the histograms in 16-bit cells (for a shard of at most <see cref="MaxCompactPaths"/> paths, moved
    /// into a total with <see cref="MoveCells"/>): a quarter of the memory, so a shard's histograms stay in the
    /// core's cache.
    /// </param>
    public SimulationAccumulator(int indicators, int steps, int headlineCount, HistogramGrid? grid, bool compact = false)
    {
        Indicators = indicators;
        Steps = steps;
        int cells = indicators * steps;
        Grid = grid;
        Count = new long[cells];
        Sum = new double[cells];
        Min = new double[cells];
        Max = new double[cells];
        YearHits = new long[cells];
        Underflow = new long[cells];
        Overflow = new long[cells];
        Histogram = grid is null || compact ? [] : new long[cells * RowLength];
        _compact = grid is not null && compact ? new ushort[cells * RowLength] : null;
        TargetHits = new long[indicators];
        Misses = new long[indicators];
        ShortfallSum = new double[indicators];
        MetCount = new long[headlineCount + 1];
        Reset();
    }

    /// <summary>Histogram slots per cell: the underflow slot, <see cref="HistogramGrid.Bins"/> bins, the overflow slot.</summary>
    public const int RowLength = HistogramGrid.Bins + 2;

    private readonly ushort[]? _compact;

    /// <summary>Most paths a compact accumulator may record between two moves: no 16-bit cell can overflow.</summary>
    public const int MaxCompactPaths = ushort.MaxValue;

    public int Indicators { get; }
    public int Steps { get; }
    public HistogramGrid? Grid { get; }
    public long Paths { get; set; }
    public long[] Count { get; }
    public double[] Sum { get; }
    public double[] Min { get; }
    public double[] Max { get; }
    public long[] YearHits { get; }
    public long[] Underflow { get; }
    public long[] Overflow { get; }
    public long[] Histogram { get; }
    public long[] TargetHits { get; }
    public long[] Misses { get; }
    public double[] ShortfallSum { get; }
    /// <summary>MetCount[k]: paths that met exactly k headline targets.</summary>
    public long[] MetCount { get; }
    /// <summary>Paths that met every target (headline or not).</summary>
    public long AllTargets { get; set; }

    /// <summary>Cell index of (indicator position k, step s), 1 ≤ s ≤ Steps.</summary>
    public int Cell(int k, int step) => k * Steps + step - 1;

    public void Reset()
    {
        Paths = 0;
        AllTargets = 0;
        Array.Clear(Count);
        Array.Clear(Sum);
        Array.Fill(Min, double.PositiveInfinity);
        Array.Fill(Max, double.NegativeInfinity);
        Array.Clear(YearHits);
        Array.Clear(Underflow);
        Array.Clear(Overflow);
        Array.Clear(Histogram);
        if (_compact is not null) Array.Clear(_compact);
        Array.Clear(TargetHits);
        Array.Clear(Misses);
        Array.Clear(ShortfallSum);
        Array.Clear(MetCount);
    }

    /// <summary>
    /// Adds the values of one cell for a block of paths: one pass, eight values at a time, for the sum,
    /// minimum, maximum and histogram slot (slot 0 below the grid, slot Bins + 1 above it).
    /// </summary>
    public void Record(int cell, ReadOnlySpan<double> values)
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        int n = values.Length, i = 0;
        bool histogram = Grid is not null;
        var row = histogram && _compact is null ? Histogram.AsSpan(cell * RowLength, RowLength) : default;
        var compactRow = _compact is not null ? _compact.AsSpan(cell * RowLength, RowLength) : default;
        var lower = Vector512.Create(histogram ? Grid!.Lower[cell] : 0);
        var inverse = Vector512.Create(histogram ? Grid!.InverseWidth[cell] : 0);
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
        double lowerEdge = histogram ? Grid!.Lower[cell] : 0, inverseWidth = histogram ? Grid!.InverseWidth[cell] : 0;
        for (; i < n; i++)
        {
            double v = values[i];
            total += v;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
            if (!histogram) continue;
            int index = (int)Math.Floor(Math.Clamp((v - lowerEdge) * inverseWidth, -1, HistogramGrid.Bins)) + 1;
            if (_compact is not null) compactRow[index]++;
            else row[index]++;
        }
        Sum[cell] += total;
        Min[cell] = Math.Min(Min[cell], lo);
        Max[cell] = Math.Max(Max[cell], hi);
        Count[cell] += n;
        if (!histogram) return;
        Underflow[cell] = _compact is not null ? compactRow[0] : row[0];
        Overflow[cell] = _compact is not null ? compactRow[HistogramGrid.Bins + 1] : row[HistogramGrid.Bins + 1];
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

    /// <summary>Adds <paramref name="other"/> into this accumulator (same shape and grid).</summary>
    public void Add(SimulationAccumulator other)
    {
        Paths += other.Paths;
        AllTargets += other.AllTargets;
        AddInto(Count, other.Count);
        for (int c = 0; c < Sum.Length; c++)
        {
            Sum[c] += other.Sum[c];
            Min[c] = Math.Min(Min[c], other.Min[c]);
            Max[c] = Math.Max(Max[c], other.Max[c]);
        }
        AddInto(YearHits, other.YearHits);
        AddInto(Underflow, other.Underflow);
        AddInto(Overflow, other.Overflow);
        if (other._compact is not null) AddCompact(Histogram, other._compact);
        else AddInto(Histogram, other.Histogram);
        AddInto(TargetHits, other.TargetHits);
        AddInto(Misses, other.Misses);
        for (int k = 0; k < ShortfallSum.Length; k++) ShortfallSum[k] += other.ShortfallSum[k];
        AddInto(MetCount, other.MetCount);
    }

    /// <summary>
    /// Moves the cells [<paramref name="first"/>, <paramref name="end"/>) of each of <paramref name="parts"/>
    /// into this accumulator, in the order given, and leaves those cells of the parts empty. Disjoint cell
    /// ranges can be moved on different threads; each cell's sum still adds the parts in their order.
    /// </summary>
    public void MoveCells(ReadOnlySpan<SimulationAccumulator> parts, int first, int end)
    {
        foreach (var part in parts)
        {
            for (int c = first; c < end; c++)
            {
                Count[c] += part.Count[c];
                Sum[c] += part.Sum[c];
                Min[c] = Math.Min(Min[c], part.Min[c]);
                Max[c] = Math.Max(Max[c], part.Max[c]);
                YearHits[c] += part.YearHits[c];
                Underflow[c] += part.Underflow[c];
                Overflow[c] += part.Overflow[c];
            }
            int from = first * RowLength, length = (end - first) * RowLength;
            if (part._compact is not null) AddCompact(Histogram.AsSpan(from, length), part._compact.AsSpan(from, length));
            else if (Histogram.Length > 0) AddInto(Histogram.AsSpan(from, length), part.Histogram.AsSpan(from, length));
            part.ClearCells(first, end);
        }
    }

    /// <summary>Moves the per-indicator and per-path totals of <paramref name="parts"/> into this one, in order, and empties them.</summary>
    public void MoveTotals(ReadOnlySpan<SimulationAccumulator> parts)
    {
        foreach (var part in parts)
        {
            Paths += part.Paths;
            AllTargets += part.AllTargets;
            AddInto(TargetHits, part.TargetHits);
            AddInto(Misses, part.Misses);
            for (int k = 0; k < ShortfallSum.Length; k++) ShortfallSum[k] += part.ShortfallSum[k];
            AddInto(MetCount, part.MetCount);
            part.Paths = 0;
            part.AllTargets = 0;
            Array.Clear(part.TargetHits);
            Array.Clear(part.Misses);
            Array.Clear(part.ShortfallSum);
            Array.Clear(part.MetCount);
        }
    }

    private void ClearCells(int first, int end)
    {
        int n = end - first;
        Count.AsSpan(first, n).Clear();
        Sum.AsSpan(first, n).Clear();
        Min.AsSpan(first, n).Fill(double.PositiveInfinity);
        Max.AsSpan(first, n).Fill(double.NegativeInfinity);
        YearHits.AsSpan(first, n).Clear();
        Underflow.AsSpan(first, n).Clear();
        Overflow.AsSpan(first, n).Clear();
        if (Histogram.Length > 0) Histogram.AsSpan(first * RowLength, n * RowLength).Clear();
        if (_compact is not null) _compact.AsSpan(first * RowLength, n * RowLength).Clear();
    }

    /// <summary>The sum of two accumulators as a new one (for tests of associativity).</summary>
    public static SimulationAccumulator Combine(SimulationAccumulator a, SimulationAccumulator b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new SimulationAccumulator(a.Indicators, a.Steps, a.MetCount.Length - 1, a.Grid);
        result.Add(a);
        result.Add(b);
        return result;
    }

    private static void AddCompact(Span<long> target, ReadOnlySpan<ushort> source)
    {
        if (target.Length != source.Length) throw new InvalidOperationException("the accumulators' histograms differ in shape");
        for (int i = 0; i < target.Length; i++) target[i] += source[i];
    }

    private static void AddInto(Span<long> target, ReadOnlySpan<long> source) => TensorPrimitives.Add(target, source, target);

    /// <summary>
    /// The p-quantile of a cell: exact for one-bin-per-integer cells (the smallest value whose
    /// cumulative count reaches p·n), otherwise interpolated linearly inside the bin (and rounded to a whole
    /// number for counts); values outside the grid are interpolated between the observed extreme and the grid's edge.
    /// </summary>
    public double Quantile(int cell, double p)
    {
        double q = Interpolated(cell, p);
        // A count too spread out for one bin per whole number is interpolated; its percentile is still reported
        // as a whole number (the nearest, within the observed range).
        return Grid is not null && Grid.Whole[cell] && !Grid.Exact[cell] && double.IsFinite(q)
            ? Math.Clamp(Math.Round(q), Min[cell], Max[cell])
            : q;
    }

    private double Interpolated(int cell, double p)
    {
        long n = Count[cell];
        if (n == 0) return double.NaN;
        if (Min[cell] == Max[cell]) return Min[cell];
        if (Grid is null) throw new InvalidOperationException("a pilot accumulator has no histogram");
        double rank = p * n;
        double lower = Grid.Lower[cell], width = Grid.Width[cell];
        if (rank <= Underflow[cell])
            return Min[cell] + (lower - Min[cell]) * (rank / Math.Max(1, Underflow[cell]));
        double cumulative = Underflow[cell];
        var bins = Histogram.AsSpan(cell * RowLength + 1, HistogramGrid.Bins);
        bool exact = Grid.Exact[cell];
        for (int b = 0; b < bins.Length; b++)
        {
            long count = bins[b];
            if (count == 0) continue;
            if (cumulative + count >= rank)
            {
                if (exact) return lower + b + 0.5;
                double fraction = (rank - cumulative) / count;
                return Math.Clamp(lower + (b + fraction) * width, Min[cell], Max[cell]);
            }
            cumulative += count;
        }
        double edge = lower + HistogramGrid.Bins * width;
        double into = (rank - cumulative) / Math.Max(1, Overflow[cell]);
        return edge + (Max[cell] - edge) * Math.Clamp(into, 0, 1);
    }
}
