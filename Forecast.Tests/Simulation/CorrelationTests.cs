using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Correlation = Forecast.Engine.Model.Correlation;
using Pearson = MathNet.Numerics.Statistics.Correlation;

namespace Forecast.Tests.Simulation;

public class CorrelationTests
{
    /// <summary>One-year log growth of two compound indicators whose drivers' shocks are correlated at ρ.</summary>
    private static (double[] A, double[] B) OneYearLogGrowth(double rho, int paths)
    {
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("a", new FixedDistribution(0.05), YearlyVariation.Growth(0.1)),
             TestScenarios.Driver("b", new FixedDistribution(0.02), YearlyVariation.Growth(0.2))],
            [TestScenarios.Indicator("x", 1, new CompoundGrowthModel("a"), 2, 2020, 2021),
             TestScenarios.Indicator("y", 1, new CompoundGrowthModel("b"), 2, 2020, 2021)],
            [new Correlation("a", "b", rho)], paths: paths);
        var plan = SimulationPlan.Compile(scenario);
        var ws = new BlockWorkspace(plan);
        var a = new List<double>();
        var b = new List<double>();
        for (int block = 0; block * BlockWorkspace.BlockSize < paths; block++)
        {
            BlockSimulator.Simulate(plan, 5, block, BlockWorkspace.BlockSize, ws);
            int kx = Array.FindIndex(plan.Indicators, i => i.Source.Id == "x"), ky = Array.FindIndex(plan.Indicators, i => i.Source.Id == "y");
            a.AddRange(BlockWorkspace.Row(ws.State, kx, BlockWorkspace.BlockSize).ToArray().Select(v => Math.Log(v)));
            b.AddRange(BlockWorkspace.Row(ws.State, ky, BlockWorkspace.BlockSize).ToArray().Select(v => Math.Log(v)));
        }
        return (a.ToArray(), b.ToArray());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.3)]
    [InlineData(1.0)]
    public void CorrelatedShocks_GiveTheRequestedCorrelation_OfLogGrowth(double rho)
    {
        // ln x = ln(1+L) − σ²/2 + σz, so corr(ln x, ln y) = corr(z_a, z_b) = ρ; the sample correlation's
        // standard error is (1 − ρ²)/√n (Fisher), and exactly 0 at ρ = 1 (the semi-definite factor).
        const int n = 64 * 1024;
        var (a, b) = OneYearLogGrowth(rho, n);
        double r = Pearson.Pearson(a, b);
        double se = Math.Max((1 - rho * rho) / Math.Sqrt(n), 1e-9);
        Assert.InRange(r, rho - 4 * se, rho + 4 * se);
    }

    [Fact]
    public void CorrelationMatrix_ThatIsNotPositiveSemiDefinite_IsAnInputError()
    {
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("a", new FixedDistribution(0), YearlyVariation.Normal(0.05)),
             TestScenarios.Driver("b", new FixedDistribution(0), YearlyVariation.Normal(0.05)),
             TestScenarios.Driver("c", new FixedDistribution(0), YearlyVariation.Normal(0.05))],
            [TestScenarios.Indicator("x", 1, new CompoundGrowthModel("a"), 2)],
            // a~b and b~c strongly, but a and c opposed: impossible together.
            [new Correlation("a", "b", 0.9), new Correlation("b", "c", 0.9), new Correlation("a", "c", -0.9)]);
        var problems = ScenarioValidator.Problems(scenario);
        Assert.Contains(problems, p => p.Path == "correlations" && p.Message.Contains("not positive semi-definite", StringComparison.Ordinal));
        Assert.Throws<InvalidScenarioException>(() => MonteCarlo.Run(scenario));
    }
}
