using Forecast.Tests.Runner;

namespace Forecast.Tests.Plots;

/// <summary>
/// Plotting commands print nothing of their own on stderr: Skia's SVG canvas writes "Unsupported path effect in addPaint."
/// to the process's native stderr for every shape drawn with a dash effect it cannot express, which no .NET redirection
/// sees; so each command runs as a child process and its whole stderr is read.
/// </summary>
public class NativeNoiseTests
{
    [Fact]
    public async Task RunAndOneLeverSweep_WriteTheirPlots_WithNothingOnStderr()
    {
        string template = RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml");
        string run = CliHarness.TempFolder(), sweep = CliHarness.TempFolder();
        // run: fan charts with dotted observations and dashed steady paths; the one-lever sweep: eight lines, the eighth dashed.
        string runError = await StandardError("run", template, "--paths", "500", "--out", run);
        string sweepError = await StandardError("sweep", template, "--lever", "hightech_new.mean=50:110:2", "--paths", "200", "--out", sweep);
        Assert.True(File.Exists(Path.Combine(run, "plots", "fan-hightech_enterprises.svg")));
        Assert.True(File.Exists(Path.Combine(sweep, "plots", "sweep.svg")));
        Assert.Equal("", runError);
        Assert.Equal("", sweepError);
        // The dashes are still there in the SVG: Skia strokes a dashed path into its dashes.
        Assert.Contains("<path", File.ReadAllText(Path.Combine(run, "plots", "fan-hightech_enterprises.svg")), StringComparison.Ordinal);
    }

    /// <summary>The built command line's stderr, after asserting it succeeded.</summary>
    private static Task<string> StandardError(params string[] args) => CliHarness.RunProcess(CliHarness.ProcessStart(args));
}
