using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Simulation;

/// <summary>Monte Carlo probabilities against closed forms, with tolerances of 4 standard errors √(p(1−p)/n).</summary>
public class ClosedFormTests
{
    private static double Tolerance(double p, long n) => 4 * Math.Sqrt(p * (1 - p) / n);

    [Theory]
    [InlineData(1.0, 0.08, 0.05, 1.45, 5)]
    [InlineData(268, 0.12, 0.10, 600, 5)]
    [InlineData(1.87, 0.05, 0.20, 3.0, 6)]
    [InlineData(100, -0.02, 0.03, 95, 3)]
    public void Probability_MatchesLognormalTail_ForCompoundGrowth(double x0, double mu, double sigma, double target, int years)
    {
        // ln x_T = ln x0 + (μ − σ²/2)T + σ√T·Z, so P(x_T ≥ K) = Φ((ln(x0/K) + (μ − σ²/2)T) / (σ√T)).
        double expected = Normal.CDF(0, 1, (Math.Log(x0 / target) + (mu - sigma * sigma / 2) * years) / (sigma * Math.Sqrt(years)));
        const long n = 200_000;
        var result = MonteCarlo.Run(TestScenarios.Gbm(x0, mu, sigma, target, years, n));
        Assert.InRange(result["x"].Probability, expected - Tolerance(expected, n), expected + Tolerance(expected, n));
    }

    [Theory]
    [InlineData(60.0, 300)]
    [InlineData(12.5, 70)]
    [InlineData(3.2, 20)]
    public void Probability_MatchesPoissonTail_ForStockFlowWithoutExits(double lambda, int needed)
    {
        // Five yearly Poisson(λ) entries sum to Poisson(5λ): P(N_5 ≥ N_0 + m) = 1 − F_{5λ}(m − 1).
        const int start = 268;
        double expected = 1 - Poisson.CDF(5 * lambda, needed - 1);
        const long n = 200_000;
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("entries", new FixedDistribution(lambda), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("stock", start, new StockFlowModel("entries"), start + needed)], paths: n);
        var result = MonteCarlo.Run(scenario);
        Assert.InRange(result["stock"].Probability, expected - Tolerance(expected, n), expected + Tolerance(expected, n));
    }

    [Fact]
    public void Probability_MatchesBinomialSurvival_ForStockFlowWithExitsOnly()
    {
        // With no entries and exit rate q, each of N0 firms survives T years with (1−q)^T: N_T ~ Binomial(N0, (1−q)^T).
        const int n0 = 300, years = 5;
        const double q = 0.05;
        const int target = 235;
        double survive = Math.Pow(1 - q, years);
        double expected = 1 - Binomial.CDF(survive, n0, target - 1);
        const long n = 200_000;
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("none", new FixedDistribution(0), YearlyVariation.None),
             TestScenarios.Driver("exit", new FixedDistribution(q), YearlyVariation.None)],
            [TestScenarios.Indicator("stock", n0, new StockFlowModel("none", "exit"), target)], paths: n);
        var result = MonteCarlo.Run(scenario);
        Assert.InRange(result["stock"].Probability, expected - Tolerance(expected, n), expected + Tolerance(expected, n));
    }

    [Fact]
    public void YearlyStandardDeviation_MatchesTheClosedForm_ForANormalLevelAndAPoissonCount()
    {
        // The sample sd s of n values with variance σ² and fourth central moment μ₄ has standard error √(μ₄ − σ⁴)/(2σ√n)
        // (delta method): a normal level's σ/√(2n) (μ₄ = 3σ⁴); a Poisson(λ) count's √(λ + 2λ²)/(2√λ·√n) (μ₄ = λ + 3λ²).
        const long n = 200_000;
        const double lambda = 12.4;
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("level", new NormalDistribution(10, 2), YearlyVariation.None),
             TestScenarios.Driver("entries", new FixedDistribution(lambda), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("x", 10, new FlowModel("level", Count: false), 10),
             TestScenarios.Indicator("k", 12, new FlowModel("entries"), 12)], paths: n);
        var result = MonteCarlo.Run(scenario);
        foreach (var year in result["x"].Years)
            Assert.InRange(year.Sd, 2 - 4 * 2 / Math.Sqrt(2.0 * n), 2 + 4 * 2 / Math.Sqrt(2.0 * n));
        double poissonError = Math.Sqrt(lambda + 2 * lambda * lambda) / (2 * Math.Sqrt(lambda) * Math.Sqrt(n));
        foreach (var year in result["k"].Years)
            Assert.InRange(year.Sd, Math.Sqrt(lambda) - 4 * poissonError, Math.Sqrt(lambda) + 4 * poissonError);
    }
}
