using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Forecast.Engine.Randomness;
using Forecast.Engine.Simulation;

namespace Forecast.Benchmarks;

/// <summary>
/// Recording a block of 1,024 lognormal-looking values into a cell's 16-bit histogram row (bench-gbm8 records 40 such
/// cells per block): the current <see cref="CellHistograms.Record"/> against the previous kernel (Baseline: one loop
/// in Record itself, whose sums were kept on the stack, and the eight slots taken out of the register lane by lane).
/// </summary>
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private const int Cells = 40;
    private readonly double[] _values = new double[1024];
    private CellHistograms _cells = null!;
    private PreviousCellHistograms _previous = null!;
    private double _lower, _inverse;
    private readonly ushort[] _row = new ushort[CellHistograms.RowLength];
    private readonly ushort[] _previousRow = new ushort[CellHistograms.RowLength];

    [GlobalSetup]
    public void Setup()
    {
        var g = Xoshiro256StarStar.FromSeed(7);
        g.FillStandardNormal(_values);
        // Values like a bench-gbm8 cell (e^(0.4 + 0.11·z)), on a grid over ±4.5 standard deviations.
        for (int i = 0; i < _values.Length; i++) _values[i] = Math.Exp(0.4 + 0.11 * _values[i]);
        _lower = Math.Exp(0.4 - 0.5);
        _inverse = HistogramGrid.Bins / (Math.Exp(0.4 + 0.5) - _lower);
        var grid = new HistogramGrid(Enumerable.Repeat(_lower, Cells).ToArray(), Enumerable.Repeat(_inverse, Cells).ToArray(),
            Enumerable.Repeat(1 / _inverse, Cells).ToArray(), new bool[Cells], new bool[Cells]);
        _cells = new CellHistograms(Cells, grid, compact: true);
        _previous = new PreviousCellHistograms(Cells, grid);
    }

    [Benchmark(Description = "record 1,024 values, 1f1a541 kernel")]
    public double Previous()
    {
        // The 16-bit counts wrap after 64 calls, harmlessly here: only the time matters.
        _previous.Record(3, _values);
        return _previous.Sum(3);
    }

    [Benchmark(Baseline = true, Description = "record 1,024 values' slots and sums, 5edf1be kernel (floor, 64-bit convert, narrow)")]
    public double PreviousSlots()
    {
        var lanes = PreviousSlotKernel.SummariseAndCount(_values, _previousRow, _lower, _inverse);
        return Vector512.Sum(lanes);
    }

    [Benchmark(Description = "record 1,024 values' slots and sums, CellHistograms.SummariseAndCount")]
    public double Slots()
    {
        var lanes = CellHistograms.SummariseAndCount(_values, _row.AsSpan(), _lower, _inverse);
        return Vector512.Sum(lanes.Sum);
    }

    [Benchmark(Description = "record 1,024 values, CellHistograms.Record")]
    public double Current()
    {
        _cells.Record(3, _values);
        return _cells.Sum(3);
    }
}

/// <summary>
/// <see cref="CellHistograms.Record"/> as it was at main 1f1a541, for a compact (16-bit) set of linear cells: the vector pass
/// inside Record, after the call that keeps a pilot's sample, with the set's kind tested in the loop. Kept as the
/// benchmark's baseline only.
/// </summary>
internal sealed class PreviousCellHistograms(int cells, HistogramGrid grid)
{
    private const int RowLength = CellHistograms.RowLength;
    private readonly HistogramGrid? _grid = grid;
    private readonly long[] _count = new long[cells];
    private readonly double[] _sum = new double[cells];
    private readonly double[] _min = new double[cells];
    private readonly double[] _max = new double[cells];
    private readonly long[] _wide = [];
    private readonly ushort[]? _compact = new ushort[cells * RowLength];

    public long Count(int cell) => _count[cell];

    public double Sum(int cell) => _sum[cell];

    public void Record(int cell, ReadOnlySpan<double> values)
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        int n = values.Length, i = 0;
        bool refined = _grid is not null && _grid.IsRefined(cell);
        bool histogram = _grid is not null && !refined;
        if (_grid is null) KeepSample(cell, values);
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
            min = Vector512.MinNative(min, v);
            max = Vector512.MaxNative(max, v);
            if (!histogram) continue;
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
        _sum[cell] += total;
        _min[cell] = Math.Min(_min[cell], lo);
        _max[cell] = Math.Max(_max[cell], hi);
        _count[cell] += n;
    }

    private void KeepSample(int cell, ReadOnlySpan<double> values) => _sum[cell] += values.Length;

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
}

/// <summary>
/// CellHistograms.SummariseAndCount for 16-bit rows as it was at main 5edf1be, whose slots were found by Floor, the 64-bit
/// conversion and a narrowing (the benchmark's baseline only; the sums, minima and maxima are the same, only the sum returned).
/// </summary>
internal static class PreviousSlotKernel
{
    public static Vector512<double> SummariseAndCount(ReadOnlySpan<double> values, Span<ushort> row, double lower, double inverse)
    {
        var sum = Vector512<double>.Zero;
        var min = Vector512.Create(double.PositiveInfinity);
        var max = Vector512.Create(double.NegativeInfinity);
        var low = Vector512.Create(lower);
        var scale = Vector512.Create(inverse);
        ref double first = ref MemoryMarshal.GetReference(values);
        ref ushort counts = ref MemoryMarshal.GetReference(row);
        Unsafe.SkipInit(out Vector256<int> slots);
        ref int slot = ref Unsafe.As<Vector256<int>, int>(ref slots);
        int whole = values.Length & ~7;
        for (int i = 0; i < whole; i += 8)
        {
            var v = Vector512.LoadUnsafe(ref first, (nuint)i);
            sum += v;
            min = Vector512.MinNative(min, v);
            max = Vector512.MaxNative(max, v);
            var scaled = Vector512.MinNative(Vector512.MaxNative((v - low) * scale, Vector512.Create(-1.0)), Vector512.Create((double)HistogramGrid.Bins));
            var wide = Vector512.Min(Vector512.Max(Vector512.ConvertToInt64Native(Vector512.Floor(scaled)), Vector512.Create(-1L)),
                Vector512.Create((long)HistogramGrid.Bins)) + Vector512<long>.One;
            slots = Vector512.Narrow(wide, wide).GetLower();
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 0))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 1))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 2))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 3))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 4))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 5))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 6))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref slot, 7))++;
        }
        return sum + min + max;
    }
}
