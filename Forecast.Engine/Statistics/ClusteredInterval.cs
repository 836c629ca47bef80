using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Statistics;

/// <summary>
/// The sampling variance of a Monte Carlo estimate, estimated from independent units of paths, and the degrees of
/// freedom of that variance estimate (the units less one).
/// </summary>
/// <param name="Variance">Estimated variance of the estimate. Range: ≥ 0.</param>
/// <param name="DegreesOfFreedom">Independent units less one; 0 when there was a single unit and no variance could be estimated.</param>
public readonly record struct EstimateVariance(double Variance, long DegreesOfFreedom)
{
    /// <summary>The two-sided quantile of the interval: Student's t with the degrees of freedom (the normal's beyond 10⁶).</summary>
    public double Quantile(double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence must lie in (0, 1)");
        double upper = 0.5 + confidence / 2;
        if (DegreesOfFreedom > 1_000_000) return confidence == 0.95 ? WilsonInterval.Z95 : Normal.InvCDF(0, 1, upper);
        return StudentT.InvCDF(0, 1, Math.Max(1, DegreesOfFreedom), upper);
    }
}

/// <summary>
/// Intervals for means of per-path outcomes when paths are not independent but come in independent units (clusters):
/// the pairs of antithetic sampling, the blocks of Latin hypercube sampling, the independently scrambled replicates of
/// Sobol sampling. The estimate is the ratio x̂ = X/N of the outcomes' total X to the paths N; with C units of totals
/// x_c and sizes n_c its variance is estimated by the linearisation (ratio-estimator) formula
/// V = C/(C − 1) · Σ_c (x_c − x̂·n_c)² / N² (Cochran, Sampling Techniques, 3rd ed., §6.7 and §11.8), which for equal
/// units is the sample variance of the unit means over C, and counts every dependence inside a unit, good or bad.
/// </summary>
/// <remarks>
/// <para>
/// Outcomes are whole paths, so unit totals differ by whole paths, and where the method stratifies a target that hangs
/// on one draw the units' totals take only two or three values (a Latin hypercube block meets a target z ≥ c in k or
/// k + 1 of its paths, by whether the one stratum that straddles c lands above it). With few such differences the
/// spread is a count of rare events, and Student's t over it covers too seldom (measured: 89% at 64 blocks). The spread
/// therefore gets two pseudo-units one path either side of the mean, Σ(x_c − x̂·n_c)² + 2: in the one-event-per-unit limit
/// this is Agresti and Coull's adding of about z²/2 successes and failures, and it keeps a unit spread of zero (every
/// unit agreeing) from reporting a point. It is negligible wherever the units truly vary (antithetic pairs, any
/// target of several draws).
/// </para>
/// <para>
/// A proportion's interval is Wilson's score interval at the effective number of paths n_eff = x̂(1 − x̂)/V
/// (Korn and Graubard 1998, "Confidence intervals for proportions with small expected number of positive counts
/// estimated from survey data", Survey Methodology 24: the Wilson form keeps its coverage near 0 and 1) with Student's
/// t quantile on C − 1 degrees of freedom in place of the normal's; at x̂ = 0 or 1 the units say nothing about the
/// variance, and n_eff = N. A difference's interval is x̂ ± t·√V. With a single unit no variance can be estimated and
/// the proportion falls back to Wilson's interval on N paths (conservative for Latin hypercube sampling, whose
/// variance never exceeds plain sampling's by more than N/(N − 1): Owen 1997).
/// </para>
/// </remarks>
public static class ClusteredInterval
{
    /// <summary>Two pseudo-units, one path either side of the mean: added to every spread Σ(x_c − x̂·n_c)² (see the remarks).</summary>
    public const double PseudoSpread = 2;

    /// <summary>The variance of x̂ = X/N from the unit sums Σx_c², Σx_c·n_c, Σn_c² over C units.</summary>
    /// <param name="total">X, the outcomes' total.</param>
    /// <param name="paths">N, the paths. Range: ≥ 1.</param>
    /// <param name="squares">Σ x_c².</param>
    /// <param name="cross">Σ x_c·n_c.</param>
    /// <param name="sizeSquares">Σ n_c².</param>
    /// <param name="units">C, the independent units. Range: ≥ 1.</param>
    public static EstimateVariance Of(double total, long paths, double squares, double cross, double sizeSquares, long units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (units == 1) return new EstimateVariance(double.NaN, 0);
        double n = paths, mean = total / n;
        double spread = Math.Max(0, squares - 2 * mean * cross + mean * mean * sizeSquares) + PseudoSpread;
        return new EstimateVariance((double)units / (units - 1) * spread / (n * n), units - 1);
    }

    /// <summary>The variance of x̂ = X/N from each unit's total and size.</summary>
    public static EstimateVariance Of(ReadOnlySpan<long> totals, ReadOnlySpan<long> sizes)
    {
        long x = 0, n = 0, units = 0;
        for (int c = 0; c < totals.Length; c++)
        {
            if (sizes[c] == 0) continue;
            x += totals[c];
            n += sizes[c];
            units++;
        }
        if (units <= 1) return new EstimateVariance(double.NaN, 0);
        double mean = (double)x / n, spread = PseudoSpread;
        for (int c = 0; c < totals.Length; c++)
        {
            if (sizes[c] == 0) continue;
            double d = totals[c] - mean * sizes[c];
            spread += d * d;
        }
        return new EstimateVariance((double)units / (units - 1) * spread / ((double)n * n), units - 1);
    }

    /// <summary>
    /// The interval of a proportion k/n: Wilson's at n_eff = p̂(1 − p̂)/V with the t quantile of <paramref name="variance"/>;
    /// Wilson's on n paths when no variance was estimated or p̂ is 0 or 1.
    /// </summary>
    public static Interval Proportion(long successes, long trials, EstimateVariance variance, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return new Interval(0, 1);
        double p = (double)successes / trials;
        if (variance.DegreesOfFreedom < 1 || !(variance.Variance >= 0) || successes == 0 || successes == trials)
            return WilsonInterval.Of(successes, trials, confidence);
        double effective = variance.Variance > 0 ? p * (1 - p) / variance.Variance : double.PositiveInfinity;
        return WilsonInterval.Of(p, effective, variance.Quantile(confidence));
    }

    /// <summary>The effective paths n_eff = p̂(1 − p̂)/V of a proportion (n when no variance was estimated, or p̂ is 0 or 1).</summary>
    public static double EffectivePaths(long successes, long trials, EstimateVariance variance)
    {
        if (trials == 0) return 0;
        double p = (double)successes / trials;
        if (variance.DegreesOfFreedom < 1 || !(variance.Variance >= 0) || successes == 0 || successes == trials) return trials;
        return variance.Variance > 0 ? p * (1 - p) / variance.Variance : double.PositiveInfinity;
    }

    /// <summary>The interval x̂ ± t·√V of a difference of proportions, clipped to [−1, 1].</summary>
    public static Interval Difference(double estimate, EstimateVariance variance, double confidence = 0.95)
    {
        if (variance.DegreesOfFreedom < 1 || !(variance.Variance >= 0)) return new Interval(-1, 1);
        double half = variance.Quantile(confidence) * Math.Sqrt(variance.Variance);
        return new Interval(Math.Max(-1, estimate - half), Math.Min(1, estimate + half));
    }
}
