using Forecast.Engine.Randomness;

namespace Forecast.Tests.Randomness;

public class SobolSequenceTests
{
    [Fact]
    public void PrimitivePolynomials_StartWithTheKnownOnes_AndNumberPhiOfTwoToTheSMinusOneOverS()
    {
        var first = PrimitivePolynomials.First(6);
        Assert.Equal(new ulong[] { 0b11, 0b111, 0b1011, 0b1101, 0b10011, 0b11001 }, first);
        // φ(2^s − 1)/s primitive polynomials of degree s: 1, 1, 2, 2, 6, 6, 18, 16, 48, 60.
        var all = PrimitivePolynomials.First(1 + 1 + 2 + 2 + 6 + 6 + 18 + 16 + 48 + 60 + 1);
        int[] perDegree = new int[12];
        foreach (ulong p in all) perDegree[63 - System.Numerics.BitOperations.LeadingZeroCount(p)]++;
        Assert.Equal(new[] { 0, 1, 1, 2, 2, 6, 6, 18, 16, 48, 60, 1 }, perDegree);
    }

    [Fact]
    public void UnscrambledPoints_AreSobolsFirstTwoDimensions_InGrayCodeOrder()
    {
        var sobol = SobolSequence.Create(2, seed: null);
        var x = new double[4];
        var y = new double[4];
        sobol.Fill(0, 0, x);
        sobol.Fill(1, 0, y);
        double half = 0.5 / (1UL << SobolSequence.Bits);
        // Gray order visits 0, 1, 3, 2: van der Corput 0, 1/2, 3/4, 1/4 and (m = 1, 3) 0, 1/2, 1/4, 3/4.
        Assert.Equal(new[] { half, 0.5 + half, 0.75 + half, 0.25 + half }, x);
        Assert.Equal(new[] { half, 0.5 + half, 0.25 + half, 0.75 + half }, y);
    }

    [Fact]
    public void FillFromAnyIndex_ContinuesTheSameSequence()
    {
        var sobol = SobolSequence.Create(40, seed: 7);
        var whole = new double[3000];
        var tail = new double[1000];
        sobol.Fill(39, 0, whole);
        sobol.Fill(39, 2000, tail);
        Assert.Equal(whole[2000..], tail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(12345UL)]
    public void EveryDimension_PutsOnePointInEachOf1024Strata_AndTheFirstTwoFormANet(ulong? seed)
    {
        // A digital (t, s)-sequence in base 2: the first 2^m points of each single coordinate are one per
        // interval of width 2^−m, and the linear matrix scramble with a digital shift keeps that.
        const int n = 1024;
        var sobol = SobolSequence.Create(300, seed);
        var u = new double[n];
        for (int d = 0; d < sobol.Dimensions; d++)
        {
            sobol.Fill(d, 0, u);
            var hit = new bool[n];
            foreach (double x in u) hit[(int)(x * n)] = true;
            Assert.True(hit.All(h => h), $"dimension {d}");
        }
        // Dimensions 0 and 1 are a (0, 2)-sequence: one point in each 32 × 32 box.
        var a = new double[n];
        var b = new double[n];
        sobol.Fill(0, 0, a);
        sobol.Fill(1, 0, b);
        var boxes = new HashSet<int>();
        for (int i = 0; i < n; i++) boxes.Add((int)(a[i] * 32) * 32 + (int)(b[i] * 32));
        Assert.Equal(n, boxes.Count);
    }

    /// <summary>
    /// Randomised QMC: over independent scrambles the estimate of ∫ Σᵢ uᵢ² du over [0,1]^8 (exactly 8/3) is
    /// unbiased, and its variance is far below plain Monte Carlo's (8·4/45/N per estimate).
    /// </summary>
    [Fact]
    public void ScrambledEstimates_AreUnbiased_AndBeatPlainMonteCarloVariance()
    {
        const int n = 4096, replicates = 30, dims = 8;
        var u = new double[n];
        var estimates = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            var sobol = SobolSequence.Create(dims, (ulong)(100 + r));
            double sum = 0;
            for (int d = 0; d < dims; d++)
            {
                sobol.Fill(d, 0, u);
                foreach (double x in u) sum += x * x;
            }
            estimates[r] = sum / n;
        }
        double mean = estimates.Average();
        double variance = estimates.Sum(e => (e - mean) * (e - mean)) / (replicates - 1);
        double monteCarloVariance = dims * 4.0 / 45 / n;
        // Unbiased: the replicate mean within 4 standard errors of 8/3 (the SE from the replicates themselves).
        Assert.InRange(mean, 8.0 / 3 - 4 * Math.Sqrt(variance / replicates), 8.0 / 3 + 4 * Math.Sqrt(variance / replicates));
        // Scrambled nets converge at O(N^−3/2) for smooth integrands: here ~10⁴ times less variance than MC.
        // A factor of 100 leaves room for the sample variance of 30 replicates (a χ²₂₉ spread of ±2×).
        Assert.True(variance < monteCarloVariance / 100, $"variance {variance:E3} against Monte Carlo's {monteCarloVariance:E3}");
    }
}
