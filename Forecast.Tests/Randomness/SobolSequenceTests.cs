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

    /// <summary>
    /// The first 32 unscrambled points of dimensions across the whole set, times 32, as published: SciPy 1.10's
    /// independent implementation on the same direction numbers, <c>scipy.stats.qmc.Sobol(d=21201, scramble=False).random(32)</c>
    /// (Gray-code order, as here), column d. Points 0..31 use m_1..m_5 of each dimension.
    /// </summary>
    [Theory]
    [InlineData(0, new[] { 0, 16, 24, 8, 12, 28, 20, 4, 6, 22, 30, 14, 10, 26, 18, 2, 3, 19, 27, 11, 15, 31, 23, 7, 5, 21, 29, 13, 9, 25, 17, 1 })]
    [InlineData(1, new[] { 0, 16, 8, 24, 12, 28, 4, 20, 10, 26, 2, 18, 6, 22, 14, 30, 15, 31, 7, 23, 3, 19, 11, 27, 5, 21, 13, 29, 9, 25, 1, 17 })]
    [InlineData(2, new[] { 0, 16, 8, 24, 20, 4, 28, 12, 30, 14, 22, 6, 10, 26, 2, 18, 15, 31, 7, 23, 27, 11, 19, 3, 17, 1, 25, 9, 5, 21, 13, 29 })]
    [InlineData(9, new[] { 0, 16, 24, 8, 20, 4, 12, 28, 10, 26, 18, 2, 30, 14, 6, 22, 5, 21, 29, 13, 17, 1, 9, 25, 15, 31, 23, 7, 27, 11, 3, 19 })]
    [InlineData(10, new[] { 0, 16, 24, 8, 28, 12, 4, 20, 22, 6, 14, 30, 10, 26, 18, 2, 3, 19, 27, 11, 31, 15, 7, 23, 21, 5, 13, 29, 9, 25, 17, 1 })]
    [InlineData(100, new[] { 0, 16, 8, 24, 20, 4, 28, 12, 2, 18, 10, 26, 22, 6, 30, 14, 19, 3, 27, 11, 7, 23, 15, 31, 17, 1, 25, 9, 5, 21, 13, 29 })]
    [InlineData(1000, new[] { 0, 16, 8, 24, 28, 12, 20, 4, 26, 10, 18, 2, 6, 22, 14, 30, 19, 3, 27, 11, 15, 31, 7, 23, 9, 25, 1, 17, 21, 5, 29, 13 })]
    [InlineData(5000, new[] { 0, 16, 24, 8, 4, 20, 28, 12, 10, 26, 18, 2, 14, 30, 22, 6, 7, 23, 31, 15, 3, 19, 27, 11, 13, 29, 21, 5, 9, 25, 17, 1 })]
    [InlineData(10000, new[] { 0, 16, 8, 24, 20, 4, 28, 12, 10, 26, 2, 18, 30, 14, 22, 6, 31, 15, 23, 7, 11, 27, 3, 19, 21, 5, 29, 13, 1, 17, 9, 25 })]
    [InlineData(21200, new[] { 0, 16, 24, 8, 20, 4, 12, 28, 10, 26, 18, 2, 30, 14, 6, 22, 25, 9, 1, 17, 13, 29, 21, 5, 19, 3, 11, 27, 7, 23, 31, 15 })]
    public void FirstPoints_AreThePublishedOnes_AcrossJoeAndKuosWholeSet(int dimension, int[] times32)
    {
        var sobol = SobolSequence.Create(dimension + 1, seed: null);
        var x = new double[32];
        sobol.Fill(dimension, 0, x);
        double half = 0.5 / (1UL << SobolSequence.Bits);
        Assert.Equal(times32.Select(v => v / 32.0), x.Select(v => v - half));
    }

    /// <summary>
    /// Points far into the sequence use the direction numbers up to m_18 and the recurrence beyond: points 2^j − 1 of
    /// dimensions 1000, 10000 and 21200, times 2^21, as SciPy 1.10 gives them (<c>Sobol(d=21201, scramble=False)</c>,
    /// <c>fast_forward(2^j − 1)</c>, then <c>random(1)</c>).
    /// </summary>
    [Theory]
    [InlineData(255, new[] { 811008, 2039808, 1957888 })]
    [InlineData(4095, new[] { 1827328, 1853952, 1884672 })]
    [InlineData(65535, new[] { 1535968, 649184, 859808 })]
    [InlineData(262143, new[] { 649816, 1663096, 690536 })]
    [InlineData(1048575, new[] { 556486, 1531698, 360454 })]
    public void PointsFarIntoTheSequence_AreThePublishedOnes(long index, int[] times2To21)
    {
        var sobol = SobolSequence.Create(21201, seed: null);
        double half = 0.5 / (1UL << SobolSequence.Bits);
        var x = new double[1];
        int[] dimensions = [1000, 10000, 21200];
        for (int j = 0; j < dimensions.Length; j++)
        {
            sobol.Fill(dimensions[j], index, x);
            Assert.Equal(times2To21[j] / (double)(1 << 21), x[0] - half);
        }
    }

    [Fact]
    public void JoeAndKuosTable_HasValidNumbers_AndThePrimitivePolynomialsInOrder()
    {
        // Every m_k odd and below 2^k, degrees never falling, as the set is built.
        int previous = 1;
        for (int d = 2; d <= JoeKuoDirections.Dimensions; d++)
        {
            int s = JoeKuoDirections.Degree(d);
            Assert.InRange(s, previous, JoeKuoDirections.MaxDegree);
            previous = s;
            var m = JoeKuoDirections.Initial(d);
            Assert.Equal(s, m.Length);
            for (int k = 1; k <= s; k++) Assert.True(m[k - 1] % 2 == 1 && m[k - 1] < 1u << k, $"d = {d}, m_{k} = {m[k - 1]}");
        }
        // The polynomials are the primitive ones in order of degree and value (checked against an independent
        // search up to degree 12, the first 1,000 or so; the last row as the file prints it: 21201 18 131059).
        var primitive = PrimitivePolynomials.First(1000);
        for (int d = 2; d <= 1001; d++) Assert.Equal(primitive[d - 2], JoeKuoDirections.Polynomial(d));
        Assert.Equal((1UL << 18) | (131059UL << 1) | 1, JoeKuoDirections.Polynomial(21201));
        Assert.Equal(new uint[] { 1, 1, 7, 11, 15, 7, 37, 239, 337, 245, 1557, 3681, 7357, 9639, 27367, 26869, 114603, 86317 },
            JoeKuoDirections.Initial(21201).ToArray());
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
