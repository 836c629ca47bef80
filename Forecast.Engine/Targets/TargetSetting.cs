using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Targets;

/// <summary>
/// Which targets are reachable: for every indicator the most ambitious target met with a given probability in its target
/// year (the (1 − p)-quantile of the decisive values for an at-least target, the p-quantile for an at-most one, taken as
/// exact order statistics of the simulated paths), with its Monte Carlo interval and the growth it implies; and targets for
/// a set of indicators met all together with that probability (<see cref="JointTargets"/>). The scenario's own target
/// values are not used, only their years, directions and periods (a target that must hold every year is judged on each
/// path's worst year).
/// </summary>
public static class TargetSetting
{
    /// <summary>The probabilities always reported besides the one asked for.</summary>
    public static readonly IReadOnlyList<double> Standard = [0.5, 0.9];

    /// <summary>
    /// Simulates the scenario (plain Monte Carlo, the scenario's paths and seed unless <paramref name="options"/> says
    /// otherwise) and finds its reachable targets at <paramref name="probability"/>, 0.5 and 0.9, and the joint targets of
    /// <paramref name="jointSet"/> (default: the headline indicators).
    /// </summary>
    /// <exception cref="ArgumentException">A probability outside (0, 1), an indicator of the set the scenario lacks, or a sampling method other than random.</exception>
    public static TargetSettingResult Run(Scenario scenario, double probability, IReadOnlyList<string>? jointSet = null,
        SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability strictly between 0 and 1");
        // Order statistics assume independent paths: plain random sampling.
        var run = RunSpec.Resolve(scenario, options).RequireFixedRandomRun();
        var plan = SimulationPlan.Compile(scenario);
        var set = jointSet ?? [.. plan.Indicators.Where(i => i.HeadlineIndex >= 0).OrderBy(i => i.HeadlineIndex).Select(i => i.Source.Id)];
        var setPositions = plan.PositionsOf(set);
        for (int m = 0; m < set.Count; m++)
            if (setPositions[m] < 0) throw new ArgumentException($"the scenario has no indicator '{set[m]}'", nameof(jointSet));

        // Every indicator's decisive values, in plan order.
        var all = Enumerable.Range(0, plan.Indicators.Length).ToArray();
        var store = new DecisiveValues(plan, all, run.Paths);
        var observer = new DecisiveValues.Observer(store);
        BlockRunner.Run([plan], run, observer, () => observer, cancellationToken);

        var probabilities = Standard.Append(probability).Distinct().Order().ToArray();
        var sorted = new double[plan.Indicators.Length][];
        Parallel.For(0, sorted.Length, new ParallelOptions { MaxDegreeOfParallelism = run.Workers }, k =>
        {
            sorted[k] = (double[])store.Values(k).Clone();
            Array.Sort(sorted[k]);
        });
        var byScenario = new IndicatorTargets[scenario.Indicators.Count];
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            var ind = plan.Indicators[k].Source;
            var targets = probabilities.Select(p => Reachable(ind, sorted[k], p)).ToList();
            byScenario[plan.Indicators[k].ScenarioIndex] = new IndicatorTargets(ind, Share(store.Values(k), ind.Target), targets);
        }
        JointTargets? joint = set.Count == 0 ? null
            : Joint(probability, [.. setPositions.Select(k => plan.Indicators[k].Source)], [.. setPositions.Select(k => store.Values(k))],
                [.. setPositions.Select(k => sorted[k])]);
        return new TargetSettingResult(scenario.Name, run.Paths, run.Seed, probability, probabilities, byScenario, joint);
    }

    /// <summary>
    /// The most ambitious target of <paramref name="indicator"/>'s direction met on at least ⌈p·n⌉ of the n
    /// <paramref name="sorted"/> values: the ⌈p·n⌉-th largest for an at-least target, the ⌈p·n⌉-th smallest for an at-most one.
    /// </summary>
    public static ReachableTarget Reachable(Indicator indicator, double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(sorted);
        int n = sorted.Length;
        bool atLeast = indicator.Target.Direction == Direction.AtLeast;
        int needed = Needed(p, n);
        double value = atLeast ? sorted[n - needed] : sorted[needed - 1];
        var target = indicator.Target with { Value = value };
        return new ReachableTarget(indicator.Id, p, value, OrderStatisticInterval(sorted, atLeast ? 1 - p : p),
            (double)Count(sorted, target) / n, GrowthAssessment.Of(indicator with { Target = target }));
    }

    /// <summary>Paths needed for probability p of n: ⌈p·n⌉ (at least one), computed so that p·n = whole number is not rounded up by noise.</summary>
    private static int Needed(double p, int n) => Math.Clamp((int)Math.Ceiling(p * n - 1e-9), 1, n);

    /// <summary>
    /// The distribution-free 95% interval of the q-quantile from the order statistics x_(1) ≤ … ≤ x_(n): [x_(l), x_(u)] with
    /// l = ⌊nq − z√(nq(1 − q))⌋ and u = ⌈nq + z√(nq(1 − q))⌉ + 1, clamped to 1..n: the count of paths below the true quantile is
    /// Binomial(n, q), so the true quantile lies between those order statistics with probability about 95%
    /// (e.g. Conover 1999, section 3.2; normal approximation to the binomial).
    /// </summary>
    public static Interval OrderStatisticInterval(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int n = sorted.Length;
        double centre = n * q, spread = WilsonInterval.Z95 * Math.Sqrt(n * q * (1 - q));
        int l = Math.Clamp((int)Math.Floor(centre - spread), 1, n);
        int u = Math.Clamp((int)Math.Ceiling(centre + spread) + 1, 1, n);
        return new Interval(sorted[l - 1], sorted[u - 1]);
    }

    /// <summary>How many of <paramref name="values"/> meet <paramref name="target"/>.</summary>
    private static long Count(double[] values, Target target)
    {
        long hits = 0;
        foreach (double x in values) hits += target.IsMetBy(x) ? 1 : 0;
        return hits;
    }

    private static double Share(double[] values, Target target) => (double)Count(values, target) / values.Length;

    /// <summary>
    /// The joint targets of a set (<see cref="JointTargets"/>): bisection over the number k of paths each target keeps (its
    /// marginal probability p_m = k/n), from ⌈p·n⌉ up to n, for the smallest k at which the paths meeting every target reach
    /// ⌈p·n⌉. The share meeting all is non-decreasing in k (every target only loosens), and k = n always qualifies.
    /// </summary>
    internal static JointTargets Joint(double p, IReadOnlyList<Indicator> indicators, IReadOnlyList<double[]> values, IReadOnlyList<double[]> sorted)
    {
        int n = values[0].Length;
        int needed = Needed(p, n);
        double[] Thresholds(int k)
        {
            var t = new double[indicators.Count];
            for (int m = 0; m < t.Length; m++)
                t[m] = indicators[m].Target.Direction == Direction.AtLeast ? sorted[m][n - k] : sorted[m][k - 1];
            return t;
        }
        long Together(double[] thresholds)
        {
            long hits = 0;
            for (int i = 0; i < n; i++)
            {
                bool all = true;
                for (int m = 0; m < thresholds.Length && all; m++)
                    all = indicators[m].Target.Direction == Direction.AtLeast ? values[m][i] >= thresholds[m] : values[m][i] <= thresholds[m];
                hits += all ? 1 : 0;
            }
            return hits;
        }
        long atMarginal = Together(Thresholds(needed));
        int lo = needed, hi = n;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (Together(Thresholds(mid)) >= needed) hi = mid;
            else lo = mid + 1;
        }
        double pm = (double)lo / n;
        var targets = indicators.Select((ind, m) => Reachable(ind, sorted[m], pm)).ToList();
        long achieved = Together([.. targets.Select(t => t.Value)]);
        double ambition = p >= 1 ? 1 : Math.Clamp((1 - pm) / (1 - p), 0, 1);
        return new JointTargets(p, pm, ambition, targets, (double)achieved / n, WilsonInterval.Of(achieved, n), (double)atMarginal / n);
    }
}
