using System.Runtime.Intrinsics;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Randomness;

public class LaneGeneratorTests
{
    [Fact]
    public void EachLane_IsTheScalarXoshiro_SeededBySplitMixFromOneParentOutput()
    {
        var parent = Xoshiro256StarStar.FromSeed(42);
        var copy = parent;
        var lanes = Xoshiro256x8.Split(ref parent);
        var scalar = new Xoshiro256StarStar[8];
        for (int lane = 0; lane < 8; lane++)
        {
            ulong sm = copy.NextUInt64();
            scalar[lane] = Xoshiro256StarStar.FromState(SplitMix64.Next(ref sm), SplitMix64.Next(ref sm), SplitMix64.Next(ref sm), SplitMix64.Next(ref sm));
        }
        Assert.Equal(copy.NextUInt64(), parent.NextUInt64());
        for (int step = 0; step < 100; step++)
        {
            var v = lanes.Next();
            for (int lane = 0; lane < 8; lane++) Assert.Equal(scalar[lane].NextUInt64(), v.GetElement(lane));
        }
    }

    [Fact]
    public void FillOpenUniform_DependsOnlyOnStreamAndLength_AndStaysInsideTheOpenInterval()
    {
        var a = new double[1001];
        var b = new double[1001];
        StreamKey.Derive(3, 5, StreamKey.Of("u")).FillOpenUniform(a);
        StreamKey.Derive(3, 5, StreamKey.Of("u")).FillOpenUniform(b);
        Assert.Equal(a, b);
        Assert.All(a, x => Assert.True(x > 0 && x < 1));
    }

    /// <summary>
    /// Pearson's chi-square over 100 equiprobable cells of N(0, 1) for 4 million ziggurat draws: 99 degrees
    /// of freedom, so the statistic's mean is 99 and sd √198 ≈ 14; 99 + 5·14 = 169 fails with probability
    /// about 1e-7 under a correct sampler, while a wedge or tail off by 1% of its tiny mass already moves it.
    /// </summary>
    [Fact]
    public void ZigguratDraws_PassChiSquare_OnOneHundredEquiprobableCells()
    {
        const int n = 4_000_000, cells = 100;
        var draws = new double[n];
        var stream = StreamKey.Derive(11, 0, StreamKey.Of("ziggurat"));
        for (int i = 0; i < n; i += 1000) stream.FillStandardNormal(draws.AsSpan(i, 1000));
        var counts = new long[cells];
        foreach (double z in draws) counts[Math.Min(cells - 1, (int)(StandardNormal.Cdf(z) * cells))]++;
        double expected = (double)n / cells;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 99 + 5 * Math.Sqrt(2 * 99));
    }

    [Fact]
    public void ZigguratLayers_BuiltFromRAndV_TileTheAreaUpToThePeak()
    {
        // 1,024 layers of area V each: the last one must end at f(0) = 1; a wrong R or V misses it by far more.
        Assert.Equal(1.0, Ziggurat.TopOfLayers, 1e-9);
    }

    [Fact]
    public void ZigguratTail_BeyondTheLastLayer_HasTheNormalMass()
    {
        // R = 4.038849846109505 is where the 1,024-layer ziggurat switches to Marsaglia's tail method.
        const int n = 8_000_000;
        const double r = 4.038849846109505;
        var draws = new double[n];
        StreamKey.Derive(12, 0, StreamKey.Of("tail")).FillStandardNormal(draws);
        double p = 2 * StandardNormal.Cdf(-r);
        double observed = draws.Count(z => Math.Abs(z) > r) / (double)n;
        double se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(observed, p - 4 * se, p + 4 * se);
        // Beyond 4: P = 2Φ(−4) = 6.334e-5.
        double p4 = 2 * StandardNormal.Cdf(-4);
        double observed4 = draws.Count(z => Math.Abs(z) > 4) / (double)n;
        Assert.InRange(observed4, p4 - 4 * Math.Sqrt(p4 / n), p4 + 4 * Math.Sqrt(p4 / n));
    }
}
