using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// The difference of two probabilities estimated on the same paths (common random numbers): the
/// probability that a scenario meets a target minus the probability that the reference does.
/// </summary>
/// <remarks>
/// <para>
/// Per path i let D_i = M_i − R_i ∈ {−1, 0, 1}, with M and R whether the scenario and the reference meet
/// the target. D = 1 with probability g (the scenario gains the path), −1 with probability l (it loses
/// it), 0 otherwise. So E[D] = g − l, E[D²] = g + l and Var(D) = g + l − (g − l)². The estimate
/// d̂ = (1/n) Σ D_i = (n_gained − n_lost)/n is a mean of n independent copies of D (paths are
/// independent), so Var(d̂) = (g + l − (g − l)²)/n, estimated by plugging in ĝ = n_gained/n and
/// l̂ = n_lost/n: (n_gained + n_lost − (n_gained − n_lost)²/n)/n². Paths on which both scenarios agree add
/// nothing, which is why common random numbers make the interval far narrower than the unpaired
/// √(p₁(1−p₁)/n + p₂(1−p₂)/n).
/// </para>
/// <para>
/// The interval is the Wald interval d̂ ± z·√Var(d̂) (the paired form in Agresti, Categorical Data Analysis,
/// 3rd ed., §11.1.2), clipped to [−1, 1]. Its coverage is close to nominal when the discordant paths
/// number more than a few dozen, which any comparison of ten thousand paths or more gives; when no path is
/// discordant the scenarios agree on every simulated path and the interval is the single point 0.
/// </para>
/// </remarks>
public static class PairedProportionDifference
{
    /// <summary>The estimated variance of d̂: (n_gained + n_lost − (n_gained − n_lost)²/n)/n².</summary>
    /// <param name="gained">Paths on which the scenario meets the target and the reference does not.</param>
    /// <param name="lost">Paths on which the reference meets the target and the scenario does not.</param>
    /// <param name="paths">Paths simulated, n ≥ gained + lost; at least 1.</param>
    public static double Variance(long gained, long lost, long paths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gained);
        ArgumentOutOfRangeException.ThrowIfNegative(lost);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gained + lost, paths, nameof(paths));
        double n = paths, d = gained - lost;
        return Math.Max(0, (gained + lost - d * d / n) / (n * n));
    }

    /// <summary>The estimate d̂ = (gained − lost)/n.</summary>
    public static double Estimate(long gained, long lost, long paths) => (double)(gained - lost) / paths;

    /// <summary>The two-sided interval d̂ ± z·√Var(d̂) at <paramref name="confidence"/> (default 0.95), clipped to [−1, 1].</summary>
    public static Interval Interval(long gained, long lost, long paths, double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence must lie in (0, 1)");
        double z = confidence == 0.95 ? WilsonInterval.Z95 : Normal.InvCDF(0, 1, 0.5 + confidence / 2);
        double d = Estimate(gained, lost, paths);
        double half = z * Math.Sqrt(Variance(gained, lost, paths));
        return new Interval(Math.Max(-1, d - half), Math.Min(1, d + half));
    }
}
