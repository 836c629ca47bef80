using Forecast.Runner.Commands;

namespace Forecast.Tests.Runner;

public class RunWarmupTests
{
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Fact]
    public void ScenarioFile_IsTheFirstYamlArgumentAfterRun_WhereverTheOptionsStand()
    {
        Assert.Equal(Liaocheng, RunWarmup.ScenarioFile(["run", Liaocheng, "--paths", "1000", "--no-plots"]));
        Assert.Equal(Liaocheng, RunWarmup.ScenarioFile(["run", "--paths", "1000", Liaocheng]));
    }

    [Fact]
    public void ScenarioFile_IsNone_ForOtherCommandsOptionsOnlyAndMissingFiles()
    {
        Assert.Null(RunWarmup.ScenarioFile(["--help"]));
        Assert.Null(RunWarmup.ScenarioFile(["run"]));
        Assert.Null(RunWarmup.ScenarioFile(["compare", Liaocheng, Liaocheng]));
        Assert.Null(RunWarmup.ScenarioFile(["run", "--help"]));
        Assert.Null(RunWarmup.ScenarioFile(["run", Path.Combine(CliHarness.TempFolder(), "missing.yaml")]));
    }

    [Fact]
    public async Task Warm_LeavesABadScenarioToTheCommand_WithoutThrowingOrKeepingItWaiting()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string bad = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(bad, "name: bad\ndrivers: [\n");
        var read = new TaskCompletionSource<Forecast.Scenarios.ScenarioRead?>();
        Assert.Null(Record.Exception(() => RunWarmup.Warm(bad, read)));
        // The command is told to read the file itself (and report its error), not left waiting.
        Assert.True(read.Task.IsCompleted);
        Assert.Null(await read.Task);
    }

    [Fact]
    public void Read_GivesTheScenarioTheReaderGives_WithTheWarmupStartedOrNot()
    {
        // A copy of its own, so that no other test's run of the shipped file takes this warm-up's read.
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string copy = Path.Combine(folder, "liaocheng-2025.yaml");
        File.Copy(Liaocheng, copy);
        var direct = Forecast.Scenarios.ScenarioReader.Read(copy, Forecast.Scenarios.ScenarioReadOptions.Default);
        RunWarmup.Start(["run", copy, "--paths", "1000"]);
        var warmed = RunWarmup.Read(copy, Forecast.Scenarios.ScenarioReadOptions.Default);
        var again = RunWarmup.Read(copy, Forecast.Scenarios.ScenarioReadOptions.Default);
        foreach (var read in new[] { warmed, again })
        {
            Assert.Equal(Forecast.Scenarios.ScenarioWriter.Write(direct.Scenario), Forecast.Scenarios.ScenarioWriter.Write(read.Scenario));
            Assert.Null(read.Repair);
        }
    }
}
