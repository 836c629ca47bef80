using System.Text.Json;
using Forecast.Engine.Simulation;
using Forecast.Runner.Plots;
using Forecast.Scenarios;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Horizon;

/// <summary>
/// Nothing assumes 2021-2025: a 2026-2030 scenario (base 2025, targets 2030, history from 2016, a level change in 2027, every
/// model kind and an every-year target) goes through every command, and its outputs speak of 2026-2030.
/// </summary>
public class HorizonTests
{
    private static string File2030(string name) => RepositoryFiles.Path("Forecast.Tests", "Horizon", "files", name);

    private static readonly string Scenario = File2030("horizon-2030.yaml");

    private static readonly Lazy<Task<string>> SharedRun = new(async () =>
    {
        string folder = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Scenario, "--paths", "4096", "--report", "--out", folder);
        Assert.Equal(0, outcome.ExitCode);
        return folder;
    });

    [Fact]
    public async Task Run_SimulatesTheYears2026To2030_AndReportsTargetsIn2030()
    {
        string folder = await SharedRun.Value;
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "summary.json")));
        foreach (var ind in json.RootElement.GetProperty("indicators").EnumerateArray())
        {
            Assert.Equal(2025, ind.GetProperty("baseYear").GetInt32());
            Assert.Equal(2030, ind.GetProperty("targetYear").GetInt32());
            Assert.Equal([2026, 2027, 2028, 2029, 2030], ind.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
        }
        var summary = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        Assert.All(summary.Skip(1), line => Assert.Contains(",2025,", line, StringComparison.Ordinal));   // the base year column
        Assert.All(summary.Skip(1), line => Assert.Contains(",2030,", line, StringComparison.Ordinal));   // the target year column
        string html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.Contains("every year 2026-2030", html, StringComparison.Ordinal);
        Assert.Contains("in 2030", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "plots", "fan-hightech_enterprises.png")));
        var distribution = Forecast.Runner.Evaluation.DistributionJson.Read(Path.Combine(folder, "distribution.json"));
        Assert.All(distribution.Indicators, i => Assert.Equal([2026, 2027, 2028, 2029, 2030], i.Years.Select(y => y.Year)));
    }

    [Fact]
    public void FanChart_SpansTheHistoryTheBaseAndTheTargetYear()
    {
        var result = Engine.Simulation.MonteCarlo.Run(ScenarioReader.Read(Scenario), new SimulationOptions(Paths: 2048));
        var outcome = result["hightech_enterprises"];
        var (years, _, _, _, _, _) = FanChart.Fan(outcome);
        Assert.Equal([2025.0, 2026, 2027, 2028, 2029, 2030], years);
        var required = FanChart.RequiredPath(outcome)!.Value;
        Assert.Equal(2025, required.Years[0]);
        Assert.Equal(2030, required.Years[^1]);
        Assert.Equal(1500, required.Values[^1], 1e-9);
        Assert.Equal([2020, 2024, 2025], FanChart.Observed(outcome.Indicator).Select(p => p.Year));
        var plot = FanChart.Build(outcome, PlotLanguage.English());
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Left is < 2020 and > 2019 && limits.Right is > 2030 and < 2031, $"x from {limits.Left} to {limits.Right}");
    }

    [Fact]
    public async Task Report_OfTheRunFolder_Works()
    {
        string folder = await SharedRun.Value;
        string out2 = Path.Combine(CliHarness.TempFolder() + ".html");
        var outcome = await CliHarness.Run("report", folder, "--out", out2);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("≥ 1500 in 2030", await File.ReadAllTextAsync(out2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfCommands_RunOnThe2030Scenario()
    {
        string faster = File2030("horizon-2030-faster.yaml");
        var compare = await CliHarness.Run("compare", Scenario, faster, "--paths", "2048", "--out", CliHarness.TempFolder());
        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("horizon-2030 vs horizon-2030-faster", compare.Out, StringComparison.Ordinal);
        var sweep = await CliHarness.Run("sweep", Scenario, "--lever", "hightech_new.mean=140:200:2", "--paths", "1024", "--out", CliHarness.TempFolder());
        Assert.Equal(0, sweep.ExitCode);
        var goal = await CliHarness.Run("goal", Scenario, "--indicator", "hightech_enterprises", "--lever", "hightech_new.mean", "--paths", "2048", "--out", CliHarness.TempFolder());
        Assert.Equal(0, goal.ExitCode);
        Assert.Contains("≥ 1500 in 2030", goal.Out, StringComparison.Ordinal);
        var sensitivity = await CliHarness.Run("sensitivity", Scenario, "--paths", "1024", "--samples", "128", "--bootstrap", "20", "--spearman-paths", "1024",
            "--out", CliHarness.TempFolder());
        Assert.Equal(0, sensitivity.ExitCode);
    }

    [Fact]
    public async Task Calibrate_FitsHistoryTo2025_AndItsScenarioRuns()
    {
        string outDir = CliHarness.TempFolder();
        var calibrate = await CliHarness.Run("calibrate", File2030("horizon-2030-history.csv"), "--scenario", Scenario, "--out", outDir);
        Assert.Equal(0, calibrate.ExitCode);
        var calibrated = ScenarioReader.Read(Path.Combine(outDir, "horizon-2030-calibrated.yaml"));
        Assert.Equal(2030, calibrated.LastYear);
        var run = await CliHarness.Run("run", Path.Combine(outDir, "horizon-2030-calibrated.yaml"), "--paths", "1024", "--no-plots", "--out", CliHarness.TempFolder());
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task TargetsAndEvaluate_WorkOnThe2030Scenario()
    {
        string targetsDir = CliHarness.TempFolder();
        var targets = await CliHarness.Run("targets", Scenario, "--paths", "4096", "--out", targetsDir);
        Assert.Equal(0, targets.ExitCode);
        Assert.Contains("every year 2026-2030", targets.Out, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(targetsDir, "targets.json"))))
            Assert.All(json.RootElement.GetProperty("indicators").EnumerateArray(), i => Assert.Equal(2030, i.GetProperty("targetYear").GetInt32()));

        string evalDir = CliHarness.TempFolder();
        var evaluate = await CliHarness.Run("evaluate", await SharedRun.Value, File2030("horizon-2030-outcomes.csv"), "--out", evalDir);
        Assert.Equal(0, evaluate.ExitCode);
        using var evaluation = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(evalDir, "evaluation.json")));
        Assert.Equal(4, evaluation.RootElement.GetProperty("scored").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(evalDir, "plots", "fan-hightech_enterprises.png")));
    }
}
