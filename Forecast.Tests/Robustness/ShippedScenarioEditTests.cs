using Forecast.Tests.Runner;

namespace Forecast.Tests.Robustness;

/// <summary>
/// The tables, row by row: one edit of one field of the shipped Liaocheng scenario, run as a new user would
/// (<c>run --paths 2000 --no-plots</c>). Each edit that used to hang, crash or produce a table built on nothing is refused
/// with exit code 2 and the exact located message, and nothing is written.
/// </summary>
public class ShippedScenarioEditTests
{
    private const string CountLevel = "level: {dist: pert, min: 45, mode: 60, max: 90}";
    private const string GrowthLevel = "level: {dist: normal, mean: 0.12, sd: 0.03}";
    private const string ExitLevel = "level: {dist: pert, min: 0.02, mode: 0.05, max: 0.10}";

    [Fact]
    public Task CountDriversPertMaxOf1e8_WhichRanForeverBefore_IsRefused() => Refused(
        CountLevel, "level: {dist: pert, min: 45, mode: 60, max: 100000000}",
        ":96:44: drivers[9].level.max: 'hightech_new' is a count (the entries of indicators[5] 'hightech_enterprises'): every level it can draw " +
        "may be at most 1,000,000 (the largest count the samplers draw in bounded time), but pert(45, 60, 1e+08) draws levels from 45 to 1e+08");

    [Fact]
    public Task CountDriversPertMaxOf1e12_WhichThrewFromBetaRegularizedBefore_IsRefused() => Refused(
        CountLevel, "level: {dist: pert, min: 45, mode: 60, max: 1e12}",
        ":96:44: drivers[9].level.max: 'hightech_new' is a count (the entries of indicators[5] 'hightech_enterprises'): every level it can draw " +
        "may be at most 1,000,000 (the largest count the samplers draw in bounded time), but pert(45, 60, 1e+12) draws levels from 45 to 1e+12");

    [Fact]
    public Task GrowthDriversSdOf1e300_WhichGaveNullPercentilesBefore_IsRefused() => Refused(
        GrowthLevel, "level: {dist: normal, mean: 0.12, sd: 1e300}",
        ":27:39: drivers[0].level.sd: 'rd_spending_growth' has sd 1e+300; numbers are limited to a magnitude of 1e15 (beyond any plan's figure)");

    [Fact]
    public Task GrowthDriversMeanOf1e300_WhichGaveNullPercentilesBefore_IsRefused() => Refused(
        GrowthLevel, "level: {dist: normal, mean: 1e300, sd: 0.03}",
        ":27:27: drivers[0].level.mean: 'rd_spending_growth' has mean 1e+300; numbers are limited to a magnitude of 1e15 (beyond any plan's figure)");

    [Fact]
    public Task GrowthDriversSdOf1e10_WithinTheMagnitudeLimit_IsRefusedAsAGrowthRate() => Refused(
        GrowthLevel, "level: {dist: normal, mean: 0.12, sd: 1e10}",
        ":27:39: drivers[0].level.sd: 'rd_spending_growth' is a growth rate (the numerator's growth of indicators[0] 'rd_intensity'): every level it can draw " +
        "must lie between -0.9502 and 19.0855 (ln(1 + g) within ±3, so that 100 years of growth stay finite), but normal(mean 0.12, sd 1e+10) draws levels from -8.3e+10 to 8.3e+10");

    [Fact]
    public Task ExitRatesPertMaxOf1Point5_AProbabilityAboveOne_IsRefused() => Refused(
        ExitLevel, "level: {dist: pert, min: 0.02, mode: 0.05, max: 1.5}",
        ":105:48: drivers[10].level.max: 'hightech_exit_rate' is a probability (the exit rate of indicators[5] 'hightech_enterprises'): " +
        "every level it can draw must lie in [0, 1], but pert(0.02, 0.05, 1.5) draws levels from 0.02 to 1.5");

    [Fact]
    public Task ExitRatesPertMinOfMinus0Point5_IsRefused() => Refused(
        ExitLevel, "level: {dist: pert, min: -0.5, mode: 0.05, max: 0.10}",
        ":105:25: drivers[10].level.min: 'hightech_exit_rate' is a probability (the exit rate of indicators[5] 'hightech_enterprises'): " +
        "every level it can draw must lie in [0, 1], but pert(-0.5, 0.05, 0.1) draws levels from -0.5 to 0.1");

    [Fact]
    public Task NegativeTargetForACount_WhichWas100PercentOnTrackBefore_IsRefused() => Refused(
        "target: {year: 2025, value: 600, source: \"plan table L186\"}", "target: {year: 2025, value: -600, source: \"plan table L186\"}",
        ":284:26: indicators[5].target.value: 'hightech_enterprises' is a count (stock-flow) and never falls below 0, so the target -600 would be " +
        "met on every path; give a target of at least 0");

    [Fact]
    public Task DecimalCommaInAFlowMapping_IsNamedAsSuch_NotAsAnUnknownKey() => Refused(
        GrowthLevel, "level: {dist: normal, mean: 0,12, sd: 0.03}",
        ":27:33: drivers[0].level.mean: expected a number, found '0,12': a decimal comma; write 0.12 (a decimal point, not a comma)");

    [Fact]
    public Task FullWidthColonOfAChineseInputMethod_IsNamedAsSuch_NotAsTheParsersWords() => Refused(
        GrowthLevel, "level：{dist: normal, mean: 0.12, sd: 0.03}",
        ":27:10: malformed YAML: a full-width colon '：' where ':' is needed (as a Chinese input method types it: switch to half-width 半角 punctuation and retype it)");

    [Fact]
    public Task FullWidthCommaInAFlowMapping_IsNamedAsSuch() => Refused(
        GrowthLevel, "level: {dist: normal， mean: 0.12, sd: 0.03}",
        ":27:25: malformed YAML: a full-width comma '，' where ',' is needed (as a Chinese input method types it: switch to half-width 半角 punctuation and retype it)");

    [Fact]
    public async Task TheShippedScenario_Unedited_RunsWithFinitePercentiles()
    {
        var (file, outDir) = Edited(null, null);
        var outcome = await CliHarness.Run("run", file, "--paths", "2000", "--no-plots", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        SummaryJson.AssertFinite(Path.Combine(outDir, "summary.json"));
    }

    private static async Task Refused(string find, string replace, string expected)
    {
        var (file, outDir) = Edited(find, replace);
        var outcome = await CliHarness.Run("run", file, "--paths", "2000", "--no-plots", "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("error: the input cannot be used:" + Environment.NewLine + "  " + file + expected + Environment.NewLine + "Nothing was written." + Environment.NewLine,
            outcome.Error);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>The shipped scenario with one edit, in a new folder; and an output folder there that does not exist yet.</summary>
    internal static (string File, string OutDir) Edited(string? find, string? replace)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string text = File.ReadAllText(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"));
        if (find is not null) text = BadScenarioInputTests.ReplaceOnce(text, find, replace!);
        string file = Path.Combine(folder, "liaocheng-2025.yaml");
        File.WriteAllText(file, text);
        return (file, Path.Combine(folder, "out"));
    }
}
