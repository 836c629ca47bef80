using System.Runtime.Intrinsics;
using Forecast.Engine.Statistics;
using Xunit;

namespace Forecast.Tests.Statistics;

public class VectorMathTests
{
    /// <summary>Distance in units in the last place between two positive finite doubles.</summary>
    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Theory]
    [InlineData(-1.0, 1.0)]
    [InlineData(-708.0, 708.0)]
    [InlineData(-0.4, 0.4)]
    public void Exp_IsWithinTwoUlpOfMathExp_Everywhere_InTheRange(double from, double to)
    {
        var random = new Random(7);
        long worst = 0;
        Span<double> lanes = stackalloc double[8];
        for (int n = 0; n < 200_000; n++)
        {
            for (int j = 0; j < 8; j++) lanes[j] = from + (to - from) * random.NextDouble();
            var e = VectorMath.Exp(Vector512.Create<double>(lanes));
            for (int j = 0; j < 8; j++) worst = Math.Max(worst, Ulps(e.GetElement(j), Math.Exp(lanes[j])));
        }
        Assert.InRange(worst, 0, 2);
    }

    [Fact]
    public void Exp_OfExactPowersOfTwoAndZero_IsExact()
    {
        var e = VectorMath.Exp(Vector512.Create(0.0, Math.Log(2), -Math.Log(2), 10 * Math.Log(2), 0, 0, 0, 0));
        Assert.Equal(1.0, e.GetElement(0));
        Assert.Equal(2.0, e.GetElement(1), 15);
        Assert.Equal(0.5, e.GetElement(2), 15);
        Assert.Equal(1024.0, e.GetElement(3), 12);
    }

    [Fact]
    public void Exp_BeyondTheRange_AgreesWithMathExp_LaneByLane_IncludingOverflowUnderflowAndNaN()
    {
        double[] x = [709.5, 710, -744, -746, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.5];
        var e = VectorMath.Exp(Vector512.Create<double>(x));
        for (int j = 0; j < 8; j++) Assert.Equal(Math.Exp(x[j]), e.GetElement(j));
    }

    [Fact]
    public void GrowthAffine_WithShocksBeyondTheExpRange_OrNaN_AgreesWithTheScalarFormula()
    {
        double[] z = [1, 2e4, -2e4, double.NaN, 0.5, -1, 3, 1e5, 0.1, 0.2];
        var level = Enumerable.Repeat(0.05, z.Length).ToArray();
        var value = new double[z.Length];
        VectorMath.GrowthAffine(z, level, 0.05, -0.00125, value);
        for (int i = 0; i < z.Length; i++)
        {
            double expected = (1 + level[i]) * Math.Exp(0.05 * z[i] - 0.00125) - 1;
            if (double.IsFinite(expected)) Assert.Equal(expected, value[i], 1e-14);
            else Assert.Equal(expected, value[i]);
        }
    }

    [Fact]
    public void GrowthAffine_IsOnePlusLevelTimesExpOfTheAffineShock_MinusOne_ForEveryLength()
    {
        var random = new Random(3);
        foreach (int n in new[] { 0, 1, 7, 8, 9, 1024, 1023 })
        {
            var z = Enumerable.Range(0, n).Select(_ => 6 * random.NextDouble() - 3).ToArray();
            var level = Enumerable.Range(0, n).Select(_ => 0.2 * random.NextDouble() - 0.05).ToArray();
            var value = new double[n];
            VectorMath.GrowthAffine(z, level, 0.05, -0.00125, value);
            for (int i = 0; i < n; i++)
            {
                double expected = (1 + level[i]) * Math.Exp(0.05 * z[i] - 0.00125) - 1;
                Assert.Equal(expected, value[i], 1e-14);
            }
        }
    }

    [Fact]
    public void Exp_IsTheSameFunction_AtEveryWidth_BitForBit()
    {
        // The scalar, 256-bit and 512-bit versions do the same operations in the same order, so a machine without
        // AVX-512 (or without AVX2) draws the same paths: checked over the whole range, edges included.
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(11);
        for (int t = 0; t < 200_000; t++)
        {
            double x = t < 8 ? new[] { -708.0, 708, 0, -0.0, 1e-300, -1e-300, 0.34657359027997264, -0.34657359027997264 }[t] : (g.NextDouble() - 0.5) * 1416;
            double scalar = VectorMath.Exp(x);
            double wide = VectorMath.ExpInRange(System.Runtime.Intrinsics.Vector512.Create(x)).GetElement(0);
            double mid = VectorMath.ExpInRange(System.Runtime.Intrinsics.Vector256.Create(x)).GetElement(0);
            // The pair version (GrowthAffine's: no clamp, p·2ⁿ by vscalefpd where AVX-512 has it), in either of its lanes.
            var (first, second) = VectorMath.ExpInRangeTwo(System.Runtime.Intrinsics.Vector512.Create(x), System.Runtime.Intrinsics.Vector512.Create(-x));
            double pair = first.GetElement(t % 8), mirrored = second.GetElement(t % 8);
            Assert.True(BitConverter.DoubleToInt64Bits(scalar) == BitConverter.DoubleToInt64Bits(wide) && BitConverter.DoubleToInt64Bits(scalar) == BitConverter.DoubleToInt64Bits(mid)
                && BitConverter.DoubleToInt64Bits(scalar) == BitConverter.DoubleToInt64Bits(pair) && BitConverter.DoubleToInt64Bits(VectorMath.Exp(-x)) == BitConverter.DoubleToInt64Bits(mirrored),
                $"exp({x:R}): scalar {scalar:R}, 512-bit {wide:R}, 256-bit {mid:R}, pair {pair:R}, exp(-x) pair {mirrored:R}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WholeCounts_IsMathMaxOfZeroAndMathRound_BitForBit_WithTiesNaNAndSignedZeros(bool add)
    {
        // The vector pass (whichever width the machine has; the CI legs run it without AVX-512 and without SIMD) must give
        // the scalar Math.Max(0, Math.Round(v)) to the bit: ties to even, NaN kept, −0 and −0.4 become +0.
        double[] special = [double.NaN, -0.0, 0.0, -0.4, 0.5, 1.5, 2.5, -1.5, 0.49999999999999994, 4503599627370497, 1e300,
            double.PositiveInfinity, double.NegativeInfinity, 12.5, 13.5, -7, 3.2];
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(5);
        var v = special.Concat(Enumerable.Range(0, 1000).Select(_ => 400 * g.NextDouble() - 20)).ToArray();
        var start = v.Select((_, i) => i % 3 == 0 ? -0.0 : i * 0.25).ToArray();
        var destination = (double[])start.Clone();
        VectorMath.WholeCounts(v, destination, add);
        for (int i = 0; i < v.Length; i++)
        {
            double count = Math.Max(0, Math.Round(v[i]));
            double expected = add ? start[i] + count : count;
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(destination[i]),
                $"v = {v[i]:R}: expected {expected:R}, got {destination[i]:R}");
        }
    }
}
