using Forecast.Engine.WhatIf;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;
using Forecast.Tests.Runner;

namespace Forecast.Tests.WhatIf;

/// <summary>Rates read as percentages with their unit wherever a person reads them on the console.</summary>
public sealed class RatesAsPercentagesTests
{
    private static readonly string Baseline = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Fact]
    public void RateDrivers_ReadAsPercentagesAYear_CountsAsNumbers()
    {
        var scenario = ScenarioReader.Read(Baseline);
        Assert.True(WhatIfConsole.IsRate(scenario, "hightech_exit_rate"));
        Assert.True(WhatIfConsole.IsRate(scenario, "rd_personnel_growth"));
        Assert.False(WhatIfConsole.IsRate(scenario, "hightech_new_constant"));
        Assert.Equal("8.2% a year", WhatIfConsole.Level(scenario, "hightech_exit_rate")(0.0816));
        Assert.Equal("18.1%", WhatIfConsole.LeverValue(scenario, new Lever("hightech_exit_rate", "mode"))(0.1811));
        Assert.Equal("50", WhatIfConsole.LeverValue(scenario, new Lever("hightech_new_constant", "mean"))(50));
    }

    [Fact]
    public async Task GoalAndSweep_PrintRateLeversAsPercentages()
    {
        var goal = await CliHarness.Run("goal", Baseline, "--indicator", "hightech_enterprises", "--lever", "hightech_exit_rate.mode",
            "--probability", "0.45", "--paths", "1000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        Assert.Equal(0, goal.ExitCode);
        Assert.Contains("by hightech_exit_rate.mode in [2.5%, 10.0%]", goal.Out, StringComparison.Ordinal);
        Assert.Contains("hightech_exit_rate.mode = 5.0%", goal.Out, StringComparison.Ordinal);

        var sweep = await CliHarness.Run("sweep", Baseline, "--lever", "hightech_exit_rate.mode=0.03:0.07:3", "--paths", "1000", "--no-plots",
            "--lang", "en", "--out", CliHarness.TempFolder());
        Assert.Equal(0, sweep.ExitCode);
        foreach (string value in new[] { "3.0%", "7.0%" })
            Assert.Matches(@"│\s+" + System.Text.RegularExpressions.Regex.Escape(value) + " │", sweep.Out);
    }
}
