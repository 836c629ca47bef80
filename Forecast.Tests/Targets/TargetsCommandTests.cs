using System.Text.Json;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Targets;

/// <summary><c>forecast targets</c> end to end, and the round trip: <c>run</c> on the overlays it writes shows the probabilities it promised.</summary>
public class TargetsCommandTests
{
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Fact]
    public async Task Targets_RoundTrip_RunOnTheOverlaysReachesTheProbabilities_OnTheSamePaths()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("targets", Liaocheng, "--probability", "0.8", "--paths", "20000", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Joint targets", outcome.Out, StringComparison.Ordinal);
        using var targets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "targets.json")));
        var root = targets.RootElement;
        Assert.Equal([0.5, 0.8, 0.9], root.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()));

        // Every indicator's own 80% target: run on the overlay (same paths and seed) meets each on exactly the share of
        // paths the targets command counted, at least 80%.
        string ownRun = CliHarness.TempFolder();
        var own = await CliHarness.Run("run", Path.Combine(outDir, "liaocheng-2025-targets-p80.yaml"), "--no-plots", "--out", ownRun);
        Assert.Equal(0, own.ExitCode);
        using var ownSummary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ownRun, "summary.json")));
        Assert.Equal(20000, ownSummary.RootElement.GetProperty("paths").GetInt64());
        var probabilities = ownSummary.RootElement.GetProperty("indicators").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => (Target: i.GetProperty("target").GetDouble(), P: i.GetProperty("probability").GetDouble()));
        foreach (var ind in root.GetProperty("indicators").EnumerateArray())
        {
            var at80 = ind.GetProperty("reachable").EnumerateArray().Single(t => t.GetProperty("probability").GetDouble() == 0.8);
            string id = ind.GetProperty("id").GetString()!;
            Assert.Equal(at80.GetProperty("target").GetDouble(), probabilities[id].Target);
            Assert.Equal(at80.GetProperty("achieved").GetDouble(), probabilities[id].P);
            Assert.True(probabilities[id].P >= 0.8, $"{id}: {probabilities[id].P}");
        }

        // The joint headline targets: all eight met together on exactly the share found, at least 80%.
        string jointRun = CliHarness.TempFolder();
        var joint = await CliHarness.Run("run", Path.Combine(outDir, "liaocheng-2025-joint-targets-p80.yaml"), "--no-plots", "--out", jointRun);
        Assert.Equal(0, joint.ExitCode);
        using var jointSummary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(jointRun, "summary.json")));
        double together = jointSummary.RootElement.GetProperty("allHeadlineTargetsProbability").GetDouble();
        Assert.Equal(root.GetProperty("joint").GetProperty("achieved").GetDouble(), together);
        Assert.InRange(together, 0.8, 0.8 + 5.0 / 20000);

        var csv = File.ReadAllLines(Path.Combine(outDir, "targets.csv"));
        Assert.StartsWith("indicator,set,base_year,", csv[0], StringComparison.Ordinal);
        Assert.Equal(1 + 26 * 3 + 8, csv.Length);
    }

    [Fact]
    public async Task Targets_RefusesABadProbabilityOrSet()
    {
        var p = await CliHarness.Run("targets", Liaocheng, "--probability", "1.2", "--out", CliHarness.TempFolder());
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("--probability must lie strictly between 0 and 1", p.Error, StringComparison.Ordinal);
        var set = await CliHarness.Run("targets", Liaocheng, "--set", "hightech_enterprise", "--out", CliHarness.TempFolder());
        Assert.Equal(2, set.ExitCode);
        Assert.Contains("did you mean 'hightech_enterprises'", set.Error, StringComparison.Ordinal);
    }
}
