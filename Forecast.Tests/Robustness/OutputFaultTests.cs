using System.Diagnostics;
using Forecast.Runner.Output;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Robustness;

/// <summary>
/// Interruptions and unwritable places never cost the user what they already have: outputs are written
/// to a staging folder beside the output folder and moved into place only when complete, so a refused,
/// cancelled, failed or killed run leaves an earlier output folder byte for byte as it was.
/// </summary>
public class OutputFaultTests
{
    [Fact]
    public async Task OutputUnderARegularFile_ExitsWithTwo_NamesTheFile_AndTouchesNothing()
    {
        // Tests may run as root, where chmod does not stop writes; a folder cannot be made under a file for anyone.
        string parent = NewFolder();
        string scenario = ScenarioFile(parent);
        string blocker = Path.Combine(parent, "results");
        await File.WriteAllTextAsync(blocker, "my notes");
        var before = Snapshot(parent);

        var outcome = await CliHarness.Run("run", scenario, "--out", Path.Combine(blocker, "2025", "baseline"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--out: the output folder cannot be created: '{blocker}' is a file, not a folder; choose another --out", outcome.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written." + Environment.NewLine, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task OutputPathThatIsAFile_ExitsWithTwo_AndLeavesTheFile()
    {
        string parent = NewFolder();
        string scenario = ScenarioFile(parent);
        string file = Path.Combine(parent, "summary.json");
        await File.WriteAllTextAsync(file, "{\"mine\": true}");
        var before = Snapshot(parent);

        var outcome = await CliHarness.Run("run", scenario, "--out", file);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"  {file}: --out: the output path is a file, not a folder", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task Cancellation_ExitsWith130_SaysSo_AndLeavesThePreviousOutputByteIdentical()
    {
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        string scenario = ScenarioFile(parent);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--out", outDir, "--seed", "1")).ExitCode);
        var before = Snapshot(parent);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var outcome = await CliHarness.Run(cancelled.Token, "run", scenario, "--out", outDir, "--seed", "2");

        Assert.Equal(130, outcome.ExitCode);
        Assert.Equal("Cancelled. Nothing was written; earlier outputs are untouched." + Environment.NewLine, outcome.Error);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task CancelledRun_RemovesTheParentFoldersItCreatedForTheOutput()
    {
        string parent = NewFolder();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var outcome = await CliHarness.Run(cancelled.Token, "run", ScenarioFile(parent), "--out", Path.Combine(parent, "new", "deeper", "out"));

        Assert.Equal(130, outcome.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(parent, "new")));
    }

    [Fact]
    public async Task FolderOfAnotherScenario_OrNotWrittenByForecast_IsRefusedWithoutForce_AndLeftIntact()
    {
        string parent = NewFolder();
        string scenario = ScenarioFile(parent);
        string foreign = Path.Combine(parent, "foreign");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, OutputFolder.MarkerName), "liaocheng-2025\n");
        await File.WriteAllTextAsync(Path.Combine(foreign, "summary.json"), "{\"mine\": true}");
        string notOurs = Path.Combine(parent, "thesis");
        Directory.CreateDirectory(notOurs);
        await File.WriteAllTextAsync(Path.Combine(notOurs, "chapter1.md"), "# Chapter 1");
        var before = Snapshot(parent);

        var intoForeign = await CliHarness.Run("run", scenario, "--out", foreign);
        var intoNotOurs = await CliHarness.Run("run", scenario, "--out", notOurs);

        Assert.Equal(2, intoForeign.ExitCode);
        Assert.Contains($"  {foreign}: --out: this folder holds the output of scenario 'liaocheng-2025', not 'probe'; choose another --out or pass --force to overwrite it",
            intoForeign.Error, StringComparison.Ordinal);
        Assert.Equal(2, intoNotOurs.ExitCode);
        Assert.Contains($"  {notOurs}: --out: this folder is not empty and was not written by forecast; choose another --out or pass --force to write into it",
            intoNotOurs.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task RerunOfTheSameScenario_ReplacesItsOwnOutput_WithoutForce()
    {
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        string scenario = ScenarioFile(parent);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--out", outDir, "--seed", "1")).ExitCode);
        string first = await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"));

        var again = await CliHarness.Run("run", scenario, "--out", outDir, "--seed", "2");

        Assert.Equal(0, again.ExitCode);
        Assert.NotEqual(first, await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        Assert.Equal([".forecast-output", "distribution.json", "scenario.yaml", "summary.csv", "summary.json", "trajectories.csv"],
            new DirectoryInfo(outDir).GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["out", "scenario.yaml"], new DirectoryInfo(parent).GetFileSystemInfos().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task RerunWithoutPlots_RemovesTheEarlierRunsPlots_ButKeepsFilesTheUserAdded()
    {
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        string scenario = ScenarioFile(parent);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--out", outDir, "--paths", "2000")).ExitCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "plots")));
        string notes = Path.Combine(outDir, "my-notes.txt");
        await File.WriteAllTextAsync(notes, "mine");

        var again = await CliHarness.Run("run", scenario, "--out", outDir, "--paths", "2000", "--no-plots");

        Assert.Equal(0, again.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(outDir, "plots")), "plots of the earlier run are left behind");
        Assert.Equal("mine", await File.ReadAllTextAsync(notes));
        Assert.Equal([".forecast-output", "distribution.json", "my-notes.txt", "scenario.yaml", "summary.csv", "summary.json", "trajectories.csv"],
            new DirectoryInfo(outDir).GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task FailureWhileWritingStagedFiles_LeavesThePreviousOutputByteIdentical_AndNoStagingFolder()
    {
        // What a full disk or an exception half-way through writing does: the staged files are abandoned, never moved.
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        Assert.Equal(0, (await CliHarness.Run("run", ScenarioFile(parent), "--out", outDir)).ExitCode);
        var before = Snapshot(parent);

        void WriteHalfAndFail()
        {
            using var folder = OutputFolder.Open(outDir, "probe", force: false);
            File.WriteAllText(folder.StagedFile("summary.json"), "{\"indicators\": [");
            throw new IOException("No space left on device");
        }
        var failure = Assert.Throws<IOException>(WriteHalfAndFail);

        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task FolderWhereAnOutputFileMustGo_FailsWithOne_BeforeAnyFileIsReplaced()
    {
        // The output folder of this scenario, with a folder where summary.json must go: found before the first move.
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        string scenario = ScenarioFile(parent);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--out", outDir, "--seed", "1")).ExitCode);
        File.Delete(Path.Combine(outDir, "summary.json"));
        Directory.CreateDirectory(Path.Combine(outDir, "summary.json"));
        var before = Snapshot(parent);

        var outcome = await CliHarness.Run("run", scenario, "--out", outDir, "--seed", "2");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"error: the outputs could not be written: '{Path.Combine(outDir, "summary.json")}' is a folder; it cannot be replaced by the output file of that name"
            + Environment.NewLine + "Nothing was written; earlier outputs are untouched." + Environment.NewLine, outcome.Error);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public void StagingFolders_AreUniquePerRun_SoALeftoverOfAKilledRunIsNeverCommitted()
    {
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        // A killed run of this very process (same process id) left a staging folder with a partial file.
        string leftover = Path.Combine(parent, $".out.staging-{Environment.ProcessId}");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "trajectories.csv"), "indicator,year,me");

        using (var folder = OutputFolder.Open(outDir, "probe", force: false))
        {
            File.WriteAllText(folder.StagedFile("summary.json"), "{}");
            folder.Commit();
        }

        Assert.Equal([".forecast-output", "summary.json"], new DirectoryInfo(outDir).GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("indicator,year,me", File.ReadAllText(Path.Combine(leftover, "trajectories.csv")));
    }

    [Fact]
    public async Task CtrlC_OnTheRealProcess_ExitsWith130_AndLeavesThePreviousOutputByteIdentical()
    {
        var (parent, outDir, scenario, before) = await PreviousOutput();

        using var process = StartForecast(scenario, outDir);
        await WaitForStaging(process, parent);
        Signal("INT", process.Id);
        string error = await WaitForExit(process);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Cancelled. Nothing was written; earlier outputs are untouched.", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task CtrlC_StopsARunInsideASlowBlock()
    {
        // A million new enterprises a year, drawn from a negative binomial at the domain's largest spread (sd 10,000),
        // for 100 years: one block of 1,024 paths takes seconds (a draw walks ~10,000 pmf steps, exits are binomial
        // draws on a stock growing to 10^8), and the engine checks for cancellation only between blocks of shards;
        // Ctrl+C must still stop it within a second.
        var (parent, outDir, _, before) = await PreviousOutput();
        string slow = Path.Combine(parent, "slow.yaml");
        string text = BadScenarioInputTests.ReplaceOnce(BadScenarioInputTests.Valid,
            "level: {dist: triangular, min: 40, mode: 60, max: 80}\n    yearly: {kind: negbin, dispersion: 20}",
            "level: {dist: fixed, value: 1000000}\n    yearly: {kind: negbin, dispersion: 20000}");
        await File.WriteAllTextAsync(slow, BadScenarioInputTests.ReplaceOnce(text,
            "exits: exit}\n    target: {year: 2025, value: 600}", "exits: exit}\n    target: {year: 2120, value: 600}"));
        before[Path.GetFileName(slow)] = Convert.ToBase64String(await File.ReadAllBytesAsync(slow));

        using var process = StartForecast(slow, outDir, "--paths", "1000");
        await WaitForStaging(process, parent);
        // Past the runner's first second (when it shows a progress bar or settles into waiting for the engine):
        // the wait that follows is the one that must give way to Ctrl+C. Signalling earlier only tests less.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Signal("INT", process.Id);
        string error = await WaitForExit(process);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Cancelled. Nothing was written; earlier outputs are untouched.", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(parent));
    }

    [Fact]
    public async Task KilledProcess_LeavesThePreviousOutputByteIdentical_AndOnlyAStagingFolderBehind()
    {
        var (parent, outDir, scenario, before) = await PreviousOutput();

        using var process = StartForecast(scenario, outDir);
        string staging = await WaitForStaging(process, parent);
        process.Kill(entireProcessTree: true);
        await WaitForExit(process);

        // The kill gave no chance to clean up: the dot-named staging folder stays beside the output, which is untouched.
        var after = Snapshot(parent);
        foreach (var key in after.Keys.Where(k => k.StartsWith(Path.GetFileName(staging), StringComparison.Ordinal)).ToList()) after.Remove(key);
        Assert.Equal(before, after);
    }

    private static async Task<(string Parent, string OutDir, string Scenario, SortedDictionary<string, string> Before)> PreviousOutput()
    {
        string parent = NewFolder();
        string outDir = Path.Combine(parent, "out");
        string scenario = ScenarioFile(parent);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--out", outDir)).ExitCode);
        return (parent, outDir, scenario, Snapshot(parent));
    }

    /// <summary>Starts the built command line (forecast.dll beside the tests), by default on a run long enough to interrupt.</summary>
    private static Process StartForecast(string scenario, string outDir, params string[] options)
    {
        string[] run = options.Length > 0 ? options : ["--paths", "500000000", "--yes"];
        var start = CliHarness.ProcessStart(["run", scenario, "--out", outDir, "--threads", "1", .. run]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("forecast did not start");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Waits until the process has opened its staging folder (it simulates from then on) and returns it.</summary>
    private static async Task<string> WaitForStaging(Process process, string parent)
    {
        string pattern = $".out.staging-{process.Id}-*";
        for (int i = 0; i < 6000; i++)
        {
            if (Directory.GetDirectories(parent, pattern) is [var staging]) return staging;
            Assert.False(process.HasExited, $"forecast exited with {(process.HasExited ? process.ExitCode : 0)} before simulating: {await ReadError(process)}");
            await Task.Delay(10);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("forecast never opened its staging folder");
    }

    private static async Task<string> WaitForExit(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("forecast did not stop");
        }
        return await ReadError(process);
    }

    private static async Task<string> ReadError(Process process) =>
        process.HasExited ? await process.StandardError.ReadToEndAsync() : "";

    /// <summary>Sends a POSIX signal as Ctrl+C (INT) does, through the shell's kill.</summary>
    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {pid}" }, UseShellExecute = false })
            ?? throw new InvalidOperationException("sh did not start");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static string NewFolder()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string ScenarioFile(string folder)
    {
        string file = Path.Combine(folder, "scenario.yaml");
        File.WriteAllText(file, BadScenarioInputTests.Valid);
        return file;
    }

    /// <summary>Every file and folder under <paramref name="root"/>, hidden ones included, with its content (files in Base64).</summary>
    internal static SortedDictionary<string, string> Snapshot(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            string key = Path.GetRelativePath(root, path);
            entries[key] = Directory.Exists(path) ? "<folder>" : Convert.ToBase64String(File.ReadAllBytes(path));
        }
        return entries;
    }
}
