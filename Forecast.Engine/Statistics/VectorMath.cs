using System.Runtime.Intrinsics;

namespace Forecast.Engine.Statistics;

/// <summary>Element-wise transcendental functions over spans with the SIMD versions of System.Runtime.Intrinsics.</summary>
internal static class VectorMath
{
    /// <summary>destination[i] = exp(a·x[i] + b).</summary>
    public static void ExpAffine(ReadOnlySpan<double> x, double a, double b, Span<double> destination)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            for (; i + 8 <= x.Length; i += 8)
                Vector512.Exp(Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 8)), va, vb)).CopyTo(destination[i..]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            for (; i + 4 <= x.Length; i += 4)
                Vector256.Exp(Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 4)), va, vb)).CopyTo(destination[i..]);
        }
        for (; i < x.Length; i++) destination[i] = Math.Exp(Math.FusedMultiplyAdd(x[i], a, b));
    }
}
