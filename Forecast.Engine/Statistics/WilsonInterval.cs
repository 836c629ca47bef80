using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Statistics;

/// <summary>
/// The Wilson score interval for a binomial proportion (Wilson 1927): with p̂ = k/n and z the
/// normal quantile, centre (p̂ + z²/2n)/(1 + z²/n) and half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
/// Unlike the Wald interval it stays inside [0, 1] and keeps its coverage near 0 and 1.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The 97.5% normal quantile, for 95% intervals.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>The Wilson interval for <paramref name="successes"/> out of <paramref name="trials"/> at the given two-sided confidence.</summary>
    public static Interval Of(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return new Interval(0, 1);
        double z = confidence == 0.95 ? Z95 : Normal.InvCDF(0, 1, 0.5 + confidence / 2);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // At k = 0 the lower end is exactly 0 and at k = n the upper end exactly 1; computed, they round to 3e-17
        // and 1 − 1e-16 for many n, and the interval would miss p̂ itself.
        return new Interval(successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>
    /// Wilson's interval for an estimated proportion <paramref name="proportion"/> from an effective number of trials
    /// <paramref name="trials"/> (not necessarily whole: a survey's or a variance-reduced simulation's n_eff) and the
    /// quantile <paramref name="z"/> (a normal's, or Student's t for an estimated variance). Infinite trials: the point.
    /// </summary>
    public static Interval Of(double proportion, double trials, double z)
    {
        if (!(proportion >= 0 && proportion <= 1)) throw new ArgumentOutOfRangeException(nameof(proportion), proportion, "a proportion lies in [0, 1]");
        if (!(trials > 0)) throw new ArgumentOutOfRangeException(nameof(trials), trials, "the trials must be more than 0");
        if (double.IsPositiveInfinity(trials)) return new Interval(proportion, proportion);
        double n = trials, p = proportion, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new Interval(p == 0 ? 0 : Math.Max(0, centre - half), p == 1 ? 1 : Math.Min(1, centre + half));
    }
}
