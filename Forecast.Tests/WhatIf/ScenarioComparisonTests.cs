using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.WhatIf;

public class ScenarioComparisonTests
{
    [Fact]
    public void ProbabilitiesAndMedians_EqualThoseOfSeparateRuns_WithTheSameSeed()
    {
        // Lockstep simulation draws exactly what MonteCarlo.Run draws, and the medians come from the same histogram grid.
        var a = WhatIfScenarios.Growth(0.05, 0.1, 100, 130, 5, "a");
        var b = WhatIfScenarios.Growth(0.06, 0.1, 100, 130, 5, "b");
        var options = new SimulationOptions(Paths: 5000, Seed: 9);
        var comparison = ScenarioComparison.Run([a, b], options);
        var row = comparison["x"];
        foreach (var (scenario, s) in new[] { (a, 0), (b, 1) })
        {
            var run = MonteCarlo.Run(scenario, options)["x"];
            Assert.Equal(run.Probability, row.Outcomes[s].Probability.Value);
            Assert.Equal(run.TargetYear.P50, row.Outcomes[s].Median);
        }
    }

    [Fact]
    public void Comparison_IsIdentical_ForOneAndTwoThreads()
    {
        var a = WhatIfScenarios.Growth(0.05, 0.1, 100, 130, 5, "a");
        var b = WhatIfScenarios.Growth(0.06, 0.1, 100, 130, 5, "b");
        var one = ScenarioComparison.Run([a, b], new SimulationOptions(Paths: 70_000, Seed: 3, Threads: 1));
        var two = ScenarioComparison.Run([a, b], new SimulationOptions(Paths: 70_000, Seed: 3, Threads: 2));
        Assert.Equal(one.Targets[0].Outcomes, two.Targets[0].Outcomes);
        Assert.Equal(one.Targets[0].Differences, two.Targets[0].Differences);
        Assert.Equal(one.AllTargets.Outcomes, two.AllTargets.Outcomes);
        Assert.Equal(one.AllTargets.Differences, two.AllTargets.Differences);
    }

    [Fact]
    public void DifferenceIntervals_CoverTheClosedFormDifferences_AtAboutTheNominalRate()
    {
        // Two compound-growth scenarios sharing the driver "g" (common random numbers): levels 5% and 6%, σ = 0.1, 5 years,
        // x0 = 100, target 130. P = Φ((T ln(1+L) − Tσ²/2 − ln 1.3)/(σ√T)); median x0(1+L)^T e^(−Tσ²/2).
        // 200 seeds of 4,096 paths: the coverage's standard error is √(0.95·0.05/200) = 0.0154; allow 3 of them.
        const int T = 5, replicates = 200;
        const double sigma = 0.1, x0 = 100, target = 130, la = 0.05, lb = 0.06;
        double P(double l) => Normal.CDF(0, 1, (T * Math.Log(1 + l) - T * sigma * sigma / 2 - Math.Log(target / x0)) / (sigma * Math.Sqrt(T)));
        double Median(double l) => x0 * Math.Pow(1 + l, T) * Math.Exp(-T * sigma * sigma / 2);
        double trueDifference = P(lb) - P(la), trueMedianDifference = Median(lb) - Median(la);
        var a = WhatIfScenarios.Growth(la, sigma, x0, target, T, "a");
        var b = WhatIfScenarios.Growth(lb, sigma, x0, target, T, "b");
        int probabilityCovered = 0, medianCovered = 0;
        for (ulong seed = 1; seed <= replicates; seed++)
        {
            var d = ScenarioComparison.Run([a, b], new SimulationOptions(Paths: 4096, Seed: seed))["x"].Differences[0];
            Assert.Equal(0, d.Lost); // a higher level never loses a path under common random numbers
            if (d.ProbabilityDifferenceCi95.Contains(trueDifference)) probabilityCovered++;
            if (d.MedianDifferenceCi95.Contains(trueMedianDifference)) medianCovered++;
        }
        const double tolerance = 3 * 0.0154;
        Assert.InRange((double)probabilityCovered / replicates, 0.95 - tolerance, 0.95 + tolerance);
        Assert.InRange((double)medianCovered / replicates, 0.95 - tolerance, 0.95 + tolerance);
    }

    [Fact]
    public void TargetsTheScenariosDoNotShare_AreLeftOut_AndTheRestCompared()
    {
        var a = WhatIfScenarios.Growth(0.05, 0.1, 100, 130, 5, "a");
        var extra = TestScenarios.Indicator("y", 100, new CompoundGrowthModel("g"), 120);
        var b = a with { Name = "b", Indicators = [.. a.Indicators, extra] };
        var c = a with { Name = "c" };
        var result = ScenarioComparison.Run([b, c], new SimulationOptions(Paths: 2048, Seed: 1));
        Assert.Equal(["y"], result.LeftOut);
        Assert.Equal(["x"], result.Targets.Select(t => t.Id));
        Assert.Equal(0, result["x"].Differences[0].Gained + result["x"].Differences[0].Lost);
    }
}
