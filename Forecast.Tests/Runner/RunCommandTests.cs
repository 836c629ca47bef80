using Forecast.Engine.Simulation;
using System.Text.Json;

namespace Forecast.Tests.Runner;

public class RunCommandTests
{
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Fact]
    public async Task Run_OnShippedScenario_WritesSummaryFilesAndPrintsTheTable()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "20000", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "trajectories.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "summary.csv")));
        Assert.Contains("High-tech enterprises", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Inconsistent targets", outcome.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(outDir)!, $".{Path.GetFileName(outDir)}.staging-*"));
    }

    [Fact]
    public async Task SummaryJson_IsIdenticalByteForByte_ForOneTwoAndEightThreads()
    {
        var files = new List<byte[]>();
        foreach (var threads in new[] { "1", "2", "8" })
        {
            string outDir = CliHarness.TempFolder();
            var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "30000", "--threads", threads, "--out", outDir);
            Assert.Equal(0, outcome.ExitCode);
            files.Add(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        }
        Assert.Equal(files[0], files[1]);
        Assert.Equal(files[0], files[2]);
    }

    [Fact]
    public async Task SummaryJson_FollowsTheContract_WithOneEntryPerIndicatorAndTarget()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--seed", "11", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var root = doc.RootElement;
        Assert.Equal("liaocheng-2025", root.GetProperty("scenario").GetString());
        Assert.Equal(5000, root.GetProperty("paths").GetInt64());
        Assert.Equal(11UL, root.GetProperty("seed").GetUInt64());
        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(26, indicators.Count);
        foreach (var ind in indicators)
        {
            foreach (var key in new[] { "id", "baseYear", "baseValue", "targetYear", "target", "probability", "probabilityCi95", "requiredAnnualGrowth", "years" })
                Assert.True(ind.TryGetProperty(key, out _), $"missing {key}");
            double p = ind.GetProperty("probability").GetDouble();
            var ci = ind.GetProperty("probabilityCi95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.True(ci[0] <= p && p <= ci[1]);
            foreach (var year in ind.GetProperty("years").EnumerateArray())
                foreach (var key in new[] { "year", "mean", "p5", "p25", "p50", "p75", "p95", "probability" })
                    Assert.True(year.TryGetProperty(key, out _), $"missing years[].{key}");
        }
        Assert.InRange(root.GetProperty("allTargetsProbability").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Precision_AddsPathsUntilEveryIntervalIsNarrowEnough()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--precision", "0.01", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        foreach (var ind in doc.RootElement.GetProperty("indicators").EnumerateArray())
        {
            var ci = ind.GetProperty("probabilityCi95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.True((ci[1] - ci[0]) / 2 <= 0.01, $"{ind.GetProperty("id")}: half-width {(ci[1] - ci[0]) / 2}");
        }
        // The widest interval (p near 0.5) needs about 1.96²·0.25/0.01² ≈ 9,604 paths; a precision run adds
        // waves of 2 shards of 16,384 paths, so it stops after the first.
        Assert.Equal(2 * BlockRunner.PathsPerShard, doc.RootElement.GetProperty("paths").GetInt64());
        Assert.Equal(32_768, doc.RootElement.GetProperty("paths").GetInt64());
    }

    [Fact]
    public async Task MissingScenarioFile_ExitsWithTwo_AndNamesTheFile()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", "no/such/scenario.yaml", "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no/such/scenario.yaml", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task UnknownOption_ExitsWithTwo_AndPrintsTheUsageLine()
    {
        var outcome = await CliHarness.Run("run", Liaocheng, "--pathz", "10");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--pathz", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: forecast run <scenario> [options]", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--paths", "0", "--paths must be at least 1")]
    [InlineData("--precision", "0.7", "--precision must lie in (0, 0.5]")]
    [InlineData("--threads", "-1", "--threads must be 0")]
    [InlineData("--paths", "many", "many")]
    public async Task BadOptionValue_ExitsWithTwo_AndSaysWhatIsExpected(string option, string value, string expected)
    {
        var outcome = await CliHarness.Run("run", Liaocheng, option, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputFolderOfAnotherScenario_IsLeftIntact_WithoutForce()
    {
        string outDir = CliHarness.TempFolder();
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, ".forecast-output"), "another-scenario\n");
        File.WriteAllText(Path.Combine(outDir, "summary.json"), "{\"mine\": true}");
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "2000", "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("another-scenario", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("{\"mine\": true}", File.ReadAllText(Path.Combine(outDir, "summary.json")));

        var forced = await CliHarness.Run("run", Liaocheng, "--paths", "2000", "--out", outDir, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.Ordinal);
        Assert.Contains("liaocheng-2025", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenarioWithErrors_ExitsWithTwo_ListsEveryProblemWithItsLine_AndWritesNothing()
    {
        string scenario = Path.Combine(CliHarness.TempFolder() + ".yaml");
        File.WriteAllText(scenario, """
            name: broken
            drivers:
              - id: g
                level: {dist: normal, mean: 0.1, sd: -0.02}
                yearly: {kind: growth, sd: 0.05}
            indicators:
              - id: x
                base: {year: 2020, value: 1}
                model: {kind: compound, growht: g}
                target: {year: 2019, value: 2}
            """);
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", scenario, "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(":9:", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("unknown key 'growht' (did you mean 'growth'?)", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
