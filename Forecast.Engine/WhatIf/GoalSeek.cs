using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Finds the lever value at which a target is reached with a wanted probability p*.
/// </summary>
/// <remarks>
/// <para>
/// Every evaluation simulates the same paths (same seed and blocks, common random numbers), so the
/// estimate p̂(x) = c(x)/n is one curve in the lever value x; where the model is monotone in the lever it is
/// a non-decreasing (or non-increasing) step function of x, path by path. Bisection on that curve finds the
/// boundary x̂ where c(x) first reaches c* = ⌈p*·n⌉ (the smallest x for a lever that raises the probability,
/// the largest for one that lowers it); bisection, not Brent's method, because the curve is a step function.
/// </para>
/// <para>
/// The answer's uncertainty is found by inverting the Wilson interval: the true answer x* has p(x*) = p*, and
/// p* lies inside the 95% Wilson interval of p̂(x*) with probability 0.95, so x* lies, with that probability,
/// in the set of x whose interval contains p*: between the x where the interval's upper bound reaches p*
/// and the x where its lower bound does. Both are found by the same bisection, on count thresholds c_U ≤ c* ≤ c_L.
/// </para>
/// <para>
/// Under a sampling method whose paths are not independent the interval is Wilson's at the effective number of paths
/// (<see cref="ClusteredInterval"/>); the inversion takes the design effect n·V/(p̂(1 − p̂)) measured at the answer for
/// every x near it (where the bounds lie), with Student's t on its degrees of freedom. Plain Monte Carlo has design
/// effect 1 and the normal quantile.
/// </para>
/// <para>
/// Only the target's own indicators and drivers are simulated (<see cref="ScenarioPruning"/>), which leaves
/// its per-path outcomes unchanged.
/// </para>
/// </remarks>
public static class GoalSeek
{
    /// <summary>Default paths per evaluation.</summary>
    public const long DefaultPaths = 20_000;

    /// <summary>The bisection stops when the bracket is narrower than this fraction of the range.</summary>
    public const double RelativeTolerance = 1e-4;

    /// <summary>Seeks the lever value for the target of <paramref name="indicatorId"/> to be reached with <paramref name="probability"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="indicatorId">The target's indicator.</param>
    /// <param name="probability">The wanted probability p*. Range: 0 &lt; p* &lt; 1.</param>
    /// <param name="lever">The lever.</param>
    /// <param name="low">Lower end of the range searched.</param>
    /// <param name="high">Upper end; above <paramref name="low"/>; both ends must give valid distributions.</param>
    /// <param name="options">Paths per evaluation (default <see cref="DefaultPaths"/>), seed (default the scenario's), threads.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="ArgumentException">An unknown indicator or lever, a probability outside (0, 1), an empty range, or a range end with an invalid distribution.</exception>
    public static GoalSeekResult Seek(Scenario scenario, string indicatorId, double probability, Lever lever, double low, double high,
        SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(lever);
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "the wanted probability must lie strictly between 0 and 1");
        if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high)) throw new ArgumentException($"the range must be two finite numbers, low below high, not {low}:{high}", nameof(high));
        if (lever.Problem(scenario) is { } leverProblem) throw new ArgumentException(leverProblem, nameof(lever));
        var run = RunSpec.Resolve(scenario, options, DefaultPaths).RequireFixedRun();
        long n = run.Paths;
        ulong seed = run.Seed;
        var pruned = ScenarioPruning.Keep(scenario, [indicatorId], [lever.DriverId]);
        foreach (double end in new[] { low, high })
            if (lever.TryApply(pruned, end).Problem is { } problem) throw new ArgumentException(problem, nameof(high));

        var counts = new SortedDictionary<double, long>();
        var estimates = new Dictionary<double, ProbabilityEstimate>();
        long Count(double x) => Estimate(x).Successes;
        ProbabilityEstimate Estimate(double x)
        {
            if (estimates.TryGetValue(x, out var e)) return e;
            var plan = SimulationPlan.Compile(lever.Apply(pruned, x));
            e = TargetCounts.Simulate(plan, [indicatorId], run, cancellationToken).Target(0);
            counts[x] = e.Successes;
            estimates[x] = e;
            return e;
        }

        long cLow = Count(low), cHigh = Count(high);
        bool raises = cHigh >= cLow;
        double current = lever.CurrentValue(scenario);
        var atCurrent = Estimate(current);

        long cStar = (long)Math.Ceiling(probability * n - 1e-9);
        double tolerance = (high - low) * RelativeTolerance;
        double better = raises ? high : low, worse = raises ? low : high;
        long cBetter = Math.Max(cLow, cHigh), cWorse = Math.Min(cLow, cHigh);

        // Boundary for threshold t: the x nearest the worse end with c(x) ≥ t (bisection on the cached curve).
        GoalBound Boundary(long t)
        {
            if (cBetter < t) return new GoalBound(better, BeyondRange: true);
            if (cWorse >= t) return new GoalBound(worse, BeyondRange: true);
            // Oriented so that u = ±x grows towards the better end.
            double sign = raises ? 1 : -1;
            while (true)
            {
                double good = double.PositiveInfinity, bad = double.NegativeInfinity;
                foreach (var (x, c) in counts)
                    if (x >= low && x <= high && c >= t && sign * x < good) good = sign * x;
                foreach (var (x, c) in counts)
                    if (x >= low && x <= high && c < t && sign * x < good && sign * x > bad) bad = sign * x;
                if (good - bad <= tolerance) return new GoalBound(sign * good, BeyondRange: false);
                Count(sign * ((good + bad) / 2));
            }
        }

        // cUpper ≤ c* ≤ cLower. For a lever that raises the probability the boundary moves up with the threshold,
        // for one that lowers it, down. The design effect (1 for plain Monte Carlo) is the one measured at the answer.
        var answer = Boundary(cStar);
        var (effect, quantile) = DesignEffect(Estimate(answer.Value));
        long cUpper = Threshold(n, probability, upperBound: true, effect, quantile);
        long cLower = Threshold(n, probability, upperBound: false, effect, quantile);
        var lower = Boundary(raises ? cUpper : cLower);
        var upper = Boundary(raises ? cLower : cUpper);

        GoalSeekStatus status;
        double value;
        if (cBetter < cStar) { status = GoalSeekStatus.NotReachable; value = double.NaN; }
        else if (cWorse >= cStar) { status = GoalSeekStatus.AlreadyReached; value = worse; }
        else { status = GoalSeekStatus.Reached; value = answer.Value; }
        var atValue = double.IsNaN(value) ? Estimate(raises ? high : low) : Estimate(value);
        return new GoalSeekResult(scenario.Name, indicatorId, lever, probability, low, high, status, raises, value, atValue,
            lower, upper, Estimate(low), Estimate(high), Estimate(raises ? high : low), current, atCurrent, counts.Count, n, seed, tolerance);
    }

    /// <summary>
    /// The design effect n·V/(p̂(1 − p̂)) of an estimate and the interval's quantile: (1, z) for plain Monte Carlo (no
    /// variance), or where p̂ is 0 or 1 or no variance could be estimated.
    /// </summary>
    private static (double Effect, double Quantile) DesignEffect(ProbabilityEstimate estimate)
    {
        if (estimate.Variance is not { DegreesOfFreedom: > 0 } v || estimate.Successes == 0 || estimate.Successes == estimate.Trials)
            return (1, WilsonInterval.Z95);
        double p = estimate.Value;
        return (estimate.Trials * v.Variance / (p * (1 - p)), v.Quantile());
    }

    /// <summary>The smallest count c whose Wilson upper (or lower) bound out of n reaches p.</summary>
    internal static long Threshold(long n, double p, bool upperBound) => Threshold(n, p, upperBound, 1, WilsonInterval.Z95);

    /// <summary>
    /// The smallest count c whose upper (or lower) bound reaches p, the bound Wilson's for c/n at n/<paramref name="effect"/>
    /// effective paths and quantile <paramref name="quantile"/> (effect 1 and z: Wilson's interval of c out of n).
    /// </summary>
    internal static long Threshold(long n, double p, bool upperBound, double effect, double quantile)
    {
        long lo = 0, hi = n + 1; // answer in [lo, hi]; hi = n + 1 means none
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            var ci = effect == 1 && quantile == WilsonInterval.Z95 ? WilsonInterval.Of(mid, n)
                : mid == 0 || mid == n ? WilsonInterval.Of(mid, n)
                : WilsonInterval.Of((double)mid / n, n / effect, quantile);
            if ((upperBound ? ci.Upper : ci.Lower) >= p) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
