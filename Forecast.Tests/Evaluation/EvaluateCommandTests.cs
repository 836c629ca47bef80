using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Scenarios;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Evaluation;

/// <summary>distribution.json in the run folder, and <c>forecast evaluate</c> end to end on the shipped baseline and outcomes.</summary>
public class EvaluateCommandTests
{
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    private static readonly string Outcomes = RepositoryFiles.Path("scenarios", "history", "liaocheng-outcomes.csv");

    /// <summary>One small run of the baseline, shared by the tests that only read it.</summary>
    private static readonly Lazy<Task<string>> SharedRun = new(async () =>
    {
        string folder = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--no-plots", "--out", folder);
        Assert.Equal(0, outcome.ExitCode);
        return folder;
    });

    [Fact]
    public async Task Run_WritesDistributionJson_ThatReadsBackToTheEngineDistribution()
    {
        string folder = await SharedRun.Value;
        var stored = DistributionJson.Read(Path.Combine(folder, DistributionJson.FileName));
        var fresh = ForecastRun.Run(ScenarioReader.Read(Liaocheng), new SimulationOptions(Paths: 5000)).Distribution;
        Assert.Equal(("liaocheng-2025", 5000L, 20220214UL, SamplingMethod.Random), (stored.Scenario, stored.Paths, stored.Seed, stored.Sampling));
        Assert.Equal(26, stored.Indicators.Count);
        foreach (var (a, b) in stored.Indicators.Zip(fresh.Indicators))
        {
            Assert.Equal(b.Id, a.Id);
            Assert.Equal(b.Years.Select(y => y.Year), a.Years.Select(y => y.Year));
            foreach (var (x, y) in a.Years.Zip(b.Years))
            {
                // Shortest round-trip numbers: the same doubles.
                Assert.True(x.Distribution.Quantiles.SequenceEqual(y.Distribution.Quantiles));
                Assert.Equal((y.Distribution.Min, y.Distribution.Max, y.Distribution.Mean), (x.Distribution.Min, x.Distribution.Max, x.Distribution.Mean));
            }
        }
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, DistributionJson.FileName)));
        Assert.Equal(1, json.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal(1000, json.RootElement.GetProperty("grid").GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task DistributionJson_IsIdenticalByteForByte_ForOneAndTwoThreads()
    {
        var files = new List<byte[]>();
        foreach (string threads in new[] { "1", "2" })
        {
            string folder = CliHarness.TempFolder();
            var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "3000", "--threads", threads, "--no-plots", "--out", folder);
            Assert.Equal(0, outcome.ExitCode);
            files.Add(await File.ReadAllBytesAsync(Path.Combine(folder, DistributionJson.FileName)));
        }
        Assert.Equal(files[0], files[1]);
    }

    [Fact]
    public async Task DistributionJson_OfAnotherVersion_IsRefusedWithItsFileNamed()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, DistributionJson.FileName);
        string text = await File.ReadAllTextAsync(Path.Combine(await SharedRun.Value, DistributionJson.FileName));
        await File.WriteAllTextAsync(file, text.Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal));
        var e = Assert.Throws<InputException>(() => DistributionJson.Read(file));
        Assert.Contains("format version 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("newer forecast", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_OnTheShippedOutcomes_PrintsTheTable_AndWritesItsFiles()
    {
        string run = await SharedRun.Value;
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("evaluate", run, Outcomes, "--out", outDir, "--report");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("liaocheng-2025 against the outcomes", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Targets the outcomes speak to", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("not in this forecast", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("the base year: the forecast starts from 268 in 2020", outcome.Out, StringComparison.Ordinal);
        foreach (string f in new[] { "evaluation.json", "evaluation.csv", "report.html", "plots/pit-histogram.png", "plots/fan-hightech_enterprises.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "evaluation.json")));
        var root = json.RootElement;
        Assert.Equal("Liaocheng", root.GetProperty("region").GetString());
        var scored = root.GetProperty("scored").EnumerateArray().ToList();
        int rows = File.ReadAllLines(Outcomes).Length - 1;
        Assert.Equal(rows, scored.Count + root.GetProperty("notScored").GetArrayLength());
        // 918 high-tech enterprises in 2024: far above the forecast's 90% band, PIT 1.
        var hightech2024 = scored.Single(s => s.GetProperty("indicator").GetString() == "hightech_enterprises" && s.GetProperty("year").GetInt32() == 2024);
        Assert.Equal("above", hightech2024.GetProperty("in90").GetString());
        Assert.True(hightech2024.GetProperty("pit").GetDouble() > 0.999);
        // "At least 1000" in 2025 settles the 600 target: met, though the forecast gave it about 2%.
        var target = root.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("indicator").GetString() == "hightech_enterprises");
        Assert.Equal("met", target.GetProperty("outcome").GetString());
        Assert.InRange(target.GetProperty("brier").GetDouble(), 0.9, 1);
        var summary = root.GetProperty("summary");
        Assert.Equal(scored.Count, summary.GetProperty("pitHistogram").GetProperty("weights").EnumerateArray().Sum(w => w.GetDouble()), 1e-9);

        var csv = File.ReadAllLines(Path.Combine(outDir, "evaluation.csv"));
        Assert.StartsWith("indicator,actual_indicator,year,value,bound,", csv[0], StringComparison.Ordinal);
        Assert.Equal(rows + 1, csv.Length);
        string html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.Contains("<section id=\"evaluation\">", html, StringComparison.Ordinal);
        Assert.Contains("niita.cn", html, StringComparison.Ordinal);   // the sources are listed
    }

    [Fact]
    public async Task Evaluate_WithAMapping_ScoresTheCumulativeCount()
    {
        string run = await SharedRun.Value;
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("evaluate", run, Outcomes, "--out", outDir, "--no-plots",
            "--map", "new_tech_smes_2021_2025=new_tech_smes");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "evaluation.json")));
        var mapped = json.RootElement.GetProperty("scored").EnumerateArray().Single(s => s.GetProperty("actualIndicator").GetString() == "new_tech_smes_2021_2025");
        Assert.Equal("new_tech_smes", mapped.GetProperty("indicator").GetString());
        Assert.True(mapped.GetProperty("mapped").GetBoolean());
    }

    [Fact]
    public async Task Evaluate_RefusesBadInput_WithLocatedErrors_AndWritesNothing()
    {
        string run = await SharedRun.Value;
        string bad = Path.Combine(CliHarness.TempFolder() + "-bad.csv");
        await File.WriteAllTextAsync(bad, "region,indicator,year,value,bound\nLiaocheng,tech_smes,2024,1.305,over\nLiaocheng,tech_smes,20x4,1,\n");
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("evaluate", run, bad, "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{bad}:2:5: bound: found 'over'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad}:3:3: year:", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));

        var noRun = await CliHarness.Run("evaluate", CliHarness.TempFolder(), Outcomes, "--out", outDir);
        Assert.Equal(2, noRun.ExitCode);
        Assert.Contains("no such folder", noRun.Error, StringComparison.Ordinal);

        var badMap = await CliHarness.Run("evaluate", run, Outcomes, "--out", outDir, "--map", "a=no_such");
        Assert.Equal(2, badMap.ExitCode);
        Assert.Contains("'no_such' is not an indicator", badMap.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Evaluate_AsksForTheRegion_WhenTheOutcomesHoldSeveral()
    {
        string run = await SharedRun.Value;
        string panel = RepositoryFiles.Path("scenarios", "history", "panel-outcomes-2021-2025.csv");
        var outcome = await CliHarness.Run("evaluate", run, Outcomes, panel, "--out", CliHarness.TempFolder(), "--no-plots");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("say which is this forecast's with --region", outcome.Error, StringComparison.Ordinal);
        string outDir = CliHarness.TempFolder();
        var given = await CliHarness.Run("evaluate", run, Outcomes, panel, "--region", "Liaocheng", "--out", outDir, "--no-plots");
        Assert.Equal(0, given.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "evaluation.json")));
        Assert.Contains(json.RootElement.GetProperty("notScored").EnumerateArray(), n => n.GetProperty("reason").GetString() == "other-region");
    }

    [Fact]
    public async Task Evaluate_ARunFolderWithoutDistribution_SaysToRunAgain()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string run = await SharedRun.Value;
        foreach (string f in new[] { "summary.json", "scenario.yaml" }) File.Copy(Path.Combine(run, f), Path.Combine(folder, f));
        var outcome = await CliHarness.Run("evaluate", folder, Outcomes, "--out", CliHarness.TempFolder());
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("has no distribution.json", outcome.Error, StringComparison.Ordinal);
    }
}
