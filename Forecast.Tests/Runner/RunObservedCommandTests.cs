using System.Text.Json;

namespace Forecast.Tests.Runner;

/// <summary>
/// <c>run --observed</c> end to end: the mid-term review of the README (outcomes observed through 2023) conditions the
/// paths, prints each target's probability at the start and after, the effective sample size, the rows left out, and
/// writes the conditioning into summary.json; the stored distribution is that of the conditioned paths.
/// </summary>
public class RunObservedCommandTests
{
    [Fact]
    public async Task MidTermReview_ConditionsThePaths_AndSaysSo()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"), "--paths", "4000", "--no-plots",
            "--observed", RepositoryFiles.Path("scenarios", "history", "liaocheng-outcomes.csv"), "--observed-until", "2023", "--out", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("Nowcast from 3 observed value(s)", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("effective sample size", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("after 2023, the last year observed", outcome.Out, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var nowcast = summary.RootElement.GetProperty("nowcast");
        Assert.InRange(nowcast.GetProperty("effectiveSampleSize").GetDouble(), 1, 4000);
        // Every conditioned path takes the observed 1155 technology-based SMEs in 2023: the 2023 percentiles collapse onto it.
        var smes = summary.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "tech_smes");
        var year2023 = smes.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2023);
        Assert.Equal(1155, year2023.GetProperty("p50").GetDouble(), 6);
        // The paths copy few effective draws: the intervals say so (units are groups of draws, not the 4,000 paths).
        Assert.Equal("groups of parameter draws", summary.RootElement.GetProperty("intervalMethod").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "distribution.json")));
    }
}
