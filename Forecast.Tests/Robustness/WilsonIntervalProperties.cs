using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Robustness;

/// <summary>The Wilson interval of k successes in n trials always holds p̂ = k/n and stays in [0, 1], for every n and k.</summary>
public class WilsonIntervalProperties
{
    [Property(MaxTest = 1000)]
    public Property Interval_ContainsTheEstimate_AndStaysInZeroOne() =>
        Prop.ForAll(Arb.From(
            from n in Gen.OneOf(Gen.Choose(1, 100), Gen.Choose(1, 10_000_000))
            from k in Gen.OneOf(Gen.Constant(0), Gen.Constant(n), Gen.Choose(0, n))
            select (n, k)), c =>
        {
            var (n, k) = c;
            var ci = WilsonInterval.Of(k, n);
            double p = (double)k / n;
            Assert.True(ci.Lower >= 0 && ci.Upper <= 1 && ci.Contains(p), $"{k}/{n} = {p:R} against [{ci.Lower:R}, {ci.Upper:R}]");
        });

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 10)]
    [InlineData(17, 17)]
    public void NoSuccessesOrAllSuccesses_GiveAnIntervalThatEndsExactlyAtZeroOrOne(long k, long n)
    {
        // Computed naively, 0/5 gave [2.8e-17, 0.434] and 5/5 gave [0.566, 0.9999999999999999].
        var ci = WilsonInterval.Of(k, n);
        Assert.Equal(k == 0 ? 0.0 : 1.0, k == 0 ? ci.Lower : ci.Upper);
    }
}
