using Forecast.Engine.Randomness;
using Forecast.Engine.Simulation;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Simulation;

public class SamplingTests
{
    [Theory]
    [InlineData(SamplingMethod.Antithetic)]
    [InlineData(SamplingMethod.LatinHypercube)]
    [InlineData(SamplingMethod.Sobol)]
    public void VarianceReducedSampling_StaysUnbiased_AgainstTheLognormalTail(SamplingMethod sampling)
    {
        // Same closed form as plain Monte Carlo; the tolerance uses the independent-paths standard error,
        // which these methods can only undercut for this monotone response.
        const double x0 = 268, mu = 0.12, sigma = 0.10, target = 600;
        const int years = 5;
        const long n = 100_000;
        double expected = Normal.CDF(0, 1, (Math.Log(x0 / target) + (mu - sigma * sigma / 2) * years) / (sigma * Math.Sqrt(years)));
        var result = MonteCarlo.Run(TestScenarios.Gbm(x0, mu, sigma, target, years, n), new SimulationOptions(Sampling: sampling));
        double se = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(result["x"].Probability, expected - 4 * se, expected + 4 * se);
    }

    [Fact]
    public void LatinHypercube_PutsOneLevelUniformInEveryStratum()
    {
        var plan = SimulationPlan.Compile(TestScenarios.Gbm(1, 0.05, 0.1, 1.2, 3));
        var ws = new BlockWorkspace(plan);
        var stream = Xoshiro256StarStar.FromSeed(3);
        var u = new double[1000];
        Sampler.Uniforms(ref stream, u, ws, SamplingMethod.LatinHypercube);
        var strata = u.Select(x => (int)Math.Floor(x * u.Length)).OrderBy(s => s).ToArray();
        Assert.Equal(Enumerable.Range(0, u.Length), strata);
    }

    [Fact]
    public void Antithetic_MirrorsTheFirstHalfOfEachBlock()
    {
        var plan = SimulationPlan.Compile(TestScenarios.Gbm(1, 0.05, 0.1, 1.2, 3));
        var ws = new BlockWorkspace(plan);
        var stream = Xoshiro256StarStar.FromSeed(3);
        var z = new double[1024];
        Sampler.Normals(ref stream, z, ws, SamplingMethod.Antithetic);
        for (int i = 0; i < 512; i++) Assert.Equal(-z[i], z[i + 512]);
        var u = new double[1023];
        Sampler.Uniforms(ref stream, u, ws, SamplingMethod.Antithetic);
        for (int i = 512; i < 1023; i++) Assert.Equal(1 - u[i - 512], u[i]);
    }

    [Theory]
    [InlineData(SamplingMethod.Antithetic)]
    [InlineData(SamplingMethod.LatinHypercube)]
    [InlineData(SamplingMethod.Sobol)]
    public void EverySamplingMethod_IsIdenticalForOneAndTwoThreads(SamplingMethod sampling)
    {
        var scenario = ReproducibilityTests.Mixed(40_000);
        var one = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 1, Sampling: sampling));
        var two = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 2, Sampling: sampling));
        ReproducibilityTests.AssertIdentical(one, two);
    }
}
