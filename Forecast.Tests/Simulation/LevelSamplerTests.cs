using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Simulation;

public class LevelSamplerTests
{
    [Theory]
    [InlineData(45, 60, 90)]
    [InlineData(0.02, 0.05, 0.10)]
    [InlineData(0, 0, 1)]
    public void TabulatedPertQuantile_AgreesWithMathNetsBetaQuantile(double min, double mode, double max)
    {
        // The table interpolates F⁻¹ linearly on 8,192 intervals; its error must be far below the spread of the distribution.
        var pert = new PertDistribution(min, mode, max);
        var sampler = new LevelSampler(pert);
        for (double u = 0.001; u < 1; u += 0.0137)
            Assert.Equal(pert.Quantile(u), sampler.Quantile(u), (max - min) * 1e-5);
    }

    [Theory]
    [InlineData(0.5, 3, 0, 1)]
    [InlineData(2, 5, 10, 20)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(7.3, 1.2, -1, 1)]
    [InlineData(40, 60, 0, 1)]
    public void TableEntries_FoundByNewton_MatchMathNetsBetaInverse(double alpha, double beta, double min, double max)
    {
        // At u = i/8192 the sampler returns a table entry itself (no interpolation); each must be MathNet's quantile.
        var distribution = new BetaDistribution(alpha, beta, min, max);
        var sampler = new LevelSampler(distribution);
        for (int i = 1; i < 8192; i += 7)
        {
            double u = i / 8192.0;
            Assert.Equal(distribution.Quantile(u), sampler.Quantile(u), (max - min) * 1e-10);
        }
    }

    [Fact]
    public void PertMean_IsMinPlusFourModePlusMaxOverSix()
    {
        // Vose (2008), Risk Analysis, PERT distribution: mean (a + 4m + b)/6.
        Assert.Equal(62.5, new PertDistribution(45, 60, 90).Mean, 12);
    }
}
