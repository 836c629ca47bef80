using System.Runtime.Intrinsics;

namespace Forecast.Engine.Statistics;

/// <summary>Element-wise transcendental functions over spans with the SIMD versions of System.Runtime.Intrinsics.</summary>
internal static class VectorMath
{
    /// <summary>destination[i] = (1 + level[i])·exp(a·z[i] + b) − 1, in one pass.</summary>
    public static void GrowthAffine(ReadOnlySpan<double> z, ReadOnlySpan<double> level, double a, double b, Span<double> destination)
    {
        int i = 0;
        int n = z.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            var one = Vector512.Create(1.0);
            for (; i + 8 <= n; i += 8)
            {
                var e = Vector512.Exp(Vector512.FusedMultiplyAdd(Vector512.Create(z.Slice(i, 8)), va, vb));
                ((one + Vector512.Create(level.Slice(i, 8))) * e - one).CopyTo(destination[i..]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            var one = Vector256.Create(1.0);
            for (; i + 4 <= n; i += 4)
            {
                var e = Vector256.Exp(Vector256.FusedMultiplyAdd(Vector256.Create(z.Slice(i, 4)), va, vb));
                ((one + Vector256.Create(level.Slice(i, 4))) * e - one).CopyTo(destination[i..]);
            }
        }
        for (; i < n; i++) destination[i] = (1 + level[i]) * Math.Exp(Math.FusedMultiplyAdd(z[i], a, b)) - 1;
    }
}
