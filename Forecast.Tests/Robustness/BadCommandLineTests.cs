using System.Text;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Robustness;

/// <summary>
/// Bad command lines: each gives exit code 2, says which option is wrong, what it expects and what it got,
/// and prints the usage line; a path count that would run for hours asks for --yes instead of running.
/// </summary>
public class BadCommandLineTests
{
    private const string Usage = "Usage: forecast run <scenario> [options]";

    [Theory]
    [InlineData("--paths", "0", "error: --paths must be at least 1, not 0")]
    [InlineData("--paths", "-1", "error: --paths expects a whole number of paths, e.g. 100000, not '-1'")]
    [InlineData("--paths", "1e6", "error: --paths expects a whole number of paths, e.g. 100000, not '1e6'")]
    [InlineData("--paths", "1,000", "error: --paths expects a whole number of paths, e.g. 100000, not '1,000'")]
    [InlineData("--paths", "99999999999999999999", "error: --paths expects a whole number of paths, e.g. 100000, not '99999999999999999999'")]
    [InlineData("--seed", "-1", "error: --seed expects a whole number of at least 0, not '-1'")]
    [InlineData("--threads", "x", "error: --threads expects a whole number of threads, not 'x'")]
    [InlineData("--threads", "-2", "error: --threads must be 0 (all cores) or more, not -2")]
    [InlineData("--precision", "0.7", "error: --precision must lie in (0, 0.5], e.g. 0.005, not 0.7")]
    [InlineData("--precision", "NaN", "error: --precision must lie in (0, 0.5], e.g. 0.005, not NaN")]
    [InlineData("--precision", "1%", "error: --precision expects a number such as 0.005, not '1%'")]
    [InlineData("--lang", "fr", "error: Argument 'fr' not recognized. Must be one of:")]
    public async Task BadOptionValue_ExitsWithTwo_SaysWhatWasExpectedAndFound_AndPrintsTheUsageLine(string option, string value, string expected)
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", ValidScenarioFile(), option, value, "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith(expected, outcome.Error, StringComparison.Ordinal);
        Assert.Contains(Usage + Environment.NewLine + "Run 'forecast run --help' for the options.", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData(new[] { "run", "@scenario", "--pathz", "10" }, "error: Unrecognized command or argument '--pathz'.", Usage)]
    [InlineData(new[] { "run", "@scenario", "extra.yaml" }, "error: Unrecognized command or argument 'extra.yaml'.", Usage)]
    [InlineData(new[] { "run" }, "error: Required argument missing for command: 'run'.", Usage)]
    [InlineData(new[] { "runn", "@scenario" }, "error: Required command was not provided.", "Usage: forecast <command> [options]")]
    // (forecast alone prints the command list: HelpTests.ForecastAlone_PrintsTheCommandList_WithoutAnError.)
    public async Task UnknownOptionOrArgument_ExitsWithTwo_AndPrintsTheUsageLine(string[] args, string expected, string usage)
    {
        var outcome = await CliHarness.Run(args.Select(a => a == "@scenario" ? ValidScenarioFile() : a).ToArray());
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith(expected, outcome.Error, StringComparison.Ordinal);
        Assert.Contains(usage, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public async Task PathCountThatWouldRunForHours_ExitsWithTwo_AndAsksForYes_WithoutRunning()
    {
        // 9·10¹⁸ paths: beyond 1,000 years unless a path took under 7 ns, so the wording never depends on the probe.
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", ValidScenarioFile(), "--paths", "9000000000000000000", "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("  --paths: 9000000000000000000 paths would take more than 1,000 years on this machine; pass --yes to run anyway, or use fewer --paths or --precision",
            outcome.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written." + Environment.NewLine, outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(outDir)!, $".{Path.GetFileName(outDir)}.staging-*"));
    }

    [Fact]
    public async Task ScenarioPathCountThatWouldRunForHours_IsBlamedOnTheScenariosRunPaths()
    {
        // 9·10¹² paths: over ten minutes on any machine (that would take 0.1 ns a path), yet under 1,000 years
        // unless a cold Debug probe took 7 ms a path, so the estimate is always "about ...".
        string text = BadScenarioInputTests.ReplaceOnce(BadScenarioInputTests.Valid, "paths: 2000", "paths: 9000000000000");
        var run = await BadScenarioInputTests.RunOn(Encoding.UTF8.GetBytes(text));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains($"  {run.File}: run.paths: 9000000000000 paths would take about ", run.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains("on this machine; pass --yes to run anyway, or use fewer --paths or --precision", run.Outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.OutDir));
    }

    [Theory]
    [InlineData(11, "about 11 minutes")]
    [InlineData(180, "about 3 hours")]
    [InlineData(60 * 24 * 20, "about 20 days")]
    [InlineData(60 * 24 * 365 * 3, "about 3 years")]
    [InlineData(60 * 24 * 365 * 500, "about 500 years")]
    [InlineData(60 * 24 * 365 * 1001, "more than 1,000 years")]
    public void LongRunEstimate_IsWrittenInAUnitAPlannerReads(int minutes, string expected)
    {
        Assert.Equal(expected, Forecast.Runner.Commands.LongRunException.Duration(TimeSpan.FromMinutes(minutes)));
    }

    private static string? _scenario;

    /// <summary>A valid scenario file (the options are what is wrong).</summary>
    private static string ValidScenarioFile()
    {
        if (_scenario is { } existing) return existing;
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "valid.yaml");
        File.WriteAllText(file, BadScenarioInputTests.Valid);
        return _scenario = file;
    }
}
