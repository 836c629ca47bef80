using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Targets;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Targets;

public class TargetSettingTests
{
    private static Indicator Ind(string id, Direction direction = Direction.AtLeast) =>
        TestScenarios.Indicator(id, 100, new CompoundGrowthModel("g"), 150, direction: direction);

    [Fact]
    public void Reachable_IsTheMostAmbitiousValueMetOnEnoughPaths()
    {
        double[] sorted = [.. Enumerable.Range(1, 10).Select(i => (double)i)];
        // At least 8 of 10 paths must meet it: ≥ 3 (values 3..10) for an at-least target, ≤ 8 for an at-most one.
        var up = TargetSetting.Reachable(Ind("x"), sorted, 0.8);
        Assert.Equal(3, up.Value);
        Assert.Equal(0.8, up.Achieved);
        var down = TargetSetting.Reachable(Ind("x", Direction.AtMost), sorted, 0.8);
        Assert.Equal(8, down.Value);
        Assert.Equal(0.8, down.Achieved);
        // Ties: more paths than asked meet the value.
        var tied = TargetSetting.Reachable(Ind("x"), [1, 2, 2, 2, 5], 0.7);
        Assert.Equal(2, tied.Value);
        Assert.Equal(0.8, tied.Achieved);
    }

    [Fact]
    public void Reachable_ReportsTheGrowthTheTargetImplies()
    {
        double[] sorted = [.. Enumerable.Range(0, 100).Select(i => 100 + 100.0 * i / 99)];
        var t = TargetSetting.Reachable(Ind("x"), sorted, 0.5);
        // Base 100 in 2020, target t in 2025: (t/100)^(1/5) − 1.
        Assert.Equal(Math.Pow(t.Value / 100, 0.2) - 1, t.Growth.RequiredRate, 1e-12);
    }

    [Fact]
    public void OrderStatisticInterval_Covers95PercentOfTheTime()
    {
        // 400 samples of 1,000 standard normals: how often does the interval hold the true 20% quantile? Binomial(400, 0.95)
        // has a standard error of 0.011; allow 4 (the normal approximation's rounding of the ranks makes it a little conservative).
        var random = new Random(5);
        double truth = Normal.InvCDF(0, 1, 0.2);
        int covered = 0;
        for (int r = 0; r < 400; r++)
        {
            var sample = Enumerable.Range(0, 1000).Select(_ => Normal.Sample(random, 0, 1)).Order().ToArray();
            if (TargetSetting.OrderStatisticInterval(sample, 0.2).Contains(truth)) covered++;
        }
        Assert.InRange(covered / 400.0, 0.95 - 4 * 0.011, 0.95 + 4 * 0.011);
    }

    [Fact]
    public void Joint_OfIndependentIndicators_GivesEachTheSquareRootOfTheProbability()
    {
        // Two independent uniforms: P(both) = p_m², so p_m = √0.8 = 0.894 (to the order statistics' resolution, 1/√n ≈ 0.003).
        var random = new Random(9);
        const int n = 100_000;
        var a = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var joint = TargetSetting.Joint(0.8, [Ind("a"), Ind("b")], [a, b], [a.Order().ToArray(), b.Order().ToArray()]);
        Assert.Equal(Math.Sqrt(0.8), joint.MarginalProbability, 0.01);
        Assert.True(joint.Achieved >= 0.8);
        Assert.True(joint.Achieved < 0.8 + 0.01);
        Assert.InRange(joint.MarginalTargetsTogether, 0.64 - 0.01, 0.64 + 0.01);
        Assert.Equal((1 - joint.MarginalProbability) / 0.2, joint.Ambition, 1e-12);
    }

    [Fact]
    public void Joint_OfIndicatorsMovingInLockstep_KeepsTheirOwnTargets()
    {
        var random = new Random(9);
        var a = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToArray();
        var b = a.Select(x => 3 * x + 1).ToArray();
        var joint = TargetSetting.Joint(0.8, [Ind("a"), Ind("b")], [a, b], [a.Order().ToArray(), b.Order().ToArray()]);
        Assert.Equal(0.8, joint.MarginalProbability, 1e-12);
        Assert.Equal(1.0, joint.Ambition, 1e-12);
        Assert.Equal(0.8, joint.Achieved, 1e-12);
    }

    [Fact]
    public void Run_FindsTheLognormalQuantile_OfACompoundGrowth()
    {
        // x_T = 100·exp((μ − σ²/2)·5 + σ√5·Z): the target met with probability 0.8 is its 20% quantile. The order statistics'
        // standard error is √(0.16/n)/φ(z)·(x's local scale); the test allows the interval the engine itself reports.
        const double mu = 0.05, sigma = 0.1;
        var scenario = TestScenarios.Gbm(100, mu, sigma, 150, 5, paths: 100_000);
        var result = TargetSetting.Run(scenario, 0.8, jointSet: []);
        var x = result.Indicators.Single();
        double exact = 100 * Math.Exp((mu - sigma * sigma / 2) * 5 + sigma * Math.Sqrt(5) * Normal.InvCDF(0, 1, 0.2));
        var at80 = x.At(0.8);
        Assert.True(at80.Ci95.Contains(exact), $"{exact} outside [{at80.Ci95.Lower}, {at80.Ci95.Upper}]");
        Assert.Equal([0.5, 0.8, 0.9], result.Probabilities);
        Assert.True(x.At(0.5).Value > at80.Value && at80.Value > x.At(0.9).Value);
        Assert.Null(result.Joint);
    }

    [Fact]
    public void Run_JudgesAnEveryYearTarget_OnEachPathsWorstYear()
    {
        // A flow of Poisson(50) a year, "at least T every year 2021-2025": met when the smallest of five draws reaches T.
        // P(min ≥ T) = (1 − F(T − 1))⁵; the reachable target at 0.8 is the largest T with that ≥ 0.8.
        var scenario = TestScenarios.Of([TestScenarios.Driver("c", new FixedDistribution(50), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("flow", 0, new FlowModel("c"), 45, period: TargetPeriod.EveryYear)], paths: 100_000);
        var t = TargetSetting.Run(scenario, 0.8, jointSet: []).Indicators.Single().At(0.8);
        int expected = Enumerable.Range(0, 100).Last(k => Math.Pow(1 - Poisson.CDF(50, k - 1), 5) >= 0.8);
        // Monte Carlo may land one whole number off where the exact probability is within a standard error of 0.8.
        Assert.InRange(t.Value, expected - 1, expected + 1);
        Assert.True(t.Achieved >= 0.8);
    }

    [Fact]
    public void Run_RefusesSamplingThatBreaksTheOrderStatistics()
    {
        var scenario = TestScenarios.Gbm(100, 0.05, 0.1, 150, 5, paths: 1000);
        Assert.Throws<ArgumentException>(() => TargetSetting.Run(scenario, 0.8, options: new SimulationOptions(Sampling: SamplingMethod.LatinHypercube)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetSetting.Run(scenario, 1.0));
    }
}
