using System.CommandLine;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Tests.Runner;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Tests.Robustness;

/// <summary>
/// The issue's second table, at the edges of the commands: Ctrl+C in a long sensitivity analysis, a second sweep or goal
/// seek, a rerun into a folder holding a report, an --out that cannot be written, and an unexpected exception.
/// </summary>
public class CommandEdgeTests
{
    [Fact]
    public async Task CtrlCDuringASensitivityBootstrap_ExitsWith130_AndWritesNothing()
    {
        // A bootstrap of 200,000 replicates dominates this analysis (its simulations take a fraction of a second): before,
        // the bootstrap never looked at the token, and the command ran on to write its files and exit 0.
        var (parent, scenario) = await ProbeFolder();
        string outDir = Path.Combine(parent, "out");
        Assert.Equal(0, (await CliHarness.Run("sensitivity", scenario, "--paths", "1000", "--samples", "64", "--bootstrap", "10", "--no-plots", "--out", outDir)).ExitCode);
        var before = OutputFaultTests.Snapshot(parent);

        using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var outcome = await CliHarness.Run(ctrlC.Token, "sensitivity", scenario, "--paths", "1000", "--samples", "2000", "--bootstrap", "200000",
            "--no-plots", "--out", outDir);

        Assert.Equal(130, outcome.ExitCode);
        Assert.Equal("Cancelled. Nothing was written; earlier outputs are untouched." + Environment.NewLine, outcome.Error);
        Assert.Equal(before, OutputFaultTests.Snapshot(parent));
    }

    [Fact]
    public async Task ASecondSweepWithOtherLevers_AndASecondGoalWithAnotherLever_KeepTheFirstOnesResults()
    {
        // Default folders, as a user runs them from a working folder: each analysis gets a folder named by what it varies.
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(Path.Combine(work, "probe.yaml"), BadScenarioInputTests.Valid);

        await Forecast(work, "sweep", "probe.yaml", "--lever", "new.mean=50:70:2", "--paths", "1024", "--no-plots");
        await Forecast(work, "sweep", "probe.yaml", "--lever", "exit.alpha=1.5:2.5:2", "--paths", "1024", "--no-plots");
        await Forecast(work, "goal", "probe.yaml", "--indicator", "firms", "--lever", "new.mean", "--paths", "1024", "--no-plots");
        await Forecast(work, "goal", "probe.yaml", "--indicator", "firms", "--lever", "exit.alpha", "--range", "1:3", "--paths", "1024", "--no-plots");

        Assert.Equal(["probe-goal-firms-exit.alpha", "probe-goal-firms-new.mean", "probe-sweep-exit.alpha", "probe-sweep-new.mean"],
            Directory.GetDirectories(Path.Combine(work, "out")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("new.mean", await File.ReadAllTextAsync(Path.Combine(work, "out", "probe-sweep-new.mean", "sweep.csv")), StringComparison.Ordinal);
        Assert.Contains("exit.alpha", await File.ReadAllTextAsync(Path.Combine(work, "out", "probe-sweep-exit.alpha", "sweep.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASweepWithOtherLeversIntoTheFirstSweepsFolder_IsRefusedWithoutForce()
    {
        var (parent, scenario) = await ProbeFolder();
        string outDir = Path.Combine(parent, "sweep");
        Assert.Equal(0, (await CliHarness.Run("sweep", scenario, "--lever", "new.mean=50:70:2", "--paths", "1024", "--no-plots", "--out", outDir)).ExitCode);
        var before = OutputFaultTests.Snapshot(parent);

        var other = await CliHarness.Run("sweep", scenario, "--lever", "exit.alpha=1.5:2.5:2", "--paths", "1024", "--no-plots", "--out", outDir);
        var sameLevers = await CliHarness.Run("sweep", scenario, "--lever", "new.mean=40:80:4", "--paths", "1024", "--no-plots", "--out", outDir);

        Assert.Equal(2, other.ExitCode);
        Assert.Contains($"  {outDir}: --out: this folder holds the output of 'sweep of probe by new.mean', not 'sweep of probe by exit.alpha'; " +
            "choose another --out or pass --force to overwrite it", other.Error, StringComparison.Ordinal);
        Assert.Equal(0, sameLevers.ExitCode);
        Assert.NotEqual(before, OutputFaultTests.Snapshot(parent));
    }

    [Fact]
    public async Task RunAgainIntoAFolderHoldingAReport_RemovesTheEarlierRunsReport()
    {
        var (parent, scenario) = await ProbeFolder();
        string outDir = Path.Combine(parent, "out");
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--paths", "1000", "--no-plots", "--out", outDir)).ExitCode);
        Assert.Equal(0, (await CliHarness.Run("report", outDir)).ExitCode);
        Assert.Contains("1,000 paths", await File.ReadAllTextAsync(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);

        var again = await CliHarness.Run("run", scenario, "--paths", "3000", "--no-plots", "--out", outDir);

        Assert.Equal(0, again.ExitCode);
        Assert.False(File.Exists(Path.Combine(outDir, "report.html")), "the report of the 1,000-path run stays beside the 3,000-path summary");
    }

    [Fact]
    public async Task RunAgainWithAReport_RegeneratesIt()
    {
        var (parent, scenario) = await ProbeFolder();
        string outDir = Path.Combine(parent, "out");
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--paths", "1000", "--no-plots", "--out", outDir)).ExitCode);
        Assert.Equal(0, (await CliHarness.Run("report", outDir)).ExitCode);

        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--paths", "3000", "--report", "--out", outDir)).ExitCode);

        Assert.Contains("3,000 paths", await File.ReadAllTextAsync(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutInAPlaceThatCannotBeWritten_NamesTheUsersFolderAndWhy_NotTheStagingFolder()
    {
        // /proc takes no new folders, for root too (tests may run as root, where permissions do not stop writes).
        string scenario = Path.Combine(CliHarness.TempFolder() + "-scenario.yaml");
        await File.WriteAllTextAsync(scenario, BadScenarioInputTests.Valid);

        var outcome = await CliHarness.Run("run", scenario, "--paths", "1000", "--no-plots", "--out", "/proc/forecast-out");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("error: the input cannot be used:" + Environment.NewLine +
            "  /proc/forecast-out: --out: cannot create the output folder '/proc/forecast-out': nothing can be written in '/proc' " +
            "(folders cannot be created there); choose another --out" + Environment.NewLine + "Nothing was written." + Environment.NewLine, outcome.Error);
        Assert.DoesNotContain("staging", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnexpectedException_PrintsOneLine_LogsTheStackTraceBesideTheOutput_LeavesEarlierOutputs_AndExitsWithOne()
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        string outDir = Path.Combine(parent, "out");
        string scenario = Path.Combine(parent, "probe.yaml");
        await File.WriteAllTextAsync(scenario, BadScenarioInputTests.Valid);
        Assert.Equal(0, (await CliHarness.Run("run", scenario, "--paths", "1000", "--no-plots", "--out", outDir)).ExitCode);
        var before = OutputFaultTests.Snapshot(parent);

        var outcome = await CliHarness.Run(s => s.AddSingleton<ICommandBuilder, Crashing>(), CancellationToken.None, "crash", "--out", outDir);

        Assert.Equal(1, outcome.ExitCode);
        string[] lines = outcome.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("internal error: ArgumentOutOfRangeException: a bug (Parameter 'x'); details in " + parent + Path.DirectorySeparatorChar + "forecast-error-", lines[0], StringComparison.Ordinal);
        Assert.Equal("Earlier outputs are untouched.", lines[1]);
        string log = lines[0][(lines[0].IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..];
        Assert.Matches(@"at Forecast\.Tests\.Robustness\.CommandEdgeTests\.Crashing\..*<Build>.* in .*CommandEdgeTests\.cs:line \d+", await File.ReadAllTextAsync(log));
        File.Delete(log);
        Assert.Equal(before, OutputFaultTests.Snapshot(parent));
    }

    [Fact]
    public async Task ACommandThatIgnoresCtrlC_IsAbandonedAfterItsGracePeriod_AndCannotCommitLater()
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        string outDir = Path.Combine(parent, "out");
        var busy = new Busy();
        using var ctrlC = new CancellationTokenSource();

        var run = CliHarness.Run(s => s.AddSingleton<ICommandBuilder>(busy), ctrlC.Token, "busy", "--out", outDir);
        busy.Staged.Wait(TimeSpan.FromMinutes(1));
        await ctrlC.CancelAsync();
        var outcome = await run;

        Assert.Equal(130, outcome.ExitCode);
        Assert.Equal("Cancelled. Nothing was written; earlier outputs are untouched." + Environment.NewLine, outcome.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        busy.Release.Set();
        Assert.IsType<OperationCanceledException>(await busy.Committed.Task);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public async Task ACommand_RunsOnAThreadOfItsOwn_NotOnAPoolWorkerTheEngineNeeds()
    {
        // A command waits, blocked, for the engine's work (SimulationRunner, Phase); on a pool worker it took one of the
        // pool's ProcessorCount workers from the engine's Parallel.For until the pool added a thread (about a second).
        var probe = new ThreadProbe();
        var outcome = await CliHarness.Run(s => s.AddSingleton<ICommandBuilder>(probe), CancellationToken.None, "probe-thread");
        Assert.Equal(0, outcome.ExitCode);
        Assert.False(probe.OnPoolWorker, "the command ran on a thread-pool worker");
    }

    /// <summary>A command that notes whether it runs on a thread-pool worker.</summary>
    private sealed class ThreadProbe : ICommandBuilder
    {
        public bool? OnPoolWorker { get; private set; }

        public Command Build()
        {
            var command = new Command("probe-thread");
            command.SetAction((Func<ParseResult, int>)(_ =>
            {
                OnPoolWorker = Thread.CurrentThread.IsThreadPoolThread;
                return 0;
            }));
            return command;
        }
    }

    /// <summary>A command busy in a loop that never looks at the token; it tries to commit once released.</summary>
    private sealed class Busy : ICommandBuilder
    {
        public ManualResetEventSlim Staged { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public TaskCompletionSource<Exception?> Committed { get; } = new();

        public Command Build()
        {
            var command = new Command("busy");
            var output = new Option<string>("--out");
            command.Options.Add(output);
            command.SetAction((Func<ParseResult, int>)(parse =>
            {
                using var folder = OutputFolder.Open(parse.GetValue(output)!, "probe", force: false);
                File.WriteAllText(folder.StagedFile("summary.json"), "{}");
                Staged.Set();
                Release.Wait(TimeSpan.FromMinutes(2));
                try
                {
                    folder.Commit();
                    Committed.SetResult(null);
                }
                catch (OperationCanceledException e)
                {
                    Committed.SetResult(e);
                }
                return 0;
            }));
            return command;
        }
    }

    /// <summary>A new folder holding the probe scenario (<see cref="BadScenarioInputTests.Valid"/>) as probe.yaml.</summary>
    private static async Task<(string Parent, string Scenario)> ProbeFolder()
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        string scenario = Path.Combine(parent, "probe.yaml");
        await File.WriteAllTextAsync(scenario, BadScenarioInputTests.Valid);
        return (parent, scenario);
    }

    /// <summary>A command with a bug: it stages a file in the output folder, then throws.</summary>
    private sealed class Crashing : ICommandBuilder
    {
        public Command Build()
        {
            var command = new Command("crash");
            var output = new Option<string>("--out");
            command.Options.Add(output);
            command.SetAction((Func<ParseResult, int>)(parse =>
            {
                using var folder = OutputFolder.Open(parse.GetValue(output)!, "probe", force: false);
                File.WriteAllText(folder.StagedFile("summary.json"), "{\"half\": ");
                throw new ArgumentOutOfRangeException("x", "a bug");
            }));
            return command;
        }
    }

    /// <summary>Runs the built command line in <paramref name="work"/> as its working folder, and asserts it succeeded.</summary>
    private static async Task Forecast(string work, params string[] args)
    {
        var start = CliHarness.ProcessStart(args);
        start.WorkingDirectory = work;
        await CliHarness.RunProcess(start);
    }
}
