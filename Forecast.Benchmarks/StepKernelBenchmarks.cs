using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Forecast.Engine.Randomness;
using Forecast.Engine.Simulation;

namespace Forecast.Benchmarks;

/// <summary>
/// Two kernels of a bench-gbm8 year against their versions at main 5edf1be (each category's Baseline): the eight-lane
/// xoshiro256** step (multiplies by 5 and 9 as vpmullq, rotations as two shifts and an or) filling 1,024 uniforms, and the
/// Cholesky mixing of eight drivers' 1,024 shocks (a pass per driver over the block's rows, against 32 paths of every
/// driver at a time). Both pairs give the same bits (the tests compare them); only the time differs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StepKernelBenchmarks
{
    private const int Drivers = 8;
    private const int Size = BlockWorkspace.BlockSize;
    private readonly double[] _uniforms = new double[Size];
    private readonly double[] _shocks = new double[Drivers * Size];
    private readonly double[] _mixed = new double[Drivers * Size];
    private readonly double[] _factor = new double[Drivers * Drivers];
    private readonly bool[] _mixes = Enumerable.Repeat(true, Drivers).ToArray();
    private Xoshiro256x8 _lanes;
    private PreviousXoshiro256x8 _previousLanes;

    [GlobalSetup]
    public void Setup()
    {
        var g = Xoshiro256StarStar.FromSeed(11);
        _lanes = Xoshiro256x8.Split(ref g);
        _previousLanes = PreviousXoshiro256x8.Of(_lanes);
        g.FillStandardNormal(_shocks);
        // The Cholesky factor of bench-gbm8's correlation (0.3 between every pair).
        var correlation = new double[Drivers * Drivers];
        for (int a = 0; a < Drivers; a++)
            for (int b = 0; b < Drivers; b++) correlation[a * Drivers + b] = a == b ? 1 : 0.3;
        for (int a = 0; a < Drivers; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = correlation[a * Drivers + b];
                for (int j = 0; j < b; j++) s -= _factor[a * Drivers + j] * _factor[b * Drivers + j];
                _factor[a * Drivers + b] = a == b ? Math.Sqrt(s) : s / _factor[b * Drivers + b];
            }
    }

    [Benchmark(Baseline = true, Description = "xoshiro256** x8 1,024 uniforms, 5edf1be (vpmullq)")]
    [BenchmarkCategory("lanes")]
    public double PreviousLanes()
    {
        _previousLanes.FillOpenUniform(_uniforms);
        return _uniforms[^1];
    }

    [Benchmark(Description = "xoshiro256** x8 1,024 uniforms, Xoshiro256x8")]
    [BenchmarkCategory("lanes")]
    public double Lanes()
    {
        _lanes.FillOpenUniform(_uniforms);
        return _uniforms[^1];
    }

    [Benchmark(Baseline = true, Description = "Cholesky mixing 8 x 1,024, 5edf1be (a pass per driver)")]
    [BenchmarkCategory("correlate")]
    public double PreviousCorrelate()
    {
        PreviousCorrelation.Correlate(_factor, _mixes, _shocks, _mixed, Size);
        return _mixed[^1];
    }

    [Benchmark(Description = "Cholesky mixing 8 x 1,024, BlockSimulator.Correlate")]
    [BenchmarkCategory("correlate")]
    public double Correlate()
    {
        BlockSimulator.Correlate(_factor, _mixes, _shocks, _mixed, Size);
        return _mixed[^1];
    }
}

/// <summary>The eight-lane xoshiro256** step as it was at main 5edf1be (the benchmark's baseline and the tests' reference only).</summary>
internal struct PreviousXoshiro256x8
{
    private const double Unit = 1.0 / (1UL << 53);
    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>The same state as <paramref name="lanes"/> (the struct's four vectors, in order).</summary>
    public static PreviousXoshiro256x8 Of(Xoshiro256x8 lanes) => MemoryMarshal.Cast<Xoshiro256x8, PreviousXoshiro256x8>(MemoryMarshal.CreateSpan(ref lanes, 1))[0];

    public Vector512<ulong> Next()
    {
        var s1 = _s1;
        var x = s1 * 5UL;
        var result = (Vector512.ShiftLeft(x, 7) | Vector512.ShiftRightLogical(x, 57)) * 9UL;
        var t = Vector512.ShiftLeft(s1, 17);
        _s2 ^= _s0;
        _s3 ^= s1;
        _s1 = s1 ^ _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Vector512.ShiftLeft(_s3, 45) | Vector512.ShiftRightLogical(_s3, 19);
        return result;
    }

    public void FillOpenUniform(Span<double> destination)
    {
        var g = this;
        int i = 0;
        for (; i + 8 <= destination.Length; i += 8)
            ((Vector512.ConvertToDouble(Vector512.ShiftRightLogical(g.Next(), 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit)).CopyTo(destination[i..]);
        this = g;
    }
}

/// <summary><see cref="BlockSimulator.Correlate"/> as it was at main 5edf1be: a pass per driver over the block's rows (the benchmark's baseline only).</summary>
internal static class PreviousCorrelation
{
    public static void Correlate(double[] factor, bool[] mixed, double[] shocks, double[] mixedRows, int count)
    {
        int drivers = mixed.Length;
        const int size = BlockWorkspace.BlockSize;
        ref double shock = ref MemoryMarshal.GetArrayDataReference(shocks);
        for (int d = 0; d < drivers; d++)
        {
            if (!mixed[d]) continue;
            var row = mixedRows.AsSpan(d * size, count);
            int i = 0;
            for (; i + 32 <= count; i += 32)
            {
                Vector512<double> a = default, b = default, c = default, e = default;
                for (int j = 0; j <= d; j++)
                {
                    double l = factor[d * drivers + j];
                    if (l == 0) continue;
                    var vl = Vector512.Create(l);
                    nuint o = (nuint)(j * size + i);
                    a += Vector512.LoadUnsafe(ref shock, o) * vl;
                    b += Vector512.LoadUnsafe(ref shock, o + 8) * vl;
                    c += Vector512.LoadUnsafe(ref shock, o + 16) * vl;
                    e += Vector512.LoadUnsafe(ref shock, o + 24) * vl;
                }
                a.CopyTo(row[i..]);
                b.CopyTo(row[(i + 8)..]);
                c.CopyTo(row[(i + 16)..]);
                e.CopyTo(row[(i + 24)..]);
            }
            for (; i < count; i++)
            {
                double sum = 0;
                for (int j = 0; j <= d; j++)
                {
                    double l = factor[d * drivers + j];
                    if (l != 0) sum += shocks[j * size + i] * l;
                }
                row[i] = sum;
            }
        }
    }
}
