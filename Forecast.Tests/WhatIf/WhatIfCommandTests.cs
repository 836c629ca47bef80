using System.Text.Json;
using Forecast.Tests.Runner;

namespace Forecast.Tests.WhatIf;

/// <summary>The compare, sweep, goal and sensitivity commands end to end, on few paths.</summary>
public class WhatIfCommandTests
{
    private static readonly string Baseline = WhatIfScenarios.Baseline;
    private static readonly string HighInvestment = RepositoryFiles.Path("scenarios", "templates", "whatif-high-investment.yaml");

    [Fact]
    public async Task Compare_PrintsSideBySideDifferences_AndWritesCsvAndJson()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("compare", Baseline, HighInvestment, "--paths", "2048", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("liaocheng-2025-assumptions vs whatif-high-investment", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("same on every path", outcome.Out, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(outDir, "compare.csv"));
        Assert.StartsWith("indicator,scenario,reference,target_year,target,probability (fraction),", csv[0], StringComparison.Ordinal);
        Assert.Equal(1 + 2 * (26 + 2), csv.Length);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "compare.json")));
        var rd = json.RootElement.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("id").GetString() == "rd_intensity");
        var difference = rd.GetProperty("differences")[0];
        Assert.True(difference.GetProperty("probabilityDifference").GetDouble() > 0);
        Assert.Equal(0, difference.GetProperty("pathsLost").GetInt64());
        var ci = difference.GetProperty("probabilityDifferenceCi95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(ci[0] > 0 && ci[0] < ci[1]);
    }

    [Fact]
    public async Task Sweep_WritesEveryTargetAtEveryGridPoint()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("sweep", Baseline, "--lever", "hightech_new.mean=50:70:2", "--paths", "1024", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        var csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal("hightech_new.mean,indicator,probability (fraction),ci95_low (fraction),ci95_high (fraction)", csv[0]);
        Assert.Equal(1 + 3 * (26 + 2), csv.Length);
        Assert.Contains(csv, line => line.StartsWith("60,hightech_enterprises,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Goal_PrintsTheLeverValueWithItsInterval_AndWritesGoalFiles()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("goal", Baseline, "--indicator", "hightech_enterprises", "--probability", "0.8",
            "--lever", "hightech_new.mean", "--paths", "2000", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("hightech_new.mean ≥ ", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("95% interval", outcome.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "goal.json")));
        Assert.Equal("reached", json.RootElement.GetProperty("status").GetString());
        double value = json.RootElement.GetProperty("value").GetDouble();
        Assert.InRange(value, 62.5, 125); // more than today's 62.5 a year, inside the default range (half to twice it)
        Assert.True(File.Exists(Path.Combine(outDir, "goal.csv")));
    }

    [Fact]
    public async Task Goal_SaysClearly_WhenNoValueInTheRangeReachesTheProbability()
    {
        var outcome = await CliHarness.Run("goal", Baseline, "--indicator", "hightech_enterprises", "--lever", "hightech_new.mean",
            "--range", "40:60", "--paths", "1000", "--out", CliHarness.TempFolder());
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("No value of hightech_new.mean in [40, 60] reaches 80.0%", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sensitivity_WritesTornadoSobolAndSpearmanFiles()
    {
        string scenario = WhatIfScenarios.Write("small.yaml", WhatIfScenarios.SmallYaml);
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("sensitivity", scenario, "--paths", "1024", "--samples", "256", "--bootstrap", "20",
            "--spearman-paths", "500", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Tornado", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Sobol indices", outcome.Out, StringComparison.Ordinal);
        var tornado = File.ReadAllLines(Path.Combine(outDir, "tornado.csv"));
        Assert.StartsWith("x,1,a,", tornado[1], StringComparison.Ordinal);
        var sobol = File.ReadAllLines(Path.Combine(outDir, "sobol.csv"));
        Assert.Equal(1 + 2 * 3, sobol.Length); // met and value, for a, c and the yearly variation
        Assert.Equal(1 + 2 * 2, File.ReadAllLines(Path.Combine(outDir, "spearman.csv")).Length);
    }

    [Theory]
    [InlineData("sweep", "--lever", "hightech_new", "expected driver.parameter=from:to:steps")]
    [InlineData("sweep", "--lever", "hightech_nwe.mean=50:70:2", "(did you mean 'hightech_new'?)")]
    [InlineData("sweep", "--lever", "hightech_new.sd=1:2:2", "'sd' is not a parameter of hightech_new's level, pert(45, 60, 90)")]
    [InlineData("sweep", "--lever", "hightech_new.mode=60:95:7", "hightech_new.mode = 95 makes the level pert(45, 95, 90): mode (95) must not exceed max (90)")]
    [InlineData("sweep", "--lever", "hightech_new.mean=50:7o:2", "to must be a number with a decimal point")]
    [InlineData("sweep", "--lever", "hightech_new.mean=50:70:0", "steps must be a whole number from 1 to 200")]
    [InlineData("sweep", "--lever", "hightech_new.mean=50:70", "expected from:to:steps after '='")]
    [InlineData("goal", "--lever", "hightech_new.mean", "--indicator: hightech_enterprise")]
    [InlineData("goal", "--range", "90:40", "low (90) must be below high (40)")]
    [InlineData("goal", "--probability", "1.5", "--probability must lie strictly between 0 and 1")]
    public async Task BadLeversAndOptions_ExitWith2_SayingWhatIsExpected(string command, string option, string value, string message)
    {
        string outDir = CliHarness.TempFolder();
        string[] args = command == "sweep"
            ? ["sweep", Baseline, option, value, "--paths", "100", "--out", outDir]
            : ["goal", Baseline, "--indicator", option == "--lever" ? "hightech_enterprise" : "hightech_enterprises", "--lever", "hightech_new.mean",
               .. option == "--lever" ? Array.Empty<string>() : [option, value], "--paths", "100", "--out", outDir];
        var outcome = await CliHarness.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
