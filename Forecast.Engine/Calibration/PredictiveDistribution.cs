using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Calibration;

/// <summary>
/// A forecast of one year's value: x = f(location + scale·T) where T is Student t with
/// <see cref="DegreesOfFreedom"/> (standard normal when infinite) and f is the identity or exp
/// (see <see cref="Kind"/>). Optional bounds clip quantiles (shares stay within 0..100).
/// </summary>
/// <param name="Year">The forecast year.</param>
/// <param name="Location">Centre on the <paramref name="Kind"/> scale.</param>
/// <param name="Scale">Spread on the <paramref name="Kind"/> scale (≥ 0), or NaN when no interval is available.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of T (&gt; 0); <see cref="double.PositiveInfinity"/> for normal.</param>
/// <param name="Kind">Level or log scale.</param>
/// <param name="LowerBound">Lowest possible value (quantiles are clipped), or −∞.</param>
/// <param name="UpperBound">Highest possible value (quantiles are clipped), or +∞.</param>
public sealed record PredictiveDistribution(
    int Year,
    double Location,
    double Scale,
    double DegreesOfFreedom,
    PredictiveScale Kind,
    double LowerBound = double.NegativeInfinity,
    double UpperBound = double.PositiveInfinity)
{
    /// <summary>True when quantiles other than the median are available.</summary>
    public bool HasInterval => double.IsFinite(Scale) && Scale >= 0 && double.IsFinite(Location);

    /// <summary>The median forecast.</summary>
    public double Median => Transform(Location);

    /// <summary>The p-quantile, 0 &lt; p &lt; 1; NaN when no interval is available (except p = 0.5).</summary>
    public double Quantile(double p)
    {
        if (p is <= 0 or >= 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile level must lie strictly between 0 and 1.");
        }
        if (p == 0.5)
        {
            return Median;
        }
        if (!HasInterval)
        {
            return double.NaN;
        }
        double z = double.IsPositiveInfinity(DegreesOfFreedom)
            ? Normal.InvCDF(0, 1, p)
            : StudentT.InvCDF(0, 1, DegreesOfFreedom, p);
        return Transform(Location + Scale * z);
    }

    /// <summary>Central prediction interval of probability <paramref name="level"/> (e.g. 0.9).</summary>
    public (double Lower, double Upper) Interval(double level)
    {
        if (level is <= 0 or >= 1 || double.IsNaN(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "An interval level must lie strictly between 0 and 1.");
        }
        double tail = (1 - level) / 2;
        return (Quantile(tail), Quantile(1 - tail));
    }

    private double Transform(double u)
    {
        double x = Kind == PredictiveScale.Log ? Math.Exp(u) : u;
        return Math.Clamp(x, LowerBound, UpperBound);
    }
}
