using Forecast.Engine.Model;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Robustness;

/// <summary>The domain table is the scenario reference's (docs/scenario-format.md), and its limits follow from the arithmetic they claim.</summary>
public class ScenarioDomainTableTests
{
    [Fact]
    public void EveryRowOfTheDomainTable_IsInTheReadmesScenarioReference()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("docs", "scenario-format.md"));
        foreach (var rule in ScenarioDomain.Table)
            Assert.Contains($"| {rule.Field} | {rule.Range} | {rule.Reason} |", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGrowthLimit_KeepsARatioOfTwoHundredYearSidesFromTheLargestBase_BelowTheLargestDouble()
    {
        double worst = Math.Log(ScenarioDomain.MaxMagnitude) + 2 * ScenarioDomain.MaxYears * ScenarioDomain.MaxLogGrowth;
        Assert.True(worst < Math.Log(double.MaxValue), $"e^{worst} overflows");
        // ... with room for a sum over 9e15 paths (the mean) and a year whose shock lies beyond the ± 8.3 the domain assumes.
        Assert.True(worst + Math.Log(9e15) < Math.Log(double.MaxValue));
    }

    [Fact]
    public void TheLargestStock_PlusAHundredYearsOfTheLargestYearlyDraws_FitsTheBinomialsIntCount()
    {
        const double top = 1 - 1.0 / (1UL << 53);
        double poisson = DiscreteQuantile.Poisson(top, ScenarioDomain.MaxCount);
        // The widest negative binomial the domain allows: the smallest dispersion at the largest spread (m²/r = 10^8).
        double mean = ScenarioDomain.MaxCountSpread * Math.Sqrt(ScenarioDomain.MinDispersion);
        double negbin = DiscreteQuantile.NegativeBinomial(top, mean, ScenarioDomain.MinDispersion);
        double largest = Math.Max(poisson, negbin);
        Assert.True(ScenarioDomain.MaxStock + ScenarioDomain.MaxYears * largest < int.MaxValue, $"largest yearly draw {largest}");
    }

    [Fact]
    public void TheLogitStepLimit_IsTheStepThatCarriesAShareAcrossDoublePrecision()
    {
        Assert.Equal(ScenarioDomain.MaxLogitStep, Math.Log(1L << 53), 1);
    }
}
