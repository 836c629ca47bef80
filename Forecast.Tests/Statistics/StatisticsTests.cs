using FsCheck;
using FsCheck.Fluent;
using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Statistics;

public class StatisticsTests
{
    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872, Table I, method 3 (Wilson score).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    public void WilsonInterval_MatchesNewcombesPublishedValues(int successes, int trials, double lower, double upper)
    {
        var ci = WilsonInterval.Of(successes, trials);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }

    [Fact]
    public void StandardNormalCdf_AgreesWithMathNet_ToNearDoublePrecision()
    {
        for (double z = -38; z <= 9; z += 0.01)
        {
            double expected = Normal.CDF(0, 1, z);
            double actual = StandardNormal.Cdf(z);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 + 1e-12 * expected, $"z = {z}: {actual} vs {expected}");
        }
        Assert.Equal(0.5, StandardNormal.Cdf(0));
    }

    [Fact]
    public void StandardNormalCdf_OfASpan_EqualsTheScalarFunction_BitForBit_InEveryBranch()
    {
        // Central (|z| ≤ 0.674), tail (to √32), beyond √32 (scalar fallback) and NaN, mixed within groups of eight.
        var z = new List<double>();
        for (double v = -9; v <= 9; v += 0.0037) z.Add(v);
        z.AddRange([6.0, 0.1, -0.2, 0.3, double.NaN, 1.5, -38, 0.67448975]);
        var x = z.ToArray();
        var actual = new double[x.Length + 3];
        StandardNormal.Cdf(x, actual);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = StandardNormal.Cdf(x[i]);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual[i]));
            else Assert.True(BitConverter.DoubleToInt64Bits(actual[i]) == BitConverter.DoubleToInt64Bits(expected), $"z = {x[i]}: {actual[i]:R} vs {expected:R}");
        }
        Assert.Equal(0, actual[^1]);
    }

    [Theory]
    [InlineData("negbin", 480, 50)]     // the plan's invention grants: sd 71, F(mode) by the incomplete beta
    [InlineData("negbin", 2600, 0.7)]
    [InlineData("poisson", 5000, 0)]    // sd 71, incomplete gamma
    [InlineData("binomial", 20000, 0.3)] // sd 65, incomplete beta
    [InlineData("negbin", 100, 40)]     // sd 19, the pmf sum
    public void WideCountQuantiles_AreTheSmallestKWhoseCdfReachesU_OnAGridOfU(string family, double mean, double parameter)
    {
        for (int i = 1; i < 1000; i++)
        {
            double u = i / 1000.0;
            (int k, Func<int, double> cdf) = family switch
            {
                "negbin" => (DiscreteQuantile.NegativeBinomial(u, mean, parameter),
                    (Func<int, double>)(j => NegativeBinomial.CDF(parameter, parameter / (parameter + mean), j))),
                "poisson" => (DiscreteQuantile.Poisson(u, mean), j => Poisson.CDF(mean, j)),
                _ => (DiscreteQuantile.Binomial(u, (int)mean, parameter), j => Binomial.CDF(parameter, (int)mean, j)),
            };
            Assert.True(IsQuantile(k, u, cdf), $"{family}({mean}, {parameter}) at u = {u}: {k}");
        }
    }

    private static bool IsQuantile(int k, double u, Func<int, double> cdf) =>
        cdf(k) >= u * (1 - 1e-12) && (k == 0 || cdf(k - 1) < u * (1 + 1e-12));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property PoissonQuantile_IsTheSmallestKWhoseCdfReachesU()
    {
        var gen = Gen.Choose(1, 999_999).Select(i => i / 1e6).Zip(Gen.Elements(0.0, 0.3, 4.5, 29.9, 30.1, 60, 480, 2600, 10_000));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (u, lambda) = t;
            int k = DiscreteQuantile.Poisson(u, lambda);
            return lambda == 0 ? k == 0 : IsQuantile(k, u, j => Poisson.CDF(lambda, j));
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property NegativeBinomialQuantile_IsTheSmallestKWhoseCdfReachesU()
    {
        var gen = Gen.Choose(1, 999_999).Select(i => i / 1e6)
            .Zip(Gen.Elements(0.5, 12.0, 62.5, 490, 2600)).Zip(Gen.Elements(0.7, 5.0, 30, 100));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ((u, mean), r) = t;
            int k = DiscreteQuantile.NegativeBinomial(u, mean, r);
            double p = r / (r + mean);
            return IsQuantile(k, u, j => NegativeBinomial.CDF(r, p, j));
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property BinomialQuantile_IsTheSmallestKWhoseCdfReachesU()
    {
        var gen = Gen.Choose(1, 999_999).Select(i => i / 1e6)
            .Zip(Gen.Elements(1, 8, 100, 268, 600, 3000)).Zip(Gen.Elements(0.001, 0.05, 0.3, 0.5, 0.97, 0.999));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ((u, n), p) = t;
            int k = DiscreteQuantile.Binomial(u, n, p);
            // MathNet 5.0.0's Binomial.CDF is NaN at j = n, where the CDF is 1.
            return k >= 0 && k <= n && IsQuantile(k, u, j => j >= n ? 1 : Binomial.CDF(p, n, j));
        });
    }

    [Fact]
    public void BinomialQuantile_AtAKeptRate_IsTheSmallestKWhoseCdfReachesU_AsTheStockChanges()
    {
        // A stock's exits keep each path's BinomialRate (ln q, ln(1 − q), odds) from year to year while n changes.
        foreach (double q in new[] { 0.0213, 0.05, 0.0817, 0.93 })
        {
            var rate = BinomialRate.Of(q);
            foreach (int n in new[] { 3, 268, 611, 2374, 5987 })
                for (double u = 0.005; u < 1; u += 0.01)
                {
                    int k = DiscreteQuantile.Binomial(u, n, rate);
                    Assert.True(k >= 0 && k <= n && IsQuantile(k, u, j => j >= n ? 1 : Binomial.CDF(q, n, j)), $"Binomial({n}, {q}) at u = {u}: {k}");
                }
        }
    }

    [Fact]
    public void DiscreteQuantile_FromACachedStart_EqualsTheOneShotQuantile()
    {
        var start = DiscreteQuantile.NegativeBinomialStart(62.5, 30);
        var poissonStart = DiscreteQuantile.PoissonStart(480);
        for (double u = 0.0005; u < 1; u += 0.001)
        {
            Assert.Equal(DiscreteQuantile.NegativeBinomial(u, 62.5, 30), DiscreteQuantile.NegativeBinomial(u, 62.5, 30, start));
            Assert.Equal(DiscreteQuantile.Poisson(u, 480), DiscreteQuantile.Poisson(u, 480, poissonStart));
        }
    }
}
