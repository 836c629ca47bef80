using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Engine.Statistics;

/// <summary>
/// Element-wise transcendental functions over spans. Each is one algorithm written at three widths side by side
/// (scalar, 256-bit, 512-bit), operation for operation, with fused multiply-adds where the algorithm has them: IEEE
/// arithmetic gives the same bits at every width, so results do not depend on the instruction set the machine has
/// (AVX-512, AVX2 or none; tests run all three). Only values beyond e^±708 (and NaN) go to Math.Exp, at every width.
/// </summary>
internal static class VectorMath
{
    /// <summary>destination[i] = (1 + level[i])·exp(a·z[i] + b) − 1, in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GrowthAffine(ReadOnlySpan<double> z, ReadOnlySpan<double> level, double a, double b, Span<double> destination)
    {
        int i = 0;
        int n = z.Length;
        bool outside = false;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            var one = Vector512.Create(1.0);
            var range = Vector512.Create(ExpRange);
            var far = Vector512<double>.Zero;
            ref double zs = ref MemoryMarshal.GetReference(z);
            ref double levels = ref MemoryMarshal.GetReference(level);
            ref double to = ref MemoryMarshal.GetReference(destination);
            if (destination.Length < n) throw new ArgumentException("The destination is shorter than the shocks.", nameof(destination));
            if (level.Length < n) throw new ArgumentException("The levels are fewer than the shocks.", nameof(level));
            // Sixteen values a turn, two eights side by side (ExpInRangeTwo): each e^x is a chain of some 20 dependent
            // steps, and the out-of-order window overlaps two such chains far better when they are interleaved in the
            // instruction stream (1.2 → 1.0 ns per value in isolation). The same operations on every lane.
            for (; i + 16 <= n; i += 16)
            {
                var x0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref zs, (nuint)i), va, vb);
                var x1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref zs, (nuint)(i + 8)), va, vb);
                far |= ~Vector512.LessThanOrEqual(Vector512.Abs(x0), range);
                far |= ~Vector512.LessThanOrEqual(Vector512.Abs(x1), range);
                var (e0, e1) = ExpInRangeTwo(x0, x1);
                ((one + Vector512.LoadUnsafe(ref levels, (nuint)i)) * e0 - one).StoreUnsafe(ref to, (nuint)i);
                ((one + Vector512.LoadUnsafe(ref levels, (nuint)(i + 8))) * e1 - one).StoreUnsafe(ref to, (nuint)(i + 8));
            }
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector512.FusedMultiplyAdd(Vector512.Create(z.Slice(i, 8)), va, vb);
                // No call in the loop (a call would spill every vector register): lanes beyond the range are
                // only noted here (NaN compares false, so it is noted too) and recomputed after the loop.
                far |= ~Vector512.LessThanOrEqual(Vector512.Abs(x), range);
                ((one + Vector512.Create(level.Slice(i, 8))) * ExpInRange(x) - one).CopyTo(destination[i..]);
            }
            outside = far != Vector512<double>.Zero;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            var one = Vector256.Create(1.0);
            var range = Vector256.Create(ExpRange);
            var far = Vector256<double>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector256.FusedMultiplyAdd(Vector256.Create(z.Slice(i, 4)), va, vb);
                far |= ~Vector256.LessThanOrEqual(Vector256.Abs(x), range);
                ((one + Vector256.Create(level.Slice(i, 4))) * ExpInRange(x) - one).CopyTo(destination[i..]);
            }
            outside = far != Vector256<double>.Zero;
        }
        if (outside)
        {
            for (int j = 0; j < i; j++)
            {
                double x = Math.FusedMultiplyAdd(z[j], a, b);
                if (!(Math.Abs(x) <= ExpRange)) destination[j] = (1 + level[j]) * Math.Exp(x) - 1;
            }
        }
        for (; i < n; i++) destination[i] = (1 + level[i]) * Exp(Math.FusedMultiplyAdd(z[i], a, b)) - 1;
    }

    /// <summary>
    /// The whole non-negative count of a yearly value: max(0, round(v)), round half to even (Math.Round), max as Math.Max
    /// (NaN stays NaN, −0 becomes +0). With <paramref name="add"/>, destination[i] += it (a cumulative count or a stock's
    /// entries); otherwise destination[i] = it. The vector widths' Round and Max are IEEE's roundToIntegralTiesToEven and
    /// maximum, as Math.Round and Math.Max, so every width gives the same bits.
    /// </summary>
    public static void WholeCounts(ReadOnlySpan<double> v, Span<double> destination, bool add)
    {
        int i = 0, n = v.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var count = Vector512.Max(Vector512<double>.Zero, Vector512.Round(Vector512.Create(v.Slice(i, 8))));
                (add ? Vector512.Create(destination.Slice(i, 8)) + count : count).CopyTo(destination[i..]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var count = Vector256.Max(Vector256<double>.Zero, Vector256.Round(Vector256.Create(v.Slice(i, 4))));
                (add ? Vector256.Create(destination.Slice(i, 4)) + count : count).CopyTo(destination[i..]);
            }
        }
        for (; i < n; i++)
        {
            double count = Math.Max(0, Math.Round(v[i]));
            destination[i] = add ? destination[i] + count : count;
        }
    }

    /// <summary>1.5·2⁵²: adding it rounds a double of magnitude below 2⁵¹ to a whole number, kept in the low bits.</summary>
    private const double Magic = 6755399441055744.0;

    /// <summary>Largest |x| the polynomial path takes: e^x stays a normal double for |x| ≤ 708.</summary>
    private const double ExpRange = 708;

    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = -6.93147180369123816490e-01;
    private const double Ln2Low = -1.90821492927058770002e-10;

    /// <summary>
    /// e^x: Cody-Waite reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2, the Taylor polynomial of e^r to degree 13
    /// (truncation below 10⁻¹⁷ of the result), and 2ⁿ put into the exponent bits: within 2 ulp of the correctly
    /// rounded value (tested against Math.Exp). Beyond ±708, infinite or NaN: Math.Exp, so overflow, underflow,
    /// subnormals and NaN come out exactly as the library's. The scalar twin of <see cref="ExpInRange(Vector512{double})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= ExpRange)) return Math.Exp(x);
        double shifted = x * Log2E + Magic;
        double n = shifted - Magic;
        double r = Math.FusedMultiplyAdd(n, Ln2High, x);
        r = Math.FusedMultiplyAdd(n, Ln2Low, r);
        double p = 1.0 / 6227020800;
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 479001600);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 39916800);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 3628800);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 362880);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 40320);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 5040);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 720);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 120);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 24);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 6);
        p = Math.FusedMultiplyAdd(p, r, 0.5);
        p = Math.FusedMultiplyAdd(p, r, 1);
        p = Math.FusedMultiplyAdd(p, r, 1);
        double twoToN = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(shifted) + 1023L) << 52);
        return p * twoToN;
    }

    /// <summary>e^x for eight lanes, inlined into the caller's loop (the library's Vector512.Exp is a call): <see cref="Exp(double)"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x) =>
        Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(ExpRange)) ? ExpInRange(x) : ExpLanes(x);

    /// <summary>e^x for lanes with |x| ≤ 708 (others are clamped to ±708 first: the caller recomputes them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpInRange(Vector512<double> x)
    {
        // Native clamp: one instruction each; a NaN lane may come out as ±708, and its caller recomputes it anyway.
        x = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-ExpRange)), Vector512.Create(ExpRange));
        // n = round(x·log2 e) by the 1.5·2⁵² trick: the sum's low mantissa bits hold n as a two's-complement integer.
        var shifted = x * Vector512.Create(Log2E) + Vector512.Create(Magic);
        var n = shifted - Vector512.Create(Magic);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(Ln2Low), r);
        var p = Vector512.Create(1.0 / 6227020800);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        var twoToN = Vector512.ShiftLeft(shifted.AsInt64() + Vector512.Create(1023L), 52).AsDouble();
        return p * twoToN;
    }

    /// <summary>
    /// <see cref="ExpInRange(Vector512{double})"/> of two vectors, step by step side by side: two independent chains
    /// interleaved in the instruction stream. The same bits for lanes with |x| ≤ 708; other lanes (and NaN) come out as
    /// anything, for the caller to recompute (no clamp: two instructions fewer per vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double>, Vector512<double>) ExpInRangeTwo(Vector512<double> x0, Vector512<double> x1)
    {
        var shifted0 = x0 * Vector512.Create(Log2E) + Vector512.Create(Magic);
        var shifted1 = x1 * Vector512.Create(Log2E) + Vector512.Create(Magic);
        var n0 = shifted0 - Vector512.Create(Magic);
        var n1 = shifted1 - Vector512.Create(Magic);
        var r0 = Vector512.FusedMultiplyAdd(n0, Vector512.Create(Ln2High), x0);
        var r1 = Vector512.FusedMultiplyAdd(n1, Vector512.Create(Ln2High), x1);
        r0 = Vector512.FusedMultiplyAdd(n0, Vector512.Create(Ln2Low), r0);
        r1 = Vector512.FusedMultiplyAdd(n1, Vector512.Create(Ln2Low), r1);
        var p0 = Vector512.Create(1.0 / 6227020800);
        var p1 = p0;
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 479001600));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 479001600));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 39916800));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 39916800));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 3628800));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 3628800));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 362880));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 362880));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 40320));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 40320));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 5040));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 5040));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 720));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 720));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 120));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 120));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 24));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 24));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(1.0 / 6));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(1.0 / 6));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512.Create(0.5));
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512.Create(0.5));
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512<double>.One);
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512<double>.One);
        p0 = Vector512.FusedMultiplyAdd(p0, r0, Vector512<double>.One);
        p1 = Vector512.FusedMultiplyAdd(p1, r1, Vector512<double>.One);
        // p·2ⁿ in one instruction (vscalefpd) instead of three (the exponent's bits made, shifted, then a product): for
        // |x| ≤ 708, n lies in [−1021, 1021] and p in [0.7, 1.42], so p·2ⁿ is a normal double and both give it exactly.
        if (Avx512F.IsSupported) return (Avx512F.Scale(p0, n0), Avx512F.Scale(p1, n1));
        var twoToN0 = Vector512.ShiftLeft(shifted0.AsInt64() + Vector512.Create(1023L), 52).AsDouble();
        var twoToN1 = Vector512.ShiftLeft(shifted1.AsInt64() + Vector512.Create(1023L), 52).AsDouble();
        return (p0 * twoToN0, p1 * twoToN1);
    }

    /// <summary>The 256-bit twin of <see cref="ExpInRange(Vector512{double})"/>, operation for operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpInRange(Vector256<double> x)
    {
        x = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-ExpRange)), Vector256.Create(ExpRange));
        var shifted = x * Vector256.Create(Log2E) + Vector256.Create(Magic);
        var n = shifted - Vector256.Create(Magic);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(Ln2Low), r);
        var p = Vector256.Create(1.0 / 6227020800);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        var twoToN = Vector256.ShiftLeft(shifted.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        return p * twoToN;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> ExpLanes(Vector512<double> x)
    {
        Span<double> lanes = stackalloc double[8];
        x.CopyTo(lanes);
        for (int j = 0; j < 8; j++) lanes[j] = Exp(lanes[j]);
        return Vector512.Create<double>(lanes);
    }
}
