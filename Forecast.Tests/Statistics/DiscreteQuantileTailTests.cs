using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Statistics;

/// <summary>
/// Count draws at uniforms so close to 1 that the CDF summed in double precision never reaches them: the walk stops
/// where the CDF can no longer grow, in the far tail, instead of walking on through subnormal terms (minutes for one
/// draw) or returning a value that is no quantile at all.
/// </summary>
public class DiscreteQuantileTailTests
{
    /// <summary>The largest double below 1, and uniforms just short of it.</summary>
    public static TheoryData<double> TopUniforms => new() { 1 - 1.1102230246251565e-16, 1 - 3e-16, 1 - 1e-14, 1 - 1e-12 };

    [Theory]
    [MemberData(nameof(TopUniforms))]
    public void Poisson_NearOne_StopsInTheFarTail_NotAtTwiceTheMean(double u)
    {
        // Before: F(mode) from the incomplete gamma function left the CDF 2.5e-12 short of 1 and a draw above it
        // returned 2,000,000 (where the subnormal terms finally rounded to 0).
        int k = DiscreteQuantile.Poisson(u, 1e6);
        Assert.InRange(k, 1_000_000 + 6 * 1000, 1_000_000 + 10 * 1000);
    }

    [Theory]
    [MemberData(nameof(TopUniforms))]
    public void NegativeBinomial_WithATinyDispersion_NearOne_EndsInTheTail_NotAtTheLargestInt(double u)
    {
        // Before: 2,147,483,646 after two minutes of walking (the subnormal terms times 0.9999 never rounded to 0).
        int k = DiscreteQuantile.NegativeBinomial(u, 100, 0.01);
        double p = 0.01 / 100.01;
        Assert.InRange(k, 1, 1_000_000);
        Assert.True(1 - NegativeBinomial.CDF(0.01, p, k) < 1e-11, $"{k} is not in the far tail");
    }

    [Fact]
    public void NegativeBinomial_WithAHugeMeanAndDispersion30_NearOne_EndsNearTheQuantile()
    {
        // The case behind the hang (a certification count drawn around 10^8): sd 1.8e7, so the tail quantile
        // lies some ten standard deviations above the mean, within the int range.
        int k = DiscreteQuantile.NegativeBinomial(1 - 1e-14, 1e7, 30);
        Assert.InRange(k, 1e7 + 5 * 1.83e6, 1e7 + 15 * 1.83e6);
    }
}
