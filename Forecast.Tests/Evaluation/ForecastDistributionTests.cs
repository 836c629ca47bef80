using Forecast.Engine.Evaluation;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Evaluation;

/// <summary>
/// The stored distribution's scores against closed forms. Built here from exact quantiles (no Monte Carlo), so the only error
/// is the representation: a quantile function linear between 1,000 mid-points and the extremes.
/// </summary>
public class ForecastDistributionTests
{
    /// <summary>A normal N(μ, σ²) stored on the grid, its extremes at the 10⁻⁵ and 1 − 10⁻⁵ quantiles (about what a run of 100,000 paths sees).</summary>
    internal static ForecastDistribution NormalOnGrid(double mu, double sigma) =>
        new(Normal.InvCDF(mu, sigma, 1e-5), Normal.InvCDF(mu, sigma, 1 - 1e-5), mu,
            ForecastDistribution.GridProbabilities().Select(p => Normal.InvCDF(mu, sigma, p)).ToArray());

    /// <summary>CRPS of N(μ, σ²) at y (Gneiting, Raftery, Westveld and Goldman 2005, eq. 5): σ[z(2Φ(z) − 1) + 2φ(z) − 1/√π], z = (y − μ)/σ.</summary>
    internal static double NormalCrps(double mu, double sigma, double y)
    {
        double z = (y - mu) / sigma;
        return sigma * (z * (2 * Normal.CDF(0, 1, z) - 1) + 2 * Normal.PDF(0, 1, z) - 1 / Math.Sqrt(Math.PI));
    }

    /// <summary>
    /// The representation's error bound, in units of σ. Inside the grid, linear interpolation between points h = 0.001 apart
    /// is off by at most h²/8·|Q''(p)| (2·10⁻⁵σ at p = 0.05, less nearer the centre), weighted by at most 1 in the quantile
    /// score: negligible. The two tails beyond the first and last mid-points (0.05% each) are straight lines to the extremes,
    /// off by at most 0.0005·|Q(0.0005) − Q(10⁻⁵)| ≈ 0.0005·0.97σ each, counted twice by the CRPS's factor 2: 2·10⁻³σ in all.
    /// </summary>
    private const double RepresentationError = 2e-3;

    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.0, 1.0, 0.7)]
    [InlineData(0.0, 1.0, -2.5)]
    [InlineData(0.0, 1.0, 4.0)]
    [InlineData(482, 53, 600)]
    [InlineData(2.59, 0.4, 1.9)]
    public void Crps_MatchesTheNormalClosedForm(double mu, double sigma, double y)
    {
        var f = NormalOnGrid(mu, sigma);
        Assert.Equal(NormalCrps(mu, sigma, y), f.Crps(y), RepresentationError * sigma);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(482, 53)]
    public void ExpectedCrps_IsSigmaOverRootPi_ForANormal(double mu, double sigma)
    {
        // E CRPS(F, Y) = ½E|X − X'| = σ/√π for Y, X, X' ~ N(μ, σ²).
        Assert.Equal(sigma / Math.Sqrt(Math.PI), NormalOnGrid(mu, sigma).ExpectedCrps, RepresentationError * sigma);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Crps_IsExact_ForAUniformWhoseQuantileFunctionIsLinear(double y)
    {
        // U(0, 1): CRPS(y) = ∫₀^y x² dx + ∫_y^1 (1 − x)² dx = y³/3 + (1 − y)³/3; the stored quantile function is exact here.
        var f = new ForecastDistribution(0, 1, 0.5, ForecastDistribution.GridProbabilities());
        Assert.Equal(Math.Pow(y, 3) / 3 + Math.Pow(1 - y, 3) / 3, f.Crps(y), 1e-12);
        Assert.Equal(1.0 / 6, f.ExpectedCrps, 1e-12);   // ½E|X − X'| = ½·⅓
    }

    [Fact]
    public void Crps_OfAPointMass_IsTheAbsoluteError()
    {
        var f = new ForecastDistribution(5, 5, 5, Enumerable.Repeat(5.0, ForecastDistribution.GridPoints).ToArray());
        Assert.Equal(2.0, f.Crps(7), 1e-12);
        Assert.Equal(0.0, f.Crps(5), 1e-12);
        Assert.Equal(0.0, f.ExpectedCrps, 1e-12);
        Assert.Equal(new Pit(0, 1), f.PitOf(5));   // the observation is the atom: the PIT could be anything
        Assert.Equal(new Pit(1, 1), f.PitOf(6));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.0)]
    [InlineData(2.4)]
    public void IntervalScore_MatchesItsDefinition_WithNormalQuantiles(double y)
    {
        // (u − l) + (2/α)(l − y)1{y < l} + (2/α)(y − u)1{y > u}, l and u the 5% and 95% quantiles (Gneiting and Raftery 2007).
        var f = NormalOnGrid(0, 1);
        double l = Normal.InvCDF(0, 1, 0.05), u = Normal.InvCDF(0, 1, 0.95);
        double expected = u - l + 20 * (Math.Max(0, l - y) + Math.Max(0, y - u));
        // Only the interpolated quantiles at 0.05 and 0.95 are off (≤ h²/8·|Q''(0.05)| = 2·10⁻⁵ each), and the penalty
        // multiplies them by 2/α = 20: at most 2·(1 + 20)·2·10⁻⁵ < 10⁻³.
        Assert.Equal(expected, f.IntervalScore(y, 0.1), 1e-3);
    }

    [Theory]
    [InlineData(0.0005)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.975)]
    public void Cdf_InvertsTheQuantileFunction(double p)
    {
        var f = NormalOnGrid(10, 2);
        var (below, atOrBelow) = f.Cdf(f.Quantile(p));
        Assert.Equal(p, below, 1e-12);
        Assert.Equal(p, atOrBelow, 1e-12);
    }

    [Fact]
    public void Cdf_ReturnsTheJump_AtAnAtomOfACount()
    {
        // Poisson(3) stored on the grid: a staircase whose flats are the atoms.
        var q = ForecastDistribution.GridProbabilities().Select(PoissonQuantile).ToArray();
        var f = new ForecastDistribution(0, 12, 3, q);
        var (below, atOrBelow) = f.Cdf(3);
        // P(X < 3) = F(2) and P(X ≤ 3) = F(3), to the grid's resolution (a flat ends within one grid step of the jump).
        Assert.Equal(Poisson.CDF(3, 2), below, 1.0 / ForecastDistribution.GridPoints);
        Assert.Equal(Poisson.CDF(3, 3), atOrBelow, 1.0 / ForecastDistribution.GridPoints);
        var pit = f.PitOf(3);
        Assert.False(pit.IsPoint);
        Assert.Equal((below + atOrBelow) / 2, pit.Mid, 1e-12);
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ p for X ~ Poisson(3).</summary>
    private static double PoissonQuantile(double p)
    {
        int k = 0;
        while (Poisson.CDF(3, k) < p) k++;
        return k;
    }

    [Fact]
    public void Constructor_RefusesAQuantileFunctionThatDecreases()
    {
        var q = ForecastDistribution.GridProbabilities();
        q[500] = 0.1;
        Assert.Throws<ArgumentException>(() => new ForecastDistribution(0, 1, 0.5, q));
        Assert.Throws<ArgumentException>(() => new ForecastDistribution(0, 1, 0.5, new double[10]));
    }

    [Fact]
    public void PitShare_SpreadsAnIntervalEvenly_AndAPointWhole()
    {
        var interval = new Pit(0.25, 0.75);
        Assert.Equal(0.2, interval.Share(0.3, 0.4), 1e-12);
        Assert.Equal(0.1, interval.Share(0.2, 0.3), 1e-12);
        Assert.Equal(1.0, new Pit(1, 1).Share(0.9, 1.0));   // the last bin holds 1
        Assert.Equal(0.0, new Pit(0.95, 0.95).Share(0.8, 0.9));
    }
}
