using System.Globalization;
using Forecast.Runner.Sharding;
using Forecast.Tests.Runner;
using Forecast.Tests.WhatIf;
using Xunit;
using static Forecast.Tests.Sharding.ShardProcesses;

namespace Forecast.Tests.Sharding;

/// <summary>
/// sweep --shard and sensitivity --shard as a batch scheduler runs them: n separate processes, each told its shard by the
/// scheduler's variable, then merge; the merged folder equals the single analysis's byte for byte, and the merge prints
/// its summary. And every partial the merge cannot use is refused, with nothing written.
/// </summary>
public class ShardedWhatIfCommandTests
{
    private static readonly Lazy<string> Scenario = new(() => WhatIfScenarios.Write("small.yaml", WhatIfScenarios.SmallYaml));

    // A grid of 3 × 2 = 6 points (7 shards leave one empty), and a sensitivity analysis of 5 tornado runs, a design whose
    // 5 calls of 300 rows make 10 chunks, and 3 blocks of rank-correlation paths: 18 evaluations.
    private static string[] Sweep(params string[] more) =>
        ["sweep", Scenario.Value, "--lever", "a.mean=0.04:0.12:2", "--lever", "c.mode=0.02:0.04:1", "--paths", "1500", .. more];

    private static string[] Sensitivity(params string[] more) =>
        ["sensitivity", Scenario.Value, "--paths", "1024", "--samples", "300", "--spearman-paths", "2500", .. more];

    [Theory]
    [InlineData("sweep", 1, "JOB_COMPLETION_INDEX")]
    [InlineData("sweep", 2, "SLURM_ARRAY_TASK_ID")]
    [InlineData("sweep", 7, "JOB_COMPLETION_INDEX")]
    [InlineData("sensitivity", 1, "SLURM_ARRAY_TASK_ID")]
    [InlineData("sensitivity", 2, "JOB_COMPLETION_INDEX")]
    [InlineData("sensitivity", 7, "SLURM_ARRAY_TASK_ID")]
    public async Task Merge_OfShardsRunAsSeparateProcesses_EqualsTheSingleAnalysis_ByteForByte(string command, int n, string variable)
    {
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials"), merged = Path.Combine(work, "merged");
        string[] analysis = command == "sweep" ? Sweep() : Sensitivity();
        var alone = await CliHarness.Run([.. analysis, "--no-plots", "--out", single]);
        Assert.True(alone.ExitCode == 0, alone.Error);
        Directory.CreateDirectory(partials);
        for (int i = 0; i < n; i++)
        {
            // Slurm arrays may start at 1 (--array=1-n): the shard is the task id less SLURM_ARRAY_TASK_MIN.
            var environment = variable == "SLURM_ARRAY_TASK_ID"
                ? new Dictionary<string, string> { [variable] = (i + 1).ToString(CultureInfo.InvariantCulture), ["SLURM_ARRAY_TASK_MIN"] = "1" }
                : new Dictionary<string, string> { [variable] = i.ToString(CultureInfo.InvariantCulture) };
            await RunForecast(environment, [.. analysis, "--shard", $"auto/{n}", "--partial", partials + "/"]);
        }
        var files = Directory.GetFiles(partials);
        Assert.Equal(n, files.Length);
        Assert.All(files, f => Assert.Contains($"small-{command}-shard-", Path.GetFileName(f), StringComparison.Ordinal));
        var merge = await CliHarness.Run(["merge", .. files.OrderDescending(StringComparer.Ordinal), "--no-plots", "--out", merged]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        AssertSameFolder(single, merged, command == "sweep" ? "sweep.csv" : "sobol.csv");
        // The console summary is the single analysis's (its table and notes), then the merge's own line.
        Assert.Equal(Summary(alone.Out), Summary(merge.Out));
        Assert.Contains($"Merged {n} {(n == 1 ? "partial" : "partials")} of a {command}", merge.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_IsIndependentOfTheOrderOfThePartials()
    {
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials") + "/";
        // The plain design with bootstrap intervals (the other test runs the scrambled Sobol design).
        string[] analysis = Sensitivity("--bootstrap", "30", "--indicator", "x", "--top", "1");
        Assert.Equal(0, (await CliHarness.Run([.. analysis, "--no-plots", "--out", single])).ExitCode);
        for (int i = 0; i < 3; i++) Assert.Equal(0, (await CliHarness.Run([.. analysis, "--shard", $"{i}/3", "--partial", partials])).ExitCode);
        var files = Directory.GetFiles(partials).Order(StringComparer.Ordinal).ToArray();
        foreach (var order in new[] { new[] { 0, 1, 2 }, [2, 0, 1], [1, 2, 0] })
        {
            string merged = Path.Combine(work, "merged-" + string.Join("", order));
            var merge = await CliHarness.Run(["merge", .. order.Select(j => files[j]), "--no-plots", "--out", merged]);
            Assert.True(merge.ExitCode == 0, merge.Error);
            AssertSameFolder(single, merged, "tornado.csv");
        }
        // A folder of partials serves as well; without --out the merge writes the analysis's own default folder name.
        string cwd = Path.Combine(work, "cwd");
        Directory.CreateDirectory(cwd);
        var start = CliHarness.ProcessStart("merge", Path.GetFullPath(partials), "--no-plots");
        start.WorkingDirectory = cwd;
        await CliHarness.RunProcess(start);
        AssertSameFolder(single, Path.Combine(cwd, "out", "small-sensitivity-x"), "spearman.csv");
    }

    [Fact]
    public async Task Merge_WritesTheSingleSweepsPlots_EachInItsOwnProcess()
    {
        // Processes of their own, as a user runs them: the SVG writer numbers its clip paths per process.
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials") + "/", merged = Path.Combine(work, "merged");
        string[] sweep = ["sweep", Scenario.Value, "--lever", "a.mean=0.04:0.12:2", "--paths", "1024"];
        await RunForecast(new Dictionary<string, string>(), [.. sweep, "--out", single]);
        for (int i = 0; i < 2; i++) Assert.Equal(0, (await CliHarness.Run([.. sweep, "--shard", $"{i}/2", "--partial", partials])).ExitCode);
        await RunForecast(new Dictionary<string, string>(), "merge", partials, "--out", merged);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(merged, "plots"), "*.svg"));
        AssertSameFolder(single, merged, "sweep.csv");
    }

    [Fact]
    public async Task Merge_RefusesEveryPartialThatDoesNotBelong_AndWritesNothing()
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        string Shard(string name, string[] analysis, int i, int n)
        {
            string file = Path.Combine(work, name + PartialFile.Extension);
            var outcome = CliHarness.Run([.. analysis, "--shard", $"{i}/{n}", "--partial", file]).GetAwaiter().GetResult();
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            return file;
        }
        string[] sensitivity = ["sensitivity", Scenario.Value, "--paths", "512", "--samples", "16", "--spearman-paths", "600"];
        string s0 = Shard("s0", Sweep(), 0, 2), s1 = Shard("s1", Sweep(), 1, 2);
        string otherGrid = Shard("grid", ["sweep", Scenario.Value, "--lever", "a.mean=0.04:0.12:3", "--lever", "c.mode=0.02:0.04:1", "--paths", "1500"], 1, 2);
        string e0 = Shard("e0", sensitivity, 0, 2), e1 = Shard("e1", sensitivity, 1, 2);
        string otherSamples = Shard("samples", ["sensitivity", Scenario.Value, "--paths", "512", "--samples", "32", "--spearman-paths", "600"], 1, 2);
        string run = Shard("run", ["run", Scenario.Value, "--paths", "1500"], 1, 2);
        string corrupt = Copy(s1, "corrupt", bytes => bytes[bytes.Length - 40] ^= 0x10);
        string mislabelled = Rewritten(s1, "mislabelled", h => h with { First = 0 });
        string unknown = Rewritten(s1, "unknown", h => h with { Kind = "goal" });
        string unreadable = Rewritten(e1, "unreadable", h => h with { Settings = "--samples many" });
        string unreadable0 = Rewritten(e0, "unreadable0", h => h with { Settings = "--samples many" });

        var cases = new (string[] Files, string File, string Says)[]
        {
            ([s0, otherGrid], otherGrid, "lever grid --lever a.mean=0.04:0.12:3 --lever c.mode=0.02:0.04:1, where"),
            ([e0, otherSamples], otherSamples, "settings --samples 32"),
            ([s0, e1], e1, "the analysis sensitivity, where"),
            ([s0, run], run, "the analysis run, where"),
            ([e0, s1], s1, "the analysis sweep, where"),
            ([s0, corrupt], corrupt, "is corrupt (its checksum does not match"),
            ([s0, mislabelled], mislabelled, "is corrupt (shard 1/2 with units 0 to 6, where this sweep gives that shard 3 to 6)"),
            ([unknown], unknown, "is a partial of 'goal'"),
            ([e0, unreadable], unreadable, "settings --samples many"),
            ([unreadable, unreadable0], unreadable0, "its settings '--samples many' cannot be read"),
            ([s0, s1, s1], s1, "as is"),
            ([e1], e1, "shard 0 is missing"),
        };
        foreach (var (files, file, says) in cases)
        {
            string output = Path.Combine(work, "out-" + Guid.NewGuid().ToString("N"));
            var merge = await CliHarness.Run(["merge", .. files, "--no-plots", "--out", output]);
            AssertRefused(merge, output, says, file);
        }
        string reportOut = Path.Combine(work, "out-report");
        AssertRefused(await CliHarness.Run("merge", s0, s1, "--report", "--out", reportOut), reportOut, "--report writes the report of a run", "--report");

        string Copy(string from, string name, Action<byte[]> change) => TamperedPartial.Copy(work, from, name, change);

        string Rewritten(string from, string name, Func<PartialHeader, PartialHeader> change) => TamperedPartial.Rewritten(work, from, name, change);
    }

    [Theory]
    [InlineData("sweep", "--shard needs --partial", "--shard", "0/2")]
    [InlineData("sensitivity", "give the shard with --shard", "--partial", "x.fcpartial")]
    [InlineData("sweep", "--shard expects i/n", "--shard", "1of2", "--partial", "x.fcpartial")]
    [InlineData("sensitivity", "must lie in 0 to 1", "--shard", "2/2", "--partial", "x.fcpartial")]
    // Sweep and sensitivity run fixed paths per point or evaluation: they have no --precision, sharded or not.
    [InlineData("sweep", "'--precision'", "--shard", "0/2", "--partial", "x.fcpartial", "--precision", "0.01")]
    [InlineData("sensitivity", "'--precision'", "--shard", "0/2", "--partial", "x.fcpartial", "--precision", "0.01")]
    public async Task Shard_RefusesOptionsItCannotUse_WithAClearMessage(string command, string says, params string[] options)
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        var args = options.Select(o => o == "x.fcpartial" ? Path.Combine(work, o) : o);
        var outcome = await CliHarness.Run([.. command == "sweep" ? Sweep() : Sensitivity(), .. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(says, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(work));
    }

    private static void AssertRefused(CliHarness.Outcome merge, string output, string says, string file)
    {
        Assert.True(merge.ExitCode == 2, $"{says}: exit {merge.ExitCode} {merge.Error}");
        Assert.Contains(file, merge.Error, StringComparison.Ordinal);
        Assert.Contains(says, merge.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", merge.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", merge.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), $"{says}: the output folder was created");
    }

    /// <summary>The console's summary without the line that times the command and names its folder, and without the merge's own line.</summary>
    private static List<string> Summary(string console) => console.Split('\n')
        .Where(line => !line.Contains(" s. Wrote ", StringComparison.Ordinal) && !line.StartsWith("Merged ", StringComparison.Ordinal))
        .ToList();
}
