using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;

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

    [Fact]
    public void BetaTable_HasTheBitsOfTheTableBuiltOnMathNetsBetaRegularized_ForEveryShippedShapeAndRandomOnes()
    {
        // The table's own copy of MathNet's I_x(a, b) (the shape's log-gamma part computed once) must change no bit: every
        // entry of every shape is compared with the table the sampler built before, Newton on MathNet's BetaRegularized.
        var shapes = new HashSet<(double A, double B)>();
        foreach (string file in Directory.EnumerateFiles(RepositoryFiles.Path("scenarios"), "*.yaml", SearchOption.TopDirectoryOnly))
        {
            var scenario = ScenarioReader.Read(file);
            foreach (var driver in scenario.Drivers)
                foreach (var level in driver.LevelChanges.Select(c => c.Level).Prepend(driver.Level))
                    if (level is BetaDistribution beta) shapes.Add((beta.Alpha, beta.Beta));
        }
        Assert.True(shapes.Count >= 9, $"only {shapes.Count} Beta shapes in the shipped scenarios");
        var random = new Random(20261207);
        for (int n = 0; n < 24; n++) shapes.Add((0.3 + 12 * random.NextDouble(), 0.3 + 12 * random.NextDouble()));
        shapes.Add((1, 1));
        shapes.Add((40, 60));
        shapes.Add((0.5, 0.5));
        foreach (var (a, b) in shapes)
        {
            double[] table = LevelSampler.StandardBetaTable(a, b), reference = MathNetTable(a, b);
            for (int i = 0; i < table.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(table[i]) == BitConverter.DoubleToInt64Bits(reference[i]),
                    $"Beta({a:R}, {b:R}) entry {i}: {table[i]:R} against {reference[i]:R}");
        }
    }

    /// <summary>The sampler's table as it was built on MathNet.Numerics' BetaRegularized (the oracle of the test above).</summary>
    private static double[] MathNetTable(double a, double b)
    {
        var table = new double[8193];
        double logB = MathNet.Numerics.SpecialFunctions.BetaLn(a, b);
        double x = double.NaN;
        for (int i = 0; i < table.Length; i++)
        {
            double p = Math.Clamp(i / 8192.0, 1e-12, 1 - 1e-12);
            x = (double.IsNaN(x) ? null : Newton(p, x)) ?? MathNet.Numerics.Distributions.Beta.InvCDF(a, b, p);
            table[i] = x;
        }
        return table;

        double? Newton(double p, double x)
        {
            for (int step = 0; step < 8; step++)
            {
                double cdf = MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, x);
                double pdf = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logB);
                if (!(pdf > 0) || !double.IsFinite(pdf)) return null;
                double next = x - (cdf - p) / pdf;
                if (!(next > 0 && next < 1)) return null;
                if (Math.Abs(next - x) <= 1e-13 * Math.Max(next, 1e-300)) return next;
                x = next;
            }
            return null;
        }
    }
}
