using Forecast.Engine.Sensitivity;
using Xunit;

namespace Forecast.Tests.Sensitivity;

/// <summary>Spearman's ρ against hand-computable and published examples.</summary>
public sealed class SpearmanRankCorrelationTests
{
    [Fact]
    public void Rho_MatchesPublishedIqAndTelevisionExample()
    {
        // Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ against hours of TV per week):
        // no ties, Σd² = 194, n = 10, so ρ = 1 − 6·194 / (10·(10² − 1)) = −29/165 ≈ −0.175757.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        Assert.Equal(-29.0 / 165.0, SpearmanRankCorrelation.Between(iq, hoursOfTv), 12);
    }

    [Fact]
    public void Rho_GivesTiesTheAverageOfTheirRanks()
    {
        // x = (1, 2, 2, 3) ranks to (1, 2.5, 2.5, 4); y = (1, 2, 3, 4) to (1, 2, 3, 4). Centred ranks
        // (−1.5, 0, 0, 1.5) and (−1.5, −0.5, 0.5, 1.5): Σ products 4.5, Σ squares 4.5 and 5, so
        // ρ = 4.5 / √(4.5·5) = 3/√10 (Pearson on average ranks; Kendall and Gibbons 1990, ch. 3).
        // Ranking the tie as (2, 3) instead would give exactly 1.
        double[] x = [1, 2, 2, 3];
        double[] y = [1, 2, 3, 4];

        Assert.Equal(3.0 / Math.Sqrt(10.0), SpearmanRankCorrelation.Between(x, y), 12);
    }

    [Fact]
    public void Rho_IsExactlyOneForAStrictlyIncreasingTransform_AndMinusOneForADecreasingOne()
    {
        // Identical ranks give ρ = 1 by definition, reversed ranks ρ = −1, whatever the (nonlinear) map.
        double[] x = [0.3, -1.2, 4.0, 2.2, 0.0, 9.5, -3.3];
        double[] increasing = [.. x.Select(Math.Exp)];
        double[] decreasing = [.. x.Select(v => -v * v * v)];

        Assert.Equal(1.0, SpearmanRankCorrelation.Between(x, increasing), 14);
        Assert.Equal(-1.0, SpearmanRankCorrelation.Between(x, decreasing), 14);
    }

    [Fact]
    public void Rho_IsUndefinedForAConstantSample()
    {
        // Documented: the ranks of a constant sample have zero variance, so ρ = 0/0.
        Assert.True(double.IsNaN(SpearmanRankCorrelation.Between([1, 2, 3], [5, 5, 5])));
    }

    [Fact]
    public void PerInput_CorrelatesEachColumnOfARowMajorSampleWithTheOutput()
    {
        // Columns: the IQ example, an increasing map of the output, a decreasing one; output = hours of TV.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] output = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
        const int k = 3;
        var inputs = new double[output.Length * k];
        for (int r = 0; r < output.Length; r++)
        {
            inputs[r * k] = iq[r];
            inputs[r * k + 1] = Math.Sqrt(output[r]);
            inputs[r * k + 2] = -output[r];
        }

        var rho = SpearmanRankCorrelation.PerInput(inputs, output.Length, k, output);

        Assert.Equal(k, rho.Length);
        Assert.Equal(-29.0 / 165.0, rho[0], 12);
        Assert.Equal(1.0, rho[1], 14);
        Assert.Equal(-1.0, rho[2], 14);
    }

    [Fact]
    public void Between_RejectsUnpairedShortOrNonFiniteSamples()
    {
        Assert.Throws<ArgumentException>(() => SpearmanRankCorrelation.Between([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanRankCorrelation.Between([1], [1]));
        Assert.Throws<ArgumentException>(() => SpearmanRankCorrelation.Between([1, double.NaN, 3], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => SpearmanRankCorrelation.Between([1, 2, 3], [1, double.PositiveInfinity, 3]));
    }

    [Fact]
    public void PerInput_RejectsSpansOfTheWrongLength()
    {
        Assert.Throws<ArgumentException>(() => SpearmanRankCorrelation.PerInput(new double[5], 3, 2, new double[3]));
        Assert.Throws<ArgumentException>(() => SpearmanRankCorrelation.PerInput(new double[6], 3, 2, new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanRankCorrelation.PerInput(new double[2], 1, 2, new double[1]));
    }
}
