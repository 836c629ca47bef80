using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Tests.Runner;
using MathNet.Numerics.LinearAlgebra;

namespace Forecast.Tests.Robustness;

/// <summary>
/// A correlation matrix that is not positive semi-definite stays an input error by default; with --repair-correlations
/// the nearest correlation matrix (Higham's alternating projections) is used and every change reported.
/// </summary>
public class CorrelationRepairTests
{
    [Fact]
    public void Nearest_ReproducesHighamsExample()
    {
        // Higham (2002), section 4: the nearest correlation matrix to the tridiagonal (−1, 2, −1) matrix of order 4.
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -1, 0, 0 }, { -1, 2, -1, 0 }, { 0, -1, 2, -1 }, { 0, 0, -1, 2 } });
        var expected = new double[,]
        {
            { 1, -0.8084, 0.1916, 0.1068 }, { -0.8084, 1, -0.6562, 0.1916 }, { 0.1916, -0.6562, 1, -0.8084 }, { 0.1068, 0.1916, -0.8084, 1 },
        };

        var (x, _) = NearestCorrelation.Nearest(a);

        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(expected[i, j], x[i, j], 4);
        Assert.True(x.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real) >= -1e-12);
    }

    [Fact]
    public void Repair_OfThreeImpossibleCorrelations_GivesAValidMatrix_AndListsEveryChangeLargestFirst()
    {
        var scenario = Impossible();
        Assert.False(NearestCorrelation.IsPositiveSemiDefinite(scenario));

        var (repaired, repair) = NearestCorrelation.Repair(scenario);

        Assert.Empty(ScenarioValidator.Problems(repaired));
        Assert.Equal(3, repair.Changes.Count);
        Assert.Equal(0.4, repair.LargestChange, 6);
        Assert.Equal(-0.8, repair.SmallestEigenvalue, 6);
        Assert.All(repair.Changes, c => Assert.Equal(0.5, Math.Abs(c.Repaired), 6));
        Assert.True(repair.Changes.Zip(repair.Changes.Skip(1)).All(p => Math.Abs(p.First.Change) >= Math.Abs(p.Second.Change)));
    }

    [Fact]
    public void Repair_OfAValidMatrix_ChangesNothing()
    {
        var scenario = Impossible() with { Correlations = [new Correlation("a", "b", 0.9), new Correlation("b", "c", 0.9), new Correlation("a", "c", 0.8)] };
        var (same, repair) = NearestCorrelation.Repair(scenario);
        Assert.Same(scenario, same);
        Assert.Empty(repair.Changes);
    }

    [Fact]
    public async Task RepairCorrelations_RunsTheScenario_AndReportsTheChangesOnTheConsoleAndInSummaryJson()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "probe.yaml");
        await File.WriteAllTextAsync(file, BadScenarioInputTests.ReplaceOnce(BadScenarioInputTests.Valid, "rho: 0.5}",
            "rho: 0.9}\n  - {drivers: [g, step], rho: 0.9}\n  - {drivers: [h, step], rho: -0.9}"));
        string outDir = Path.Combine(folder, "out");

        var refused = await CliHarness.Run("run", file, "--paths", "1000", "--no-plots", "--out", outDir);
        var repaired = await CliHarness.Run("run", file, "--paths", "1000", "--no-plots", "--out", outDir, "--repair-correlations");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("or let --repair-correlations use the nearest correlation matrix", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, repaired.ExitCode);
        Assert.Contains("Correlations repaired (--repair-correlations): the given matrix is not positive semi-definite (smallest eigenvalue -0.8)." + Environment.NewLine +
            "The nearest correlation matrix (Higham's alternating projections) changes 3 pair(s), by at most 0.4 (h ~ step):", repaired.Out, StringComparison.Ordinal);
        Assert.Contains("  h ~ step: -0.9 -> -0.5 (+0.4)", repaired.Out, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var repair = summary.RootElement.GetProperty("correlationRepair");
        Assert.Equal(0.4, repair.GetProperty("largestChange").GetDouble(), 6);
        Assert.Equal(3, repair.GetProperty("pairs").GetArrayLength());
        Assert.Equal(["h", "step"], repair.GetProperty("pairs")[0].GetProperty("drivers").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private static Scenario Impossible() => TestScenarios.Of(
        [TestScenarios.Driver("a", new FixedDistribution(0.05), YearlyVariation.Growth(0.05)),
         TestScenarios.Driver("b", new FixedDistribution(0.05), YearlyVariation.Growth(0.05)),
         TestScenarios.Driver("c", new FixedDistribution(0.05), YearlyVariation.Growth(0.05))],
        [TestScenarios.Indicator("x", 1, new CompoundGrowthModel("a"), 1.2)],
        [new Correlation("a", "b", 0.9), new Correlation("b", "c", 0.9), new Correlation("a", "c", -0.9)]);
}
