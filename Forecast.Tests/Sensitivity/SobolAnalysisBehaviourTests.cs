using Forecast.Engine.Sensitivity;
using Xunit;

namespace Forecast.Tests.Sensitivity;

/// <summary>Reproducibility, exact special cases and argument guards of <see cref="SobolAnalysis"/>.</summary>
public sealed class SobolAnalysisBehaviourTests
{
    private const int SmallN = 2_000;
    private const int FewReplicates = 100;

    [Fact]
    public void SameSeed_GivesBitIdenticalResult()
    {
        // The brief: same seed -> identical result bit for bit (all draws from keyed xoshiro256** streams).
        SobolResult first = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 42, FewReplicates);
        SobolResult second = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 42, FewReplicates);

        Assert.Equal(first, second);
        Assert.Equal(Bits(first), Bits(second));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentEstimatesAndIntervals()
    {
        SobolResult first = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 42, FewReplicates);
        SobolResult second = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 43, FewReplicates);

        Assert.NotEqual(first.OutputVariance, second.OutputVariance);
        long[] firstBits = Bits(first), secondBits = Bits(second);
        for (int j = 0; j < firstBits.Length; j++) Assert.NotEqual(firstBits[j], secondBits[j]);
    }

    [Fact]
    public void LargerBaseSample_KeepsTheFirstDesignRows()
    {
        // Documented: row j of A and B depends only on (seed, j), so growing N extends the same design.
        double[] small = FirstBlockOfMatrixA(baseSamples: 10);
        double[] large = FirstBlockOfMatrixA(baseSamples: 20);

        Assert.Equal(10 * 2, small.Length);
        Assert.Equal(small, large.AsSpan(0, small.Length).ToArray());
        Assert.All(large, u => Assert.True(u > 0.0 && u < 1.0, $"{u} outside (0, 1)"));
    }

    [Fact]
    public void IgnoredInput_GetsExactlyZeroIndices()
    {
        // If f does not depend on x_i, then f(A_B^i) = f(A) row by row, so both estimators' sums vanish
        // exactly: V_i = 1/N Σ f(B)·0 = 0 and VT_i = 1/(2N) Σ 0² = 0 (Saltelli et al. 2010, Table 2: the Saltelli 2010 and Jansen 1999 forms),
        // in the point estimate and in every bootstrap replicate.
        static void Model(ReadOnlySpan<double> u, int rows, int k, Span<double> y)
        {
            for (int r = 0; r < rows; r++) y[r] = u[r * k] + 2.0 * u[r * k + 1] * u[r * k + 1];
        }

        SobolResult result = SobolAnalysis.Estimate(3, Model, SmallN, 7, FewReplicates);

        Assert.Equal(new IndexEstimate(0.0, 0.0, 0.0), result.Inputs[2].FirstOrder);
        Assert.Equal(new IndexEstimate(0.0, 0.0, 0.0), result.Inputs[2].Total);
        Assert.True(result.Inputs[0].Total.Estimate > 0.0);
        Assert.True(result.Inputs[1].Total.Estimate > 0.0);
    }

    [Fact]
    public void ConstantModel_ReportsZeroVarianceAndUndefinedIndices()
    {
        // Documented: S = V_i / V(Y) is 0/0 when the output does not vary.
        static void Model(ReadOnlySpan<double> u, int rows, int k, Span<double> y) => y[..rows].Fill(3.5);

        SobolResult result = SobolAnalysis.Estimate(2, Model, 100, 1);

        Assert.Equal(0.0, result.OutputVariance);
        Assert.All(result.Inputs, input =>
        {
            Assert.True(double.IsNaN(input.FirstOrder.Estimate) && double.IsNaN(input.FirstOrder.Lower) && double.IsNaN(input.FirstOrder.Upper));
            Assert.True(double.IsNaN(input.Total.Estimate) && double.IsNaN(input.Total.Lower) && double.IsNaN(input.Total.Upper));
        });
    }

    [Fact]
    public void ZeroBootstrapReplicates_GivesEstimatesWithoutIntervals()
    {
        SobolResult without = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 42, bootstrapReplicates: 0);
        SobolResult with = SobolAnalysis.Estimate(IshigamiFunction.InputCount, IshigamiFunction.Evaluate, SmallN, 42, FewReplicates);

        for (int i = 0; i < IshigamiFunction.InputCount; i++)
        {
            Assert.Equal(with.Inputs[i].FirstOrder.Estimate, without.Inputs[i].FirstOrder.Estimate);
            Assert.Equal(with.Inputs[i].Total.Estimate, without.Inputs[i].Total.Estimate);
            Assert.True(double.IsNaN(without.Inputs[i].FirstOrder.Lower) && double.IsNaN(without.Inputs[i].Total.Upper));
        }
    }

    [Fact]
    public void Result_CountsModelEvaluationsOfTheSaltelliDesign()
    {
        // Saltelli et al. 2010, section 3: N(k + 2) runs for A, B and the k matrices A_B^i.
        long calls = 0;
        void Model(ReadOnlySpan<double> u, int rows, int k, Span<double> y)
        {
            calls += rows;
            IshigamiFunction.Evaluate(u, rows, k, y);
        }

        SobolResult result = SobolAnalysis.Estimate(IshigamiFunction.InputCount, Model, 3_000, 5, bootstrapReplicates: 0);

        Assert.Equal(3_000L * (IshigamiFunction.InputCount + 2), calls);
        Assert.Equal(calls, result.ModelEvaluations);
    }

    [Fact]
    public void ModelThatLeavesAnOutputUnwritten_IsRejected()
    {
        static void Model(ReadOnlySpan<double> u, int rows, int k, Span<double> y) => y[..(rows - 1)].Fill(1.0);

        Assert.Throws<InvalidOperationException>(() => SobolAnalysis.Estimate(2, Model, 10, 1));
    }

    [Fact]
    public void ModelThatReturnsNonFiniteOutput_IsRejected()
    {
        static void Model(ReadOnlySpan<double> u, int rows, int k, Span<double> y) => y[..rows].Fill(double.PositiveInfinity);

        Assert.Throws<InvalidOperationException>(() => SobolAnalysis.Estimate(2, Model, 10, 1));
    }

    [Theory]
    [InlineData(0, 100, 500, 0.95, "inputCount")]
    [InlineData(2, 1, 500, 0.95, "baseSamples")]
    [InlineData(2, 100, -1, 0.95, "bootstrapReplicates")]
    [InlineData(2, 100, 500, 0.0, "confidenceLevel")]
    [InlineData(2, 100, 500, 1.0, "confidenceLevel")]
    [InlineData(2, 100, 500, double.NaN, "confidenceLevel")]
    public void Estimate_RejectsArgumentsOutsideTheirRange(int inputCount, int baseSamples, int replicates, double confidence, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SobolAnalysis.Estimate(inputCount, SobolGFunction.Evaluate, baseSamples, 1, replicates, confidence));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Estimate_RejectsMissingModel()
    {
        Assert.Throws<ArgumentNullException>(() => SobolAnalysis.Estimate(2, null!, 100, 1));
    }

    private static double[] FirstBlockOfMatrixA(int baseSamples)
    {
        double[]? firstCall = null;
        void Recorder(ReadOnlySpan<double> u, int rows, int k, Span<double> y)
        {
            firstCall ??= u.ToArray();
            for (int r = 0; r < rows; r++) y[r] = u[r * k] + u[r * k + 1];
        }

        SobolAnalysis.Estimate(2, Recorder, baseSamples, 11, bootstrapReplicates: 0);
        return firstCall!;
    }

    private static long[] Bits(SobolResult result) =>
    [
        BitConverter.DoubleToInt64Bits(result.OutputVariance),
        .. result.Inputs.SelectMany(input => new[]
        {
            input.FirstOrder.Estimate, input.FirstOrder.Lower, input.FirstOrder.Upper,
            input.Total.Estimate, input.Total.Lower, input.Total.Upper,
        }).Select(BitConverter.DoubleToInt64Bits),
    ];
}
