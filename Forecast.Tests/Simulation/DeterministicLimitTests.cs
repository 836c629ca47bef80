using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Simulation;

public class DeterministicLimitTests
{
    [Fact]
    public void ZeroVolatility_MonteCarloEqualsDeterministicProjection_Exactly()
    {
        // Every driver fixed, no yearly shocks, whole-number entries and no exits: every path is the projection.
        var scenario = TestScenarios.Of(
            [
                TestScenarios.Driver("rd", new FixedDistribution(0.13), YearlyVariation.Growth(0)),
                TestScenarios.Driver("gdp", new NormalDistribution(0.055, 0), YearlyVariation.Normal(0)),
                TestScenarios.Driver("step", new FixedDistribution(0.07), YearlyVariation.None),
                TestScenarios.Driver("new", new FixedDistribution(61), YearlyVariation.None),
            ],
            [
                TestScenarios.Indicator("intensity", 1.87, new RatioModel(Quantity.Growing("rd"), Quantity.Growing("gdp")), 3, baseYear: 2019),
                TestScenarios.Indicator("output", 2316.84, new CompoundGrowthModel("gdp"), 3000),
                TestScenarios.Indicator("share", 42.03, new BoundedShareModel("step"), 50),
                TestScenarios.Indicator("firms", 268, new StockFlowModel("new"), 600),
                TestScenarios.Indicator("new_firms", 0, new CumulativeModel("new"), 300),
                TestScenarios.Indicator("density", 3.91, new RatioModel(Quantity.Of("firms"), Quantity.Growing("gdp")), 6),
            ], paths: 5_000);

        var result = MonteCarlo.Run(scenario);
        var projection = DeterministicProjection.Project(scenario);
        foreach (var outcome in result.Indicators)
        {
            foreach (var year in outcome.Years)
            {
                double expected = projection[outcome.Indicator.Id][year.Year - scenario.FirstYear];
                Assert.Equal(expected, year.Mean);
                Assert.Equal(expected, year.P5);
                Assert.Equal(expected, year.P50);
                Assert.Equal(expected, year.P95);
                Assert.Equal(expected, year.Deterministic);
            }
            double final = projection[outcome.Indicator.Id][outcome.Indicator.Target.Year - scenario.FirstYear];
            Assert.Equal(outcome.Indicator.Target.IsMetBy(final) ? 1.0 : 0.0, outcome.Probability);
        }
    }

    [Fact]
    public void AFixedNonIntegerCount_IsRoundedAlike_OnThePathsAndInTheProjection()
    {
        // 12.4 new a year, certain: every path rounds each year's 12.4 to 12 (half to even), 60 over five years, and the
        // projection takes the same 12, where an uncertain count's mean (12.4 a year of a Poisson) stays unrounded.
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("fixed", new FixedDistribution(12.4), YearlyVariation.None),
             TestScenarios.Driver("poisson", new FixedDistribution(12.4), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("new_fixed", 0, new CumulativeModel("fixed"), 60),
             TestScenarios.Indicator("stock_fixed", 100, new StockFlowModel("fixed"), 160),
             TestScenarios.Indicator("flow_fixed", 0, new FlowModel("fixed"), 12),
             TestScenarios.Indicator("new_poisson", 0, new CumulativeModel("poisson"), 60)], paths: 2_000);
        var result = MonteCarlo.Run(scenario);
        foreach (var (id, expected) in new[] { ("new_fixed", 60.0), ("stock_fixed", 160.0), ("flow_fixed", 12.0) })
        {
            var last = result[id].Years[^1];
            Assert.Equal(expected, last.Deterministic);
            Assert.Equal(expected, last.Mean);
            Assert.Equal(expected, last.P50);
        }
        Assert.Equal(62, result["new_poisson"].Years[^1].Deterministic, 12);
    }

    [Fact]
    public void DeterministicProjection_CompoundsTheMeanGrowth()
    {
        // 268 firms, 61 a year, no exits: 268 + 5·61 = 573 in 2025 (short of 600).
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("new", new PertDistribution(50, 60, 76), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("firms", 268, new StockFlowModel("new"), 600)]);
        var path = DeterministicProjection.Project(scenario)["firms"];
        Assert.Equal(268 + 5 * (50 + 4 * 60 + 76) / 6.0, path[^1], 9);
    }
}
