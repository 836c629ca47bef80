using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.WhatIf;

public class SensitivityTests
{
    /// <summary>
    /// x = x0·A_T/C_T (a ratio of two compounding drivers a and c, a's level twice as uncertain as c's), y compounds b.
    /// Nothing x depends on reads b.
    /// </summary>
    private static Scenario ThreeDrivers(double yearlySigma) => TestScenarios.Of(
        [
            TestScenarios.Driver("a", new NormalDistribution(0.08, 0.04), YearlyVariation.Growth(yearlySigma)),
            TestScenarios.Driver("b", new NormalDistribution(0.05, 0.03), YearlyVariation.Growth(yearlySigma)),
            TestScenarios.Driver("c", new NormalDistribution(0.03, 0.02), YearlyVariation.Growth(yearlySigma)),
        ],
        [
            TestScenarios.Indicator("x", 2, new RatioModel(Quantity.Growing("a"), Quantity.Growing("c")), 2.6),
            TestScenarios.Indicator("y", 100, new CompoundGrowthModel("b"), 125),
        ]);

    [Fact]
    public void Tornado_RanksTheMostUncertainDriverFirst_AndGivesNoSwingToADriverTheTargetDoesNotRead()
    {
        var scenario = ThreeDrivers(0.05);
        var tornado = Tornado.Run(scenario, new SimulationOptions(Paths: 4096, Seed: 3));
        var x = tornado["x"];
        Assert.Equal(["a", "c", "b"], x.Bars.Select(b => b.DriverId));
        Assert.True(x.Bars[0].ProbabilitySwing > 0 && x.Bars[1].ProbabilitySwing < 0, "a raises x, c lowers it");
        var b = x.Bars[2];
        Assert.Equal((x.Centre, x.Centre), (b.ProbabilityAtLow, b.ProbabilityAtHigh));
        Assert.Equal((x.CentreMedian, x.CentreMedian), (b.MedianAtLow, b.MedianAtHigh));
        Assert.Equal((Normal.InvCDF(0.08, 0.04, 0.1), Normal.InvCDF(0.08, 0.04, 0.9)), (x.Bars[0].LowLevel, x.Bars[0].HighLevel));
    }

    [Fact]
    public void Tornado_FixesEveryLevelAtItsMedian_AndTheSwungDriverAtItsQuantile_InEveryPeriod()
    {
        var driver = TestScenarios.Driver("d", new UniformDistribution(0, 10), YearlyVariation.None) with
        {
            Changes = [new LevelChange(2023, new UniformDistribution(10, 30))],
        };
        var scenario = TestScenarios.Of([driver, TestScenarios.Driver("e", new UniformDistribution(2, 4), YearlyVariation.None)],
            [TestScenarios.Indicator("n", 0, new CumulativeModel("d"), 10)]);
        var swung = Tornado.Fixed(scenario, "d", 0.1);
        Assert.Equal(new FixedDistribution(1), swung.Driver("d").Level);
        Assert.Equal([new LevelChange(2023, new FixedDistribution(12))], swung.Driver("d").LevelChanges);
        Assert.Equal(new FixedDistribution(3), swung.Driver("e").Level);
    }

    [Fact]
    public void Sobol_GivesExactlyZero_ToADriverTheOutputDoesNotRead()
    {
        // Rows A and A_B^b differ only in b's level uniform, and x does not read b, so f(A_B^b) = f(A) on every row:
        // the first-order estimator Σ f(B)(f(A_B^b) − f(A)) and the total estimator Σ (f(A) − f(A_B^b))² are both 0.
        var result = GlobalSensitivity.Run(ThreeDrivers(0.05), new GlobalSensitivityOptions(BaseSamples: 512, BootstrapReplicates: 50,
            SpearmanPaths: 2000, Seed: 5, IndicatorIds: ["x"]));
        Assert.Equal(["a", "b", "c", GlobalSensitivity.YearToYearInput], result.Inputs);
        foreach (var kind in new[] { SensitivityOutputKind.TargetYearValue, SensitivityOutputKind.TargetMet })
        {
            var sobol = result["x", kind].Sobol;
            Assert.Equal(0, sobol.Inputs[1].FirstOrder.Estimate);
            Assert.Equal(0, sobol.Inputs[1].Total.Estimate);
        }
        // On the log scale x's variance splits as T²·0.04² (a's level) : T²·0.02² (c's) : 2T·0.05² (yearly) = 0.04 : 0.01 : 0.025,
        // so a comes first, then the yearly variation, then c (the split of x itself is close to that of ln x).
        var value = result["x", SensitivityOutputKind.TargetYearValue];
        var s1 = value.Sobol.Inputs.Select(i => i.FirstOrder.Estimate).ToArray();
        Assert.True(s1[0] > s1[3] && s1[3] > s1[2] && s1[2] > 0.05, $"S1 = {string.Join(", ", s1)}");
        Assert.True(value.Sobol.Inputs[3].Total.Lower > 0, "the yearly variation matters");
        // Spearman: strongly positive for a, negative for c, and for b within 4 standard errors (1/√(n−1)) of 0.
        Assert.True(value.Spearman[0] > 0.5 && value.Spearman[2] < 0);
        Assert.InRange(value.Spearman[1], -4 / Math.Sqrt(1999), 4 / Math.Sqrt(1999));
        Assert.True(double.IsNaN(value.Spearman[3]));
    }

    [Fact]
    public void YearToYearInput_HasZeroIndices_WhenNoDriverVariesFromYearToYear()
    {
        var result = GlobalSensitivity.Run(ThreeDrivers(0), new GlobalSensitivityOptions(BaseSamples: 256, BootstrapReplicates: 0,
            SpearmanPaths: 100, Seed: 5, IndicatorIds: ["x"]));
        var noise = result["x", SensitivityOutputKind.TargetYearValue].Sobol.Inputs[3];
        Assert.Equal((0.0, 0.0), (noise.FirstOrder.Estimate, noise.Total.Estimate));
    }

    [Fact]
    public void GlobalSensitivity_IsIdentical_ForOneAndTwoThreads()
    {
        GlobalSensitivityResult Run(int threads) => GlobalSensitivity.Run(ThreeDrivers(0.05),
            new GlobalSensitivityOptions(BaseSamples: 1024, BootstrapReplicates: 20, SpearmanPaths: 3000, Seed: 5, Threads: threads, IndicatorIds: ["x", "y"]));
        var (one, two) = (Run(1), Run(2));
        Assert.Equal(one.Outputs.Select(o => o.Sobol), two.Outputs.Select(o => o.Sobol));
        Assert.Equal(one.Outputs.SelectMany(o => o.Spearman), two.Outputs.SelectMany(o => o.Spearman));
    }
}
