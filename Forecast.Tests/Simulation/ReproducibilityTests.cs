using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Simulation;

public class ReproducibilityTests
{
    /// <summary>A scenario touching every model kind, correlated drivers and integer draws.</summary>
    internal static Scenario Mixed(long paths = 50_000) => TestScenarios.Of(
        [
            TestScenarios.Driver("rd", new NormalDistribution(0.12, 0.02), YearlyVariation.Growth(0.05)),
            TestScenarios.Driver("gdp", new TriangularDistribution(0.03, 0.06, 0.08), YearlyVariation.Growth(0.02)),
            TestScenarios.Driver("step", new PertDistribution(0.02, 0.1, 0.2), YearlyVariation.Normal(0.05)),
            TestScenarios.Driver("new", new UniformDistribution(40, 80), YearlyVariation.NegativeBinomial(20)),
            TestScenarios.Driver("exit", new BetaDistribution(2, 38), YearlyVariation.None),
            TestScenarios.Driver("conv", new FixedDistribution(0.15), YearlyVariation.None),
        ],
        [
            TestScenarios.Indicator("intensity", 1.87, new RatioModel(Quantity.Growing("rd"), Quantity.Growing("gdp")), 3, baseYear: 2019),
            TestScenarios.Indicator("share", 42.03, new BoundedShareModel("step"), 50, bounds: Bounds.Percent),
            TestScenarios.Indicator("firms", 268, new StockFlowModel("new", "exit"), 600),
            TestScenarios.Indicator("new_firms", 0, new CumulativeModel("new"), 300),
            TestScenarios.Indicator("per_year", 0, new FlowModel("new"), 50, period: TargetPeriod.EveryYear, headline: false),
            TestScenarios.Indicator("counties", 0, new StockFlowModel("conv", null, 8), 5, headline: false),
            TestScenarios.Indicator("density", 3.91, new RatioModel(Quantity.Of("firms"), Quantity.Growing("gdp")), 6),
        ],
        [new Correlation("rd", "gdp", 0.5), new Correlation("gdp", "new", 0.3), new Correlation("rd", "step", 0.2)],
        paths: paths);

    [Fact]
    public void SameSeed_GivesIdenticalResults_WhateverTheThreadCount()
    {
        var scenario = Mixed(70_000);
        var one = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 1));
        var two = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 2));
        var eight = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 8));
        AssertIdentical(one, two);
        AssertIdentical(one, eight);
    }

    [Theory]
    [InlineData(SamplingMethod.Random)]
    [InlineData(SamplingMethod.Antithetic)]
    [InlineData(SamplingMethod.LatinHypercube)]
    [InlineData(SamplingMethod.Sobol)]
    public void RefinedBinsAndIntervalUnits_AreIdentical_WhateverTheThreadCount(SamplingMethod method)
    {
        // The Pareto-like ratio and the Poisson-lognormal count of the heavy-tail tests get refined bins; each sampling
        // method keeps its interval units. Every figure, the intervals and standard deviations included, the same bits.
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("zero", new FixedDistribution(0), YearlyVariation.None),
             TestScenarios.Driver("b", new BetaDistribution(1.5, 1), YearlyVariation.None),
             TestScenarios.Driver("d", new LogNormalDistribution(Math.Log(50), 1.15), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("den", 1, new FlowModel("b", Count: false), 0.5, 2024, 2025, headline: false),
             TestScenarios.Indicator("x", 1, new RatioModel(new Quantity(GrowthDriver: "zero"), new Quantity(Indicator: "den")), 2, 2024, 2025),
             TestScenarios.Indicator("n", 0, new FlowModel("d"), 50, 2024, 2025)], paths: 300_000);
        var one = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 1, Sampling: method));
        var two = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 2, Sampling: method));
        AssertIdentical(one, two);
        Assert.Equal(one.AllHeadlineCi95, two.AllHeadlineCi95);
        Assert.Equal(one.AllTargetsCi95, two.AllTargetsCi95);
        Assert.Equal(one.Indicators.Select(o => o.ProbabilityCi95), two.Indicators.Select(o => o.ProbabilityCi95));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentDraws()
    {
        var scenario = Mixed(10_000);
        var a = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 1));
        var b = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 2));
        Assert.NotEqual(a["intensity"].TargetYear.Mean, b["intensity"].TargetYear.Mean);
    }

    internal static void AssertIdentical(SimulationResult a, SimulationResult b)
    {
        Assert.Equal(a.Paths, b.Paths);
        Assert.Equal(a.AllHeadlineProbability, b.AllHeadlineProbability);
        Assert.Equal(a.HeadlineMetDistribution, b.HeadlineMetDistribution);
        for (int i = 0; i < a.Indicators.Count; i++)
        {
            Assert.Equal(a.Indicators[i].Probability, b.Indicators[i].Probability);
            Assert.Equal(a.Indicators[i].ExpectedShortfall, b.Indicators[i].ExpectedShortfall);
            Assert.Equal(a.Indicators[i].Years, b.Indicators[i].Years);
        }
    }
}
