using Forecast.Engine.Calibration;
using Forecast.Scenarios.History;
using Xunit;

namespace Forecast.Tests.History;

public class ShippedHistoryTests
{
    private static string HistoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scenarios", "history");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("scenarios/history not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("liaocheng-plan-history.csv")]
    [InlineData("public-history-to-2020.csv")]
    public void ShippedFile_IsReadWithoutError(string name)
    {
        HistoryReadResult result = HistoryCsvReader.Read(Path.Combine(HistoryFolder(), name));

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.True(result.Panel!.ObservationCount > 20);
    }

    [Fact]
    public void PlanHistory_HoldsTheHeadlineBaseValues_AndEveryRowCitesAPlanLine()
    {
        HistoricalPanel panel = HistoryCsvReader.Read(Path.Combine(HistoryFolder(), "liaocheng-plan-history.csv")).PanelOrThrow();

        // TARGETS.md headline table (plan L182-L189) and L107.
        (string Indicator, int Year, double Value)[] expected =
        [
            ("rd_intensity", 2019, 1.87), ("industrial_rd_ratio", 2019, 1.20), ("rd_personnel_density", 2020, 39.6),
            ("patent_density", 2020, 3.91), ("hightech_output_share", 2015, 26.26), ("hightech_output_share", 2020, 42.03),
            ("hightech_enterprises", 2015, 51), ("hightech_enterprises", 2020, 268), ("tech_smes", 2020, 303),
            ("science_literacy", 2020, 10.1), ("valid_invention_patents", 2020, 2374), ("invention_patent_grants_2016_2020", 2020, 2084),
        ];
        foreach (var (indicator, year, value) in expected)
        {
            Observation o = panel.Find(indicator, "Liaocheng")!.Observations.Single(x => x.Year == year);
            Assert.Equal(value, o.Value);
        }
        Assert.All(panel.Series.SelectMany(s => s.Observations), o => Assert.Matches(@"plan L\d+", o.Source!));
        // Period totals say so in the unit; the one period average (technology contract growth, L105) says that instead.
        Assert.All(panel.Series.Where(s => s.Indicator.EndsWith("_2016_2020", StringComparison.Ordinal)).SelectMany(s => s.Observations),
            o => Assert.Contains(o.Indicator.Contains("growth", StringComparison.Ordinal) ? "average annual growth 2016-2020" : "cumulative 2016-2020", o.Unit!, StringComparison.Ordinal));
    }
}
