using System.Security.Cryptography;
using Forecast.Runner.Sharding;
using Forecast.Tests.Runner;
using Xunit;
using static Forecast.Tests.Sharding.ShardProcesses;

namespace Forecast.Tests.Sharding;

/// <summary>
/// run --shard and merge as a batch scheduler uses them: n separate processes, each told its shard by the scheduler's
/// variable, then merge; the merged folder equals the single run's byte for byte. And every partial merge refuses.
/// </summary>
public class MergeCommandTests
{
    private static readonly string Scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    private const string Paths = "10000"; // 10 blocks: every one of 7 shards gets one or two (sums over waves and runner shards: ShardedRunTests)

    [Theory]
    [InlineData(1, "JOB_COMPLETION_INDEX")]
    [InlineData(2, "SLURM_ARRAY_TASK_ID")]
    [InlineData(7, "JOB_COMPLETION_INDEX")]
    public async Task Merge_OfShardsRunAsSeparateProcesses_EqualsTheSingleRun_ByteForByte(int n, string variable)
    {
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials"), merged = Path.Combine(work, "merged");
        var run = await CliHarness.Run("run", Scenario, "--paths", Paths, "--no-plots", "--out", single);
        Assert.True(run.ExitCode == 0, run.Error);
        Directory.CreateDirectory(partials);
        for (int i = 0; i < n; i++)
            await RunForecast(new Dictionary<string, string> { [variable] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                "run", Scenario, "--paths", Paths, "--shard", $"auto/{n}", "--partial", partials);
        var files = Directory.GetFiles(partials);
        Assert.Equal(n, files.Length);
        // Given in reverse order: the merge puts them in shard order itself.
        var merge = await CliHarness.Run(["merge", .. files.OrderDescending(StringComparer.Ordinal), "--no-plots", "--out", merged]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        AssertSameFolder(single, merged);
    }

    [Fact]
    public async Task Merge_IsIndependentOfTheOrderOfThePartials()
    {
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials") + "/";
        string[] run = ["run", Scenario, "--paths", "5000", "--sampling", "antithetic"];
        Assert.Equal(0, (await CliHarness.Run([.. run, "--no-plots", "--out", single])).ExitCode);
        for (int i = 0; i < 3; i++) Assert.Equal(0, (await CliHarness.Run([.. run, "--shard", $"{i}/3", "--partial", partials])).ExitCode);
        var files = Directory.GetFiles(partials).Order(StringComparer.Ordinal).ToArray();
        int[][] orders = [[0, 1, 2], [2, 0, 1], [1, 2, 0]];
        foreach (var order in orders)
        {
            string merged = Path.Combine(work, "merged-" + string.Join("", order));
            var merge = await CliHarness.Run(["merge", .. order.Select(j => files[j]), "--no-plots", "--out", merged]);
            Assert.True(merge.ExitCode == 0, merge.Error);
            AssertSameFolder(single, merged);
        }
        // A folder of partials serves as well.
        string fromFolder = Path.Combine(work, "merged-folder");
        Assert.Equal(0, (await CliHarness.Run("merge", partials, "--no-plots", "--out", fromFolder)).ExitCode);
        AssertSameFolder(single, fromFolder);
    }

    [Fact]
    public async Task Merge_WritesThePlotsAndReportOfTheSingleRun_EachInItsOwnProcess()
    {
        // Processes of their own, as a user runs them: the SVG writer numbers its clip paths per process.
        string work = CliHarness.TempFolder();
        string single = Path.Combine(work, "single"), partials = Path.Combine(work, "partials") + "/", merged = Path.Combine(work, "merged");
        string scenario = RepositoryFiles.Path("scenarios", "whatif-plan-inputs.yaml");
        await RunForecast(new Dictionary<string, string>(), "run", scenario, "--paths", "3000", "--report", "--out", single);
        for (int i = 0; i < 2; i++) Assert.Equal(0, (await CliHarness.Run("run", scenario, "--paths", "3000", "--shard", $"{i}/2", "--partial", partials)).ExitCode);
        await RunForecast(new Dictionary<string, string>(), "merge", partials, "--report", "--out", merged);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(merged, "plots"), "*.svg"));
        AssertSameFolder(single, merged);
    }

    [Fact]
    public async Task Merge_RefusesEveryPartialThatDoesNotBelong_AndWritesNothing()
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        string Shard(string name, int i, int n, params string[] options)
        {
            string file = Path.Combine(work, name + PartialFile.Extension);
            var outcome = CliHarness.Run(["run", Scenario, "--paths", "3000", "--shard", $"{i}/{n}", "--partial", file, .. options]).GetAwaiter().GetResult();
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            return file;
        }
        string s0 = Shard("s0", 0, 2), s1 = Shard("s1", 1, 2);
        string otherSeed = Shard("seed", 1, 2, "--seed", "5");
        string otherPaths = Path.Combine(work, "paths" + PartialFile.Extension);
        Assert.Equal(0, (await CliHarness.Run("run", Scenario, "--paths", "4000", "--shard", "1/2", "--partial", otherPaths)).ExitCode);
        string otherSampling = Shard("sampling", 1, 2, "--sampling", "lhs");
        string otherCount = Shard("count", 1, 3);
        string otherScenario = Path.Combine(work, "scenario" + PartialFile.Extension);
        Assert.Equal(0, (await CliHarness.Run("run", RepositoryFiles.Path("scenarios", "whatif-plan-inputs.yaml"), "--paths", "3000", "--shard", "1/2", "--partial", otherScenario)).ExitCode);

        string corrupt = Copy(s1, "corrupt", bytes => bytes[bytes.Length / 2] ^= 0x10);
        string truncated = Copy(s1, "truncated", bytes => Array.Resize(ref bytes, bytes.Length / 2), resize: true);
        string notPartial = Path.Combine(work, "notes" + PartialFile.Extension);
        File.WriteAllText(notPartial, "shard 1 of 2\n");
        string otherVersion = Copy(s1, "version", bytes =>
        {
            bytes[9] = 7; // the format version, after the 9-byte magic
            SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes.AsSpan(bytes.Length - 32));
        });
        string otherEngine = Rewritten(s1, "engine", h => h with { EngineVersion = "0.9.0 (build 0123)" });
        string mislabelled = Rewritten(s1, "mislabelled", h => h with { First = 0 });

        var cases = new (string[] Files, string File, string Says)[]
        {
            ([s0, corrupt], corrupt, "is corrupt (its checksum does not match"),
            ([s0, truncated], truncated, "is corrupt"),
            ([s0, notPartial], notPartial, "is not a forecast partial file"),
            ([s0, otherVersion], otherVersion, "format version 7"),
            ([s0, otherSeed], otherSeed, "seed 5"),
            ([s0, otherPaths], otherPaths, "paths 4,000, where"),
            ([s0, otherSampling], otherSampling, "sampling LatinHypercube"),
            ([s0, otherCount], otherCount, "shard count 1/3"),
            ([s0, otherScenario], otherScenario, "scenario whatif-plan-inputs"),
            ([s0, otherEngine], otherEngine, "engine 0.9.0 (build 0123)"),
            ([otherEngine, s0], otherEngine, "merge with the forecast that ran the shards"),
            ([s0, mislabelled], mislabelled, "is corrupt (shard 1/2 with blocks 0"),
            ([s0, s1, s1], s1, "as is"),
            ([s1, Copy(s1, "twin", _ => { })], s1, "is shard 1/2, as is"),
            ([s1], s1, "shard 0 is missing"),
        };
        foreach (var (files, file, says) in cases)
        {
            string output = Path.Combine(work, "out-" + Guid.NewGuid().ToString("N"));
            var merge = await CliHarness.Run(["merge", .. files, "--no-plots", "--out", output]);
            Assert.True(merge.ExitCode == 2, $"{says}: exit {merge.ExitCode} {merge.Error}");
            Assert.Contains(file, merge.Error, StringComparison.Ordinal);
            Assert.Contains(says, merge.Error, StringComparison.Ordinal);
            Assert.Contains("Nothing was written.", merge.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", merge.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(output), $"{says}: the output folder was created");
        }

        string Copy(string from, string name, Action<byte[]> change, bool resize = false) => TamperedPartial.Copy(work, from, name, change, resize);

        string Rewritten(string from, string name, Func<PartialHeader, PartialHeader> change) => TamperedPartial.Rewritten(work, from, name, change);
    }

    [Theory]
    [InlineData("--shard needs --partial", "--shard", "0/2")]
    [InlineData("give the shard with --shard", "--partial", "x.fcpartial")]
    [InlineData("--shard expects i/n", "--shard", "2-of-3", "--partial", "x.fcpartial")]
    [InlineData("must lie in 0 to 2", "--shard", "3/3", "--partial", "x.fcpartial")]
    [InlineData("cannot be split in advance", "--shard", "0/2", "--partial", "x.fcpartial", "--precision", "0.01")]
    [InlineData("cannot be split into shards", "--shard", "0/2", "--partial", "x.fcpartial", "--observed", "scenarios/history/liaocheng-outcomes.csv")]
    public async Task RunShard_RefusesOptionsItCannotUse_WithAClearMessage(string says, params string[] options)
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        var args = options.Select(o => o == "x.fcpartial" ? Path.Combine(work, o) : o.StartsWith("scenarios/", StringComparison.Ordinal) ? RepositoryFiles.Path(o.Split('/')) : o);
        var outcome = await CliHarness.Run(["run", Scenario, "--paths", "2000", .. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(says, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(work));
    }

    [Fact]
    public void ShardAuto_ReadsTheSchedulersVariable_OrSaysNoneIsSet()
    {
        Assert.Equal(new ShardSpec(3, 7, "JOB_COMPLETION_INDEX"), ShardSpec.Resolve("auto/7", v => v == "JOB_COMPLETION_INDEX" ? "3" : null).Shard);
        Assert.Equal(new ShardSpec(2, 7, "SLURM_ARRAY_TASK_ID"), ShardSpec.Resolve("auto/7", v => v switch { "SLURM_ARRAY_TASK_ID" => "3", "SLURM_ARRAY_TASK_MIN" => "1", _ => null }).Shard);
        Assert.Contains("neither is set", ShardSpec.Resolve("auto/7", _ => null).Problem, StringComparison.Ordinal);
        Assert.Contains("outside 0 to 6", ShardSpec.Resolve("auto/7", v => v == "SLURM_ARRAY_TASK_ID" ? "7" : null).Problem, StringComparison.Ordinal);
    }
}
