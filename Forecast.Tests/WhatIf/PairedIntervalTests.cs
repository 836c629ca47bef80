using FsCheck;
using FsCheck.Fluent;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;

namespace Forecast.Tests.WhatIf;

/// <summary>The paired difference of two proportions (<see cref="PairedProportionDifference"/>) and sectioning intervals.</summary>
public class PairedIntervalTests
{
    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Variance_IsTheVarianceOfThePerPathDifferenceOverN()
    {
        // D_i = +1 on gained paths, −1 on lost ones, 0 elsewhere: Var(d̂) = Var(D)/n with the 1/n (plug-in) variance of D.
        var gen = Gen.Choose(0, 300).Zip(Gen.Choose(0, 300)).Zip(Gen.Choose(1, 500));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ((gained, lost), agree) = t;
            int n = gained + lost + agree;
            double[] d = [.. Enumerable.Repeat(1.0, gained), .. Enumerable.Repeat(-1.0, lost), .. Enumerable.Repeat(0.0, agree)];
            double mean = d.Average();
            double direct = d.Sum(x => (x - mean) * (x - mean)) / n / n;
            return Math.Abs(PairedProportionDifference.Variance(gained, lost, n) - direct) <= 1e-15 + 1e-12 * direct
                && PairedProportionDifference.Estimate(gained, lost, n) == (double)(gained - lost) / n;
        });
    }

    [Fact]
    public void Interval_CoversTheTrueDifference_AtTheNominalRate_ForPairedBernoulliOutcomes()
    {
        // Paths are independent; each is gained with g = 0.06, lost with l = 0.03. True difference g − l = 0.03.
        // 2000 replicates of n = 2000: the coverage's own standard error is √(0.95·0.05/2000) = 0.0049; allow 3 of them.
        const int replicates = 2000, n = 2000;
        const double g = 0.06, l = 0.03;
        var rng = Xoshiro256StarStar.FromSeed(20_250_801);
        int covered = 0;
        for (int r = 0; r < replicates; r++)
        {
            long gained = 0, lost = 0;
            for (int i = 0; i < n; i++)
            {
                double u = rng.NextDouble();
                if (u < g) gained++;
                else if (u < g + l) lost++;
            }
            if (PairedProportionDifference.Interval(gained, lost, n).Contains(g - l)) covered++;
        }
        double coverage = (double)covered / replicates;
        Assert.InRange(coverage, 0.95 - 3 * 0.0049, 0.95 + 3 * 0.0049);
    }

    [Fact]
    public void Interval_IsMuchNarrowerThanTheUnpairedInterval_WhenMostPathsAgree()
    {
        // p1 = 0.40, p2 = 0.43 on 10,000 paths, differing on 300 paths only.
        const long n = 10_000, gained = 300, lost = 0;
        double paired = PairedProportionDifference.Interval(gained, lost, n).HalfWidth;
        double unpaired = WilsonInterval.Z95 * Math.Sqrt(0.40 * 0.60 / n + 0.43 * 0.57 / n);
        Assert.True(paired < unpaired / 3, $"paired half-width {paired}, unpaired {unpaired}");
    }

    [Fact]
    public void Interval_IsTheSinglePointZero_WhenNoPathIsDiscordant()
    {
        var ci = PairedProportionDifference.Interval(0, 0, 5000);
        Assert.Equal(new Forecast.Engine.Statistics.Interval(0, 0), ci);
    }

    [Fact]
    public void Sectioning_IsTheStudentIntervalAroundTheAllPathsEstimate()
    {
        // Sections 1, 2, 3, 4 around an all-paths estimate of 2.5: s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3,
        // half-width t_{3, 0.975}·s/2 = 3.182446305·1.290994449/2 = 2.054260.
        var ci = Sectioning.Interval(2.5, [1, 2, 3, 4]);
        Assert.Equal(2.5 - 2.054260, ci.Lower, 5);
        Assert.Equal(2.5 + 2.054260, ci.Upper, 5);
    }
}
