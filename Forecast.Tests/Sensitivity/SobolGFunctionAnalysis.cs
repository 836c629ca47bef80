using Forecast.Engine.Sensitivity;

namespace Forecast.Tests.Sensitivity;

/// <summary>
/// One Sobol analysis of the G function, shared by the tests of <see cref="SobolGFunctionTests"/>.
/// Its 12 checked intervals (S1 and ST of 6 inputs) form one family for <see cref="SimultaneousCoverage"/>.
/// </summary>
public sealed class SobolGFunctionAnalysis
{
    public const int BaseSamples = 20_000;
    public const ulong Seed = 1993;
    public static int CheckedIntervals => 2 * SobolGFunction.InputCount;

    public SobolGFunctionAnalysis()
    {
        Result = SobolAnalysis.Estimate(SobolGFunction.InputCount, SobolGFunction.Evaluate, BaseSamples, Seed);
        StretchFactor = SimultaneousCoverage.StretchFactor(CheckedIntervals, Result.ConfidenceLevel);
    }

    /// <summary>The analysis at the library defaults (B = 500, c = 95 %).</summary>
    public SobolResult Result { get; }

    /// <summary>The Bonferroni stretch of <see cref="SimultaneousCoverage"/> for this family.</summary>
    public double StretchFactor { get; }

    /// <summary>The first-order interval of input <paramref name="i"/> at the family's Bonferroni level.</summary>
    public IndexEstimate FirstOrder(int i) => SimultaneousCoverage.Stretch(Result.Inputs[i].FirstOrder, StretchFactor);

    /// <summary>The total interval of input <paramref name="i"/> at the family's Bonferroni level.</summary>
    public IndexEstimate Total(int i) => SimultaneousCoverage.Stretch(Result.Inputs[i].Total, StretchFactor);
}
