using Forecast.Engine.Sensitivity;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Sensitivity;

/// <summary>
/// Sobol indices of the Ishigami function against their closed form (<see cref="IshigamiFunction"/>):
/// Ishigami and Homma 1990; Saltelli et al. 2008, "Global Sensitivity Analysis. The Primer", ch. 4.
/// </summary>
public sealed class IshigamiSobolTests(IshigamiAnalysis analysis, ITestOutputHelper output) : IClassFixture<IshigamiAnalysis>
{
    [Fact]
    public void ClosedForm_ReproducesPublishedIshigamiIndices()
    {
        // Published to four decimals for a = 7, b = 0.1 (Saltelli et al. 2008, ch. 4; Sobol and Levitan 1999).
        double[] publishedFirstOrder = [0.3139, 0.4424, 0.0];
        double[] publishedTotal = [0.5576, 0.4424, 0.2437];
        for (int i = 0; i < IshigamiFunction.InputCount; i++)
        {
            Assert.Equal(publishedFirstOrder[i], IshigamiFunction.FirstOrder[i], 4);
            Assert.Equal(publishedTotal[i], IshigamiFunction.Total[i], 4);
        }
    }

    [Fact]
    public void FirstOrderIndices_MatchIshigamiClosedForm_WithinBootstrapInterval()
    {
        Report(analysis);
        for (int i = 0; i < IshigamiFunction.InputCount; i++)
        {
            IndexEstimate s1 = analysis.FirstOrder(i);
            Assert.True(
                s1.Contains(IshigamiFunction.FirstOrder[i]),
                $"S1 of x{i + 1}: closed form {IshigamiFunction.FirstOrder[i]:F5} outside {s1}");
        }
    }

    [Fact]
    public void TotalIndices_MatchIshigamiClosedForm_WithinBootstrapInterval()
    {
        Report(analysis);
        for (int i = 0; i < IshigamiFunction.InputCount; i++)
        {
            IndexEstimate st = analysis.Total(i);
            Assert.True(
                st.Contains(IshigamiFunction.Total[i]),
                $"ST of x{i + 1}: closed form {IshigamiFunction.Total[i]:F5} outside {st}");
        }
    }

    private void Report(IshigamiAnalysis fixture)
    {
        SobolResult result = fixture.Result;
        output.WriteLine($"Ishigami, N = {result.BaseSamples}, B = {result.BootstrapReplicates}, c = {result.ConfidenceLevel}, Bonferroni stretch {fixture.StretchFactor:F3}, V = {result.OutputVariance:F4} (closed form {IshigamiFunction.Variance:F4})");
        foreach (InputSensitivity input in result.Inputs)
        {
            output.WriteLine(
                $"x{input.Input + 1}: S1 {Format(input.FirstOrder)} stretched {Format(fixture.FirstOrder(input.Input))} (closed form {IshigamiFunction.FirstOrder[input.Input]:F4}), " +
                $"ST {Format(input.Total)} stretched {Format(fixture.Total(input.Input))} (closed form {IshigamiFunction.Total[input.Input]:F4})");
        }
    }

    private static string Format(IndexEstimate e) => $"{e.Estimate:F4} [{e.Lower:F4}, {e.Upper:F4}]";
}
