using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Randomness;

public class GeneratorTests
{
    [Fact]
    public void Xoshiro256StarStar_ReproducesTheReferenceOutputs_FromStateOneTwoThreeFour()
    {
        // Reference implementation xoshiro256starstar.c (Blackman and Vigna) with s = {1, 2, 3, 4}.
        var g = Xoshiro256StarStar.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, g.NextUInt64());
        Assert.Equal(0UL, g.NextUInt64());
        Assert.Equal(1509978240UL, g.NextUInt64());
        Assert.Equal(1215971899390074240UL, g.NextUInt64());
    }

    [Fact]
    public void SplitMix64_ReproducesTheReferenceOutputs_FromSeedZero()
    {
        // splitmix64.c (Vigna) seeded with 0: first outputs.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void KeyedStreams_Differ_ByBlockAndByKey_AndRepeat_ForTheSameTriple()
    {
        ulong a = StreamKey.Derive(1, 0, StreamKey.Of("driver:a")).NextUInt64();
        Assert.Equal(a, StreamKey.Derive(1, 0, StreamKey.Of("driver:a")).NextUInt64());
        Assert.NotEqual(a, StreamKey.Derive(1, 1, StreamKey.Of("driver:a")).NextUInt64());
        Assert.NotEqual(a, StreamKey.Derive(1, 0, StreamKey.Of("driver:b")).NextUInt64());
        Assert.NotEqual(a, StreamKey.Derive(2, 0, StreamKey.Of("driver:a")).NextUInt64());
    }

    [Fact]
    public void StandardNormalDraws_MatchPhi_AtEveryDecile_WithinFourStandardErrors()
    {
        const int n = 1_000_000;
        var draws = new double[n];
        StreamKey.Derive(9, 0, StreamKey.Of("normal-test")).FillStandardNormal(draws);
        foreach (double z in new[] { -2.326, -1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816, 2.326 })
        {
            double expected = StandardNormal.Cdf(z);
            double observed = draws.Count(x => x <= z) / (double)n;
            Assert.InRange(observed, expected - 4 * Math.Sqrt(expected * (1 - expected) / n), expected + 4 * Math.Sqrt(expected * (1 - expected) / n));
        }
        double mean = draws.Average();
        double variance = draws.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        Assert.InRange(mean, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));
        // Var of the sample variance of N(0,1) is 2/(n−1).
        Assert.InRange(variance, 1 - 4 * Math.Sqrt(2.0 / (n - 1)), 1 + 4 * Math.Sqrt(2.0 / (n - 1)));
    }

    [Fact]
    public void OpenUniforms_NeverTouchZeroOrOne()
    {
        var g = Xoshiro256StarStar.FromState(0, 0, 0, 1);
        var u = new double[100_000];
        g.FillOpenUniform(u);
        Assert.All(u, x => Assert.True(x > 0 && x < 1));
    }
}
