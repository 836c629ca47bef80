using System.Runtime.Intrinsics;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;
using MathNet.Numerics;

namespace Forecast.Tests.Statistics;

/// <summary>
/// The batched negative binomial starts and the four-lane incomplete beta function against their oracles, to the bit:
/// the one-lane <see cref="DiscreteQuantile.NegativeBinomialStart"/> and MathNet's <c>SpecialFunctions.BetaRegularized</c>.
/// A start that differed in its last bit could move a draw, so equality, not closeness, is the test.
/// </summary>
public class DiscreteQuantileLanesTests
{
    [Theory]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(0.7)]
    [InlineData(3)]
    [InlineData(1000)]
    public void NegativeBinomialStarts_EqualEachLanesOwnStart_ToTheBit(double dispersion)
    {
        // Means from 0 to ~20,000 on a log scale (narrow, summed and wide counts), in blocks of 1,024 lanes of which
        // every third is skipped, as a structure's lanes skip the paths of the other structures.
        var rng = Xoshiro256StarStar.FromSeed(12);
        var means = new double[1024];
        var lanes = Enumerable.Range(0, 1024).Where(i => i % 3 != 1).ToArray();
        for (int block = 0; block < 40; block++)
        {
            for (int i = 0; i < means.Length; i++) means[i] = i % 97 == 0 ? 0 : Math.Exp(10 * rng.NextOpenDouble() - 0.5);
            var starts = new DiscreteStart[1024];
            DiscreteQuantile.NegativeBinomialStarts(means, dispersion, lanes, starts);
            foreach (int i in lanes)
            {
                var expected = DiscreteQuantile.NegativeBinomialStart(means[i], dispersion);
                Assert.Equal(expected.K, starts[i].K);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Pmf), BitConverter.DoubleToInt64Bits(starts[i].Pmf));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Cdf), BitConverter.DoubleToInt64Bits(starts[i].Cdf));
            }
            for (int i = 1; i < 1024; i += 3) Assert.Equal(default, starts[i]);
        }
    }

    [Fact]
    public void NegativeBinomialStarts_WithFewerWideLanesThanFour_EqualEachLanesOwnStart()
    {
        double[] means = [10, 5000, 2, 800, 0, 3000];
        for (int n = 1; n <= means.Length; n++)
        {
            var starts = new DiscreteStart[means.Length];
            var lanes = Enumerable.Range(0, n).ToArray();
            DiscreteQuantile.NegativeBinomialStarts(means, 30, lanes, starts);
            foreach (int i in lanes) Assert.Equal(DiscreteQuantile.NegativeBinomialStart(means[i], 30), starts[i]);
        }
    }

    [Fact]
    public void BetaRegularized4_EqualsMathNet_ToTheBit_OnBothSidesOfTheSymmetry()
    {
        var rng = Xoshiro256StarStar.FromSeed(7);
        var a = new double[4];
        var b = new double[4];
        var x = new double[4];
        var bt = new double[4];
        for (int round = 0; round < 50_000; round++)
        {
            for (int j = 0; j < 4; j++)
            {
                a[j] = Math.Exp(9 * rng.NextOpenDouble() - 2);
                b[j] = round % 2 == 0 ? Math.Floor(Math.Exp(9 * rng.NextOpenDouble())) + 1 : Math.Exp(9 * rng.NextOpenDouble() - 2);
                x[j] = rng.NextOpenDouble();
                bt[j] = Math.Exp(SpecialFunctions.GammaLn(a[j] + b[j]) - SpecialFunctions.GammaLn(a[j]) - SpecialFunctions.GammaLn(b[j])
                    + (a[j] * Math.Log(x[j])) + (b[j] * Math.Log(1.0 - x[j])));
            }
            var got = DiscreteQuantile.BetaRegularized4(Vector256.Create(a), Vector256.Create(b), Vector256.Create(x), Vector256.Create(bt));
            for (int j = 0; j < 4; j++)
            {
                double expected = SpecialFunctions.BetaRegularized(a[j], b[j], x[j]);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(got[j]),
                    $"I_{x[j]:R}({a[j]:R}, {b[j]:R}): {got[j]:R}, MathNet {expected:R}");
            }
        }
    }
}
