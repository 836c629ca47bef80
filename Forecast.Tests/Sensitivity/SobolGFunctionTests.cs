using Forecast.Engine.Sensitivity;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Sensitivity;

/// <summary>
/// Sobol indices of the G function against their closed form (<see cref="SobolGFunction"/>):
/// V_i = 1/(3(1 + a_i)²), V = Π(1 + V_i) − 1, S1_i = V_i/V, ST_i = V_i Π_{j≠i}(1 + V_j)/V
/// (Saltelli and Sobol 1995; Saltelli et al. 2008, "Global Sensitivity Analysis. The Primer", ch. 3).
/// </summary>
public sealed class SobolGFunctionTests(SobolGFunctionAnalysis analysis, ITestOutputHelper output) : IClassFixture<SobolGFunctionAnalysis>
{
    [Fact]
    public void FirstOrderIndices_MatchSobolGFunctionClosedForm_WithinBootstrapInterval()
    {
        Report(analysis);
        for (int i = 0; i < SobolGFunction.InputCount; i++)
        {
            IndexEstimate s1 = analysis.FirstOrder(i);
            Assert.True(
                s1.Contains(SobolGFunction.FirstOrder[i]),
                $"S1 of x{i + 1}: closed form {SobolGFunction.FirstOrder[i]:G5} outside {s1}");
        }
    }

    [Fact]
    public void TotalIndices_MatchSobolGFunctionClosedForm_WithinBootstrapInterval()
    {
        Report(analysis);
        for (int i = 0; i < SobolGFunction.InputCount; i++)
        {
            IndexEstimate st = analysis.Total(i);
            Assert.True(
                st.Contains(SobolGFunction.Total[i]),
                $"ST of x{i + 1}: closed form {SobolGFunction.Total[i]:G5} outside {st}");
        }
    }

    [Fact]
    public void TotalIndices_RankInputsAsTheirCoefficients_WithDisjointIntervals()
    {
        // Closed form: V_i = 1/(3(1 + a_i)²) falls as a_i grows, and so do S1_i and ST_i (Saltelli and Sobol 1995).
        // Ranking drivers is what a what-if analysis uses the indices for, so the estimated ST of inputs with
        // different a_i must be separated: their Bonferroni-level intervals (the same ones the coverage tests
        // check) must not overlap. Closed-form gaps between consecutive ST: 0.545, 0.208, 0.024, 0.010.
        for (int i = 0; i + 1 < SobolGFunction.InputCount; i++)
        {
            if (SobolGFunction.Coefficients[i] == SobolGFunction.Coefficients[i + 1]) continue;
            IndexEstimate larger = analysis.Total(i), smaller = analysis.Total(i + 1);
            Assert.True(larger.Lower > smaller.Upper, $"ST of x{i + 1} {larger} overlaps ST of x{i + 2} {smaller}");
        }
    }

    private void Report(SobolGFunctionAnalysis fixture)
    {
        SobolResult result = fixture.Result;
        output.WriteLine($"G function, N = {result.BaseSamples}, B = {result.BootstrapReplicates}, c = {result.ConfidenceLevel}, Bonferroni stretch {fixture.StretchFactor:F3}, V = {result.OutputVariance:F5} (closed form {SobolGFunction.Variance:F5})");
        foreach (InputSensitivity input in result.Inputs)
        {
            output.WriteLine(
                $"x{input.Input + 1} (a = {SobolGFunction.Coefficients[input.Input]}): S1 {Format(input.FirstOrder)} stretched {Format(fixture.FirstOrder(input.Input))} (closed form {SobolGFunction.FirstOrder[input.Input]:G4}), " +
                $"ST {Format(input.Total)} stretched {Format(fixture.Total(input.Input))} (closed form {SobolGFunction.Total[input.Input]:G4})");
        }
    }

    private static string Format(IndexEstimate e) => $"{e.Estimate:G4} [{e.Lower:G4}, {e.Upper:G4}]";
}
