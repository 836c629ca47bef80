using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Tests.WhatIf;

public class LeverTests
{
    private static readonly Scenario Baseline = ScenarioReader.Read(WhatIfScenarios.Baseline);

    [Fact]
    public void Mean_ShiftsABoundedLevel_KeepingItsShape()
    {
        // PERT(45, 60, 90) has mean (45 + 4·60 + 90)/6 = 62.5; a mean of 80 shifts every bound by 17.5.
        var level = new Lever("hightech_new", "mean").Apply(Baseline, 80).Driver("hightech_new").Level;
        var pert = Assert.IsType<PertDistribution>(level);
        Assert.Equal((62.5, 77.5, 107.5), (pert.Min, pert.Mode, pert.Max));
        Assert.Equal(80, pert.Mean, 9);
    }

    [Fact]
    public void Lever_SetsTheFirstLevel_AndMovesLaterLevelsByTheSameAmount()
    {
        var cultivation = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", "whatif-cultivation-2023.yaml"));
        var driver = new Lever("hightech_new", "mode").Apply(cultivation, 70).Driver("hightech_new");
        Assert.Equal(new PertDistribution(45, 70, 90), driver.Level);
        Assert.Equal([new LevelChange(2023, new PertDistribution(60, 90, 115))], driver.LevelChanges);
    }

    [Fact]
    public void Lever_AtTheCurrentValue_GivesTheSameSimulation()
    {
        var lever = new Lever("rd_spending_growth", "mean");
        var options = new SimulationOptions(Paths: 2048, Seed: 4);
        var pruned = ScenarioPruning.Keep(Baseline, ["rd_intensity"]);
        var expected = MonteCarlo.Run(pruned, options)["rd_intensity"];
        var actual = MonteCarlo.Run(lever.Apply(pruned, lever.CurrentValue(pruned)), options)["rd_intensity"];
        Assert.Equal((expected.Probability, expected.TargetYear), (actual.Probability, actual.TargetYear));
    }

    [Theory]
    [InlineData("hightech_nwe", "mean", "driver 'hightech_nwe' is not in scenario 'liaocheng-2025-assumptions' (did you mean 'hightech_new'?)")]
    [InlineData("hightech_new", "sd", "'sd' is not a parameter of hightech_new's level, pert(45, 60, 90); it takes min, mode, max, mean")]
    [InlineData("hightech_new", "mdoe", "(did you mean 'mode'?)")]
    public void Problem_NamesWhatIsWrong(string driver, string parameter, string message)
    {
        Assert.Contains(message, new Lever(driver, parameter).Problem(Baseline), StringComparison.Ordinal);
    }

    [Fact]
    public void TryApply_RefusesAValueThatBreaksTheDistribution_AndSaysWhy()
    {
        var (scenario, problem) = new Lever("hightech_new", "mode").TryApply(Baseline, 95);
        Assert.Null(scenario);
        Assert.Equal("hightech_new.mode = 95 makes the level pert(45, 95, 90): mode (95) must not exceed max (90)", problem);
    }

    [Fact]
    public void Pruning_KeepsATargetsPerPathOutcomes_BitForBit()
    {
        // The high-tech enterprise stock needs hightech_new and hightech_exit_rate; hightech_new's correlations pull in
        // its whole correlated group; the rest (24 indicators, most drivers) goes.
        var pruned = ScenarioPruning.Keep(Baseline, ["hightech_enterprises"]);
        Assert.True(pruned.Drivers.Count < Baseline.Drivers.Count && pruned.Indicators.Count < Baseline.Indicators.Count);
        Assert.Equal(Baseline.FirstYear, pruned.FirstYear);
        var options = new SimulationOptions(Paths: 2048, Seed: 8);
        var full = MonteCarlo.Run(Baseline, options)["hightech_enterprises"];
        var part = MonteCarlo.Run(pruned, options)["hightech_enterprises"];
        Assert.Equal(full.Probability, part.Probability);
        Assert.Equal(full.Years.Select(y => (y.P5, y.P50, y.P95, y.Mean)), part.Years.Select(y => (y.P5, y.P50, y.P95, y.Mean)));
    }
}
