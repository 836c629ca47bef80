using Forecast.Engine.Model;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.Simulation;
using Forecast.Runner.Output;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Robustness;

/// <summary>
/// The engine defends itself for a library user who builds scenarios in code: a number outside its domain is refused
/// when the plan is compiled, a value that is not finite fails the run naming indicator, year and drivers, and long
/// loops give way to cancellation.
/// </summary>
public class EngineGuardTests
{
    private static Scenario Firms(Distribution exitRate, Distribution entries, double target = 600) => TestScenarios.Of(
        [TestScenarios.Driver("new", entries, YearlyVariation.NegativeBinomial(30)), TestScenarios.Driver("exit", exitRate, YearlyVariation.None)],
        [TestScenarios.Indicator("firms", 268, new StockFlowModel("new", "exit"), target)], paths: 2048);

    [Fact]
    public void AProbabilityAboveOne_IsRefusedWhenCompiled_NamingTheDriverAndParameter()
    {
        var scenario = Firms(new PertDistribution(0.02, 0.05, 1.5), new PertDistribution(45, 60, 90));
        var refused = Assert.Throws<ScenarioDomainException>(() => MonteCarlo.Run(scenario));
        Assert.Equal("exit", refused.Subject);
        Assert.Equal("level.max", refused.Parameter);
        Assert.StartsWith("'exit' level.max is outside its domain: 'exit' is a probability", refused.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidScenarioException>(refused);
    }

    [Fact]
    public void ACountMeanOf1e12_IsRefusedWhenCompiled_InsteadOfThrowingFromTheSpecialFunctions()
    {
        var scenario = Firms(new PertDistribution(0.02, 0.05, 0.1), new PertDistribution(45, 60, 1e12));
        var refused = Assert.Throws<ScenarioDomainException>(() => MonteCarlo.Run(scenario));
        Assert.Equal(("new", "level.max"), (refused.Subject, refused.Parameter));
    }

    [Fact]
    public void ANegativeTargetForACount_IsRefused_NamingTheIndicator()
    {
        var scenario = Firms(new PertDistribution(0.02, 0.05, 0.1), new PertDistribution(45, 60, 90), target: -600);
        var refused = Assert.Throws<ScenarioDomainException>(() => MonteCarlo.Run(scenario));
        Assert.Equal(("firms", "target.value"), (refused.Subject, refused.Parameter));
    }

    [Fact]
    public void AValueThatIsNotFinite_FailsTheRun_NamingIndicatorYearAndDrivers()
    {
        // What the domain makes all but impossible, forced into one cell: a path's value of 2023 is NaN.
        var scenario = TestScenarios.Of(
            [TestScenarios.Driver("g", new NormalDistribution(0.05, 0.01), YearlyVariation.Growth(0.02)),
             TestScenarios.Driver("h", new NormalDistribution(0.02, 0.01), YearlyVariation.Growth(0.02))],
            [TestScenarios.Indicator("x", 1, new CompoundGrowthModel("g"), 1.2),
             TestScenarios.Indicator("y", 2, new RatioModel(Quantity.Of("x"), Quantity.Growing("h")), 2.5)]);
        var plan = SimulationPlan.Compile(scenario);
        var acc = new SimulationAccumulator(plan, grid: null);
        int y = Array.FindIndex(plan.Indicators, i => i.Source.Id == "y");
        acc.Cells.Record(acc.Cell(y, 3), [1.0, double.NaN, 2.0]);

        var refused = Assert.Throws<ScenarioDomainException>(() => NonFiniteValues.ThrowIfAny(plan, acc));

        Assert.Equal("h", refused.Subject);
        Assert.Equal("value in 2023", refused.Parameter);
        Assert.Equal("indicators[1].model", refused.Violations[0].Path);
        Assert.Equal("'y' took a value that is not a finite number in 2023 on some path (driven by 'h', 'g'): the drivers' numbers carry it beyond " +
            "the largest double; lower them", refused.Violations[0].Message);
    }

    [Fact]
    public void SobolBootstrap_StopsAtTheNextReplicate_WhenCancelledAfterTheModelRuns()
    {
        // The token is cancelled by the model's last evaluation, so only the bootstrap can notice it (before, it ran all
        // its replicates and returned).
        using var cancellation = new CancellationTokenSource();
        int rowsLeft = 500 * (3 + 2);
        BlockModel model = (inputs, rows, k, outputs) =>
        {
            for (int r = 0; r < rows; r++) outputs[r] = inputs[r * k] + 2 * inputs[r * k + 1] * inputs[r * k + 2];
            rowsLeft -= rows;
            if (rowsLeft == 0) cancellation.Cancel();
        };

        Assert.Throws<OperationCanceledException>(() => SobolAnalysis.Estimate(3, model, 500, seed: 1, bootstrapReplicates: 100_000, cancellationToken: cancellation.Token));
        Assert.Equal(0, rowsLeft);
    }

    [Fact]
    public void AnOutputFolder_StopsStagingAndCommitting_OnceCancelled()
    {
        string outDir = CliHarness.TempFolder();
        using var cancellation = new CancellationTokenSource();
        using var folder = OutputFolder.Open(outDir, "probe", force: false, cancellation.Token);
        File.WriteAllText(folder.StagedFile("summary.json"), "{}");

        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => folder.StagedFile("plots/fan.png"));
        Assert.Throws<OperationCanceledException>(() => folder.Commit());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AnAbandonedOutputFolder_LosesItsStagingFolder_AndCannotCommit()
    {
        string outDir = CliHarness.TempFolder();
        using var folder = OutputFolder.Open(outDir, "probe", force: false);
        File.WriteAllText(folder.StagedFile("summary.json"), "{}");
        string parent = Path.GetDirectoryName(outDir)!;
        string staging = $".{Path.GetFileName(outDir)}.staging-";
        Assert.Contains(Directory.GetDirectories(parent), d => Path.GetFileName(d).StartsWith(staging, StringComparison.Ordinal));

        folder.Abandon();

        Assert.DoesNotContain(Directory.GetDirectories(parent), d => Path.GetFileName(d).StartsWith(staging, StringComparison.Ordinal));
        Assert.Throws<OperationCanceledException>(() => folder.Commit());
        Assert.False(Directory.Exists(outDir));
    }
}
