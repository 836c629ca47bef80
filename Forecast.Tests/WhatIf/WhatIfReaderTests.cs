using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;
using Forecast.Tests.Runner;

namespace Forecast.Tests.WhatIf;

public class WhatIfReaderTests
{
    private static readonly Scenario Baseline = ScenarioReader.Read(WhatIfScenarios.Baseline);

    private static InputError SingleError(string path)
    {
        var e = Assert.Throws<InputException>(() => ScenarioReader.Read(path));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void WhatIf_ThatOverridesNothing_IsTheBaseScenario_UnderTheFilesName_AndSimulatesIdentically()
    {
        var whatIf = ScenarioReader.Read(WhatIfScenarios.WhatIf("", "nothing-changes.yaml"));
        Assert.Equal("nothing-changes", whatIf.Name);
        WhatIfScenarios.AssertSameContent(Baseline, whatIf);
        var options = new SimulationOptions(Paths: 2048, Seed: 5);
        var expected = MonteCarlo.Run(Baseline, options);
        var actual = MonteCarlo.Run(whatIf, options);
        Assert.Equal(expected.Indicators.Select(o => (o.Probability, o.TargetYear)), actual.Indicators.Select(o => (o.Probability, o.TargetYear)));
        Assert.Equal(expected.AllTargetsProbability, actual.AllTargetsProbability);
    }

    [Theory]
    [InlineData("whatif-high-investment", new[] { "rd_spending_growth", "industrial_rd_growth" })]
    [InlineData("whatif-weak-cultivation", new[] { "hightech_new", "tech_sme_new" })]
    [InlineData("whatif-shock-2022", new[] { "gdp_growth", "industrial_revenue_growth", "rd_spending_growth", "industrial_rd_growth", "hightech_new" })]
    [InlineData("whatif-cultivation-2023", new[] { "hightech_new", "tech_sme_new" })]
    public void ShippedWhatIfs_ChangeOnlyTheDriversTheyName(string file, string[] changed)
    {
        var whatIf = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", file + ".yaml"));
        Assert.Equal(file, whatIf.Name);
        Assert.Equal(Baseline.Indicators.Select(i => i.Id), whatIf.Indicators.Select(i => i.Id));
        Assert.Equal(Baseline.Correlations, whatIf.Correlations);
        for (int d = 0; d < Baseline.Drivers.Count; d++)
        {
            var (before, after) = (Baseline.Drivers[d], whatIf.Drivers[d]);
            bool same = before with { Changes = null, Note = null } == after with { Changes = null, Note = null }
                && before.LevelChanges.SequenceEqual(after.LevelChanges);
            Assert.True(same != changed.Contains(before.Id), $"{before.Id}: changed {!same}, expected {changed.Contains(before.Id)}");
        }
    }

    [Fact]
    public void ShockWhatIf_ChangesLevelsIn2022_AndRestoresThemFrom2023()
    {
        var shock = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", "whatif-shock-2022.yaml")).Driver("gdp_growth");
        Assert.Equal(Baseline.Driver("gdp_growth").Level, shock.LevelIn(2021));
        Assert.Equal(new NormalDistribution(0.01, 0.015), shock.LevelIn(2022));
        Assert.Equal(Baseline.Driver("gdp_growth").Level, shock.LevelIn(2023));
    }

    [Fact]
    public void Overrides_ReplaceDriverFields_MergeTargets_AndSetTheHorizon()
    {
        var whatIf = ScenarioReader.Read(WhatIfScenarios.WhatIf("""
            name: custom
            title: {en: Custom, zh: 自定义}
            run: {seed: 7}
            horizon: 2024
            drivers:
              hightech_new:
                level: {dist: pert, min: 50, mode: 70, max: 100}
                changes: [{from: 2023, level: {dist: pert, min: 60, mode: 80, max: 110}}]
              hightech_exit_rate:
                level: 0.04
            correlations:
              - {drivers: [gdp_growth, rd_spending_growth], rho: 0.2}
              - {drivers: [hightech_exit_rate, tech_sme_exit_rate], rho: 0.5}
            indicators:
              hightech_enterprises:
                target: {value: 650}
              rd_intensity:
                target: {year: 2025}
            """));
        Assert.Equal("custom", whatIf.Name);
        Assert.Equal(new LocalizedText("自定义", "Custom"), whatIf.Title);
        Assert.Equal(new RunDefaults(100_000, 7), whatIf.Defaults);
        Assert.Equal(new PertDistribution(50, 70, 100), whatIf.Driver("hightech_new").Level);
        Assert.Equal([new LevelChange(2023, new PertDistribution(60, 80, 110))], whatIf.Driver("hightech_new").LevelChanges);
        Assert.Equal(Baseline.Driver("hightech_new").Yearly, whatIf.Driver("hightech_new").Yearly);
        Assert.Equal(new FixedDistribution(0.04), whatIf.Driver("hightech_exit_rate").Level);
        Assert.Equal(0.2, whatIf.Correlations.Single(c => c.First == "rd_spending_growth" && c.Second == "gdp_growth").Rho);
        Assert.Equal(Baseline.Correlations.Count + 1, whatIf.Correlations.Count);
        Assert.Equal(new Correlation("hightech_exit_rate", "tech_sme_exit_rate", 0.5), whatIf.Correlations[^1]);
        var firms = whatIf.Indicator("hightech_enterprises");
        Assert.Equal(Baseline.Indicator("hightech_enterprises").Target with { Value = 650, Year = 2024 }, firms.Target);
        Assert.Equal(2025, whatIf.Indicator("rd_intensity").Target.Year);
        Assert.All(whatIf.Indicators.Where(i => i.Id != "rd_intensity"), i => Assert.Equal(2024, i.Target.Year));
    }

    [Fact]
    public void WhatIf_CanBuildOnAnotherWhatIf_WithItsBasePathRelativeToItsOwnFolder()
    {
        string first = WhatIfScenarios.WhatIf("drivers:\n  hightech_new:\n    level: 80\n", "first.yaml");
        string second = Path.Combine(Path.GetDirectoryName(first)!, "second.yaml");
        File.WriteAllText(second, "base: first.yaml\nindicators:\n  hightech_enterprises:\n    target: {value: 500}\n");
        var scenario = ScenarioReader.Read(second);
        Assert.Equal(new FixedDistribution(80), scenario.Driver("hightech_new").Level);
        Assert.Equal(500, scenario.Indicator("hightech_enterprises").Target.Value);
    }

    [Theory]
    [InlineData("drivers:\n  hightech_nwe:\n    level: 70\n", 3, "drivers.hightech_nwe", "driver 'hightech_nwe' is not in the base scenario 'liaocheng-2025-assumptions' (did you mean 'hightech_new'?)")]
    [InlineData("indicators:\n  hightech_enterprise:\n    target: {value: 650}\n", 3, "indicators.hightech_enterprise", "(did you mean 'hightech_enterprises'?)")]
    [InlineData("correlations:\n  - {drivers: [gdp_grwth, rd_spending_growth], rho: 0.2}\n", 3, "correlations[0].drivers[0]", "driver 'gdp_grwth' is not in the base scenario 'liaocheng-2025-assumptions' (did you mean 'gdp_growth'?)")]
    [InlineData("driverz:\n  hightech_new:\n    level: 70\n", 2, "driverz", "unknown key 'driverz' (did you mean 'drivers'?)")]
    [InlineData("drivers:\n  hightech_new:\n    level: {dist: pert, min: 45, mode: 95, max: 90}\n", 4, "drivers.hightech_new.level", "min ≤ mode ≤ max")]
    [InlineData("drivers:\n  hightech_new:\n    levle: 70\n", 4, "drivers.hightech_new.levle", "(did you mean 'level'?)")]
    public void OverlayProblems_AreLocatedInTheWhatIfFile_WithFieldAndSuggestion(string overrides, int line, string field, string message)
    {
        string path = WhatIfScenarios.WhatIf(overrides);
        var error = SingleError(path);
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drivers:\n  rd_spending_growth:\n    level: {dist: normal, mean: 0.1, sd: -0.01}\n", 4, "drivers.rd_spending_growth.level", "sd must be at least 0")]
    [InlineData("correlations:\n  - {drivers: [gdp_growth, rd_spending_growth], rho: 1.5}\n", 3, "correlations[0].rho", "a correlation must lie in [-1, 1]")]
    [InlineData("correlations:\n  - {drivers: [gdp_growth, industrial_revenue_growth], rho: -0.9}\n", 2, "correlations", "not positive semi-definite")]
    [InlineData("indicators:\n  hightech_enterprises:\n    target: {year: 2020}\n", 4, "indicators.hightech_enterprises.target.year", "must come after the base year")]
    public void MergedScenarioProblems_AreLocatedWhereTheWhatIfSetTheField(string overrides, int line, string field, string message)
    {
        string path = WhatIfScenarios.WhatIf(overrides);
        var error = SingleError(path);
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HorizonBeforeABaseYear_IsReportedAtTheHorizonLine_ForEveryTargetItBreaks()
    {
        string path = WhatIfScenarios.WhatIf("horizon: 2020\n");
        var e = Assert.Throws<InputException>(() => ScenarioReader.Read(path));
        Assert.Equal(Baseline.Indicators.Count(i => i.BaseYear >= 2020), e.Errors.Count);
        Assert.All(e.Errors, error => Assert.Equal((path, 2, "horizon"), (error.File, error.Line, error.Field)));
    }

    [Fact]
    public void MissingBase_IsLocatedAtTheBaseKey()
    {
        string path = WhatIfScenarios.Write("whatif.yaml", "name: x\nbase: no-such-scenario.yaml\n");
        var error = SingleError(path);
        Assert.Equal((path, 2, "base"), (error.File, error.Line, error.Field));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseById_IsTheShippedScenario_FromAnyFolder()
    {
        // A what-if saved anywhere (the workbench's download) names the shipped baseline by id, not by a path of the server.
        string path = WhatIfScenarios.Write("saved-anywhere.yaml", "base: liaocheng-2025\ndrivers:\n  hightech_exit_rate:\n    level: {dist: pert, min: 0.02, mode: 0.03, max: 0.1}\n");
        var shipped = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"));
        var read = ScenarioReader.Read(path);
        Assert.Equal(new PertDistribution(0.02, 0.03, 0.1), read.Driver("hightech_exit_rate").Level);
        Assert.Equal(shipped.Indicators.Select(i => (i.Id, i.Target)), read.Indicators.Select(i => (i.Id, i.Target)));
        Assert.Equal(Path.GetFullPath(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml")), ShippedScenarios.Resolve("liaocheng-2025"));
        Assert.Equal("liaocheng-2025", ShippedScenarios.IdOf(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml")));
    }

    [Theory]
    [InlineData("liaocheng-2025.yaml", false)]
    [InlineData("../scenarios/liaocheng-2025", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("..", false)]
    [InlineData("liaocheng-2025", true)]
    [InlineData("whatif-plan-inputs", true)]
    public void ShippedIds_HaveNoFolderAndNoEnding(string text, bool isId) => Assert.Equal(isId, ShippedScenarios.IsId(text));

    [Fact]
    public void UnknownBaseId_ListsTheShippedIds()
    {
        string path = WhatIfScenarios.Write("whatif.yaml", "base: liaocheng-2052\n");
        var error = SingleError(path);
        Assert.Equal((path, 1, "base"), (error.File, error.Line, error.Field));
        Assert.Contains("neither a file beside this one nor the id of a shipped scenario", error.Message, StringComparison.Ordinal);
        Assert.Contains("liaocheng-2025", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIfsThatAreEachOthersBase_AreACycleError()
    {
        string a = WhatIfScenarios.Write("a.yaml", "base: b.yaml\n");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(a)!, "b.yaml"), "base: a.yaml\n");
        var error = SingleError(a);
        Assert.Contains("cycle: a.yaml -> b.yaml -> a.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadWhatIf_ExitsWith2_NamingFileLineAndField_AndWritesNothing()
    {
        string path = WhatIfScenarios.WhatIf("drivers:\n  hightech_nwe:\n    level: 70\n");
        string outDir = CliHarness.TempFolder();
        foreach (var args in new[] { new[] { "run", path, "--out", outDir }, ["compare", WhatIfScenarios.Baseline, path, "--out", outDir] })
        {
            var outcome = await CliHarness.Run(args);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains($"{path}:3:3: drivers.hightech_nwe: driver 'hightech_nwe' is not in the base scenario", outcome.Error, StringComparison.Ordinal);
            Assert.Contains("(did you mean 'hightech_new'?)", outcome.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir));
        }
    }
}
