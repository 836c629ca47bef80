using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;
using Forecast.Tests.Simulation;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.WhatIf;

/// <summary>
/// What-ifs under antithetic, Latin hypercube and Sobol sampling: their intervals come from the method's independent units,
/// like a run's (<see cref="ClusteredInterval"/>), for compare's paired differences, the joint rows, sweeps and goal seek.
/// </summary>
public class SamplingMethodWhatIfTests
{
    /// <summary>
    /// The band of issue 14 widened from |z| ≤ 0.5 to |z| ≤ 0.6: the scenario gains the paths with 0.5 &lt; |z| ≤ 0.6. Under
    /// antithetic sampling both members of a pair gain or neither does, so the difference's variance per path is twice the
    /// independent paths' one. Each method's reported interval covers the closed form 2(Φ(0.6) − Φ(0.5)) in about 95% of
    /// 200 runs (or FORECAST_COVERAGE_RUNS) of 16,384 paths (accepted ±3.5 binomial standard deviations); the per-path
    /// interval, which assumed independent paths, covered about 83% under antithetic sampling. Under Latin hypercube and
    /// Sobol sampling the gain hangs on a single draw, stratified so well that each of the 16 blocks or replicates gains
    /// in k or k + 1 paths, and the interval is conservative by design there (as in <see cref="IntervalCoverageTests"/>):
    /// checked one way, never covering less than 95%.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void CompareUnderEachSamplingMethod_DifferenceIntervals_CoverTheClosedForm(SamplingMethod method)
    {
        int runs = IntervalCoverageTests.Runs;
        const long paths = 16 * 1024;
        var reference = IntervalCoverageTests.Band(paths);
        var wider = Widened(reference, 0.6) with { Name = "wider" };
        double truth = 2 * (Normal.CDF(0, 1, 0.6) - Normal.CDF(0, 1, 0.5));
        int covered = 0, coveredPerPath = 0;
        for (int run = 0; run < runs; run++)
        {
            var result = ScenarioComparison.Run([reference, wider], new SimulationOptions(Paths: paths, Seed: (ulong)(500 + run), Sampling: method, Threads: 1));
            var d = result.AllHeadlineTargets.Differences[0];
            if (d.ProbabilityDifferenceCi95.Contains(truth)) covered++;
            if (PairedProportionDifference.Interval(d.Gained, d.Lost, d.Paths).Contains(truth)) coveredPerPath++;
        }
        var (low, high) = IntervalCoverageTests.Accepted(runs);
        string report = FormattableString.Invariant(
            $"compare difference, {method}, {runs} runs of {paths} paths: covered {covered} (per-path interval {coveredPerPath}); accepted {low:F0} to {high:F0}");
        IntervalCoverageTests.Record(report);
        Assert.True(covered >= low && (method != SamplingMethod.Antithetic || covered <= high), report);
        if (method == SamplingMethod.Antithetic) Assert.True(coveredPerPath < low, report);
    }

    public static TheoryData<SamplingMethod> Methods() => [SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol];

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryWhatIf_RunsUnderTheMethod_WithTheMethodsIntervals(SamplingMethod method)
    {
        const long paths = 32 * 1024;
        var scenario = IntervalCoverageTests.Band(paths);
        var options = new SimulationOptions(Paths: paths, Seed: 11, Sampling: method);
        var run = MonteCarlo.Run(scenario, options);

        // Compare: the reference's own row is the run's (same paths, same units, same interval).
        var comparison = ScenarioComparison.Run([scenario, Widened(scenario, 0.6) with { Name = "wider" }], options);
        Assert.Equal(run["lo"].ProbabilityCi95, comparison["lo"].Outcomes[0].Probability.Ci95);
        Assert.Equal(run.AllHeadlineCi95, comparison.AllHeadlineTargets.Outcomes[0].Probability.Ci95);
        Assert.NotNull(comparison.AllHeadlineTargets.Differences[0].DifferenceVariance);

        // Sweep: at the scenario's own lever value, the run's interval again.
        var lever = new Lever("g", "mean");
        var sweep = LeverSweep.Run(scenario, [new LeverAxis(lever, [0.0])], options);
        Assert.Equal(run["lo"].ProbabilityCi95, sweep.Points[0].Targets[0].Ci95);
        Assert.Equal(run.AllHeadlineCi95, sweep.Points[0].AllHeadlineTargets.Ci95);

        // Goal seek: the answer's bounds bracket it, and the estimate at the current value is the run's.
        var goal = GoalSeek.Seek(scenario, "lo", 0.8, lever, -0.2, 0.2, options);
        Assert.Equal(GoalSeekStatus.Reached, goal.Status);
        Assert.True(goal.Lower.Value <= goal.Value && goal.Value <= goal.Upper.Value, $"{goal.Lower.Value} ≤ {goal.Value} ≤ {goal.Upper.Value}");
        Assert.Equal(run["lo"].ProbabilityCi95, goal.ProbabilityAtCurrent.Ci95);
    }

    /// <summary>The band scenario with "hi"'s threshold moved to z ≤ c and "lo"'s to z ≥ −c.</summary>
    private static Scenario Widened(Scenario band, double c) => band with
    {
        Indicators = band.Indicators.Select(i => i.Id switch
        {
            "lo" => i with { Target = i.Target with { Value = 100 * Math.Exp(0.1 * -c - 0.005) } },
            "hi" => i with { Target = i.Target with { Value = 100 * Math.Exp(0.1 * c - 0.005) } },
            _ => i,
        }).ToArray(),
    };
}
