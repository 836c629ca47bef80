using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Scenarios.History;

namespace Forecast.Tests.Calibration;

/// <summary>Period totals are data: a history row's <c>period</c> column, never a suffix parsed out of an indicator id.</summary>
public class PeriodTotalTests
{
    private static Scenario Platforms() => new("test", LocalizedText.Both("test"),
        [new Driver("new_platforms", LocalizedText.Both("new"), new PertDistribution(12, 20, 26), YearlyVariation.Poisson)], [],
        [new Indicator("platforms_total", LocalizedText.Both("new"), LocalizedText.Both("platforms"), 2020, 0, new CumulativeModel("new_platforms"), new Target(2025, 50))],
        new RunDefaults(1000, 7));

    [Fact]
    public void APeriodColumn_MakesTheRowATotal_WhoseYearsAreTheExposure()
    {
        // 111 new platforms in 2016-2020 (plan L111): a Poisson rate of 111/5 = 22.2 a year.
        var panel = HistoryCsvReader.ParseText("region,indicator,year,value,period\nLiaocheng,new_platforms,2020,111,2016-2020\n", "h.csv").PanelOrThrow();
        Observation o = panel.Series.Single().Observations.Single();
        Assert.Equal(new YearPeriod(2016, 2020), o.Period);

        var calibration = ScenarioCalibrator.Calibrate(Platforms(), panel, new ScenarioCalibrationOptions { Region = "Liaocheng" });

        CountObservation count = calibration.Indicators.Single().Counts.Single();
        Assert.Equal((2018.0, 111.0, 5.0), (count.Year, count.Count, count.ExposureYears));
        // The calibrated level is written with six significant digits (3.10009), hence the tolerance of half a unit in the sixth.
        Assert.Equal(Math.Log(22.2), Assert.IsType<LogNormalDistribution>(calibration.Calibrated.Driver("new_platforms").Level).Mu, 5e-6);
    }

    [Fact]
    public void AnIdThatEndsInYears_IsJustAnId_AndIsReportedAsUnused()
    {
        var panel = HistoryCsvReader.ParseText("region,indicator,year,value\nLiaocheng,new_platforms_2016_2020,2020,111\n", "h.csv").PanelOrThrow();

        var calibration = ScenarioCalibrator.Calibrate(Platforms(), panel, new ScenarioCalibrationOptions { Region = "Liaocheng" });

        Assert.Equal(CalibrationOutcome.NoHistory, calibration.Indicators.Single().Outcome);
        Assert.Equal(["Liaocheng new_platforms_2016_2020"], calibration.UnusedSeries.ToArray());
    }

    [Theory]
    [InlineData("2016-2019", "first-last years ending in the row's year")]
    [InlineData("2020-2016", "first-last years ending in the row's year")]
    [InlineData("five years", "first-last years ending in the row's year")]
    public void APeriodThatIsNotFirstToLastEndingInTheYear_IsAnError(string period, string expected)
    {
        var result = HistoryCsvReader.ParseText("indicator,year,value,period\nnew_platforms,2020,111," + period + "\n", "h.csv");

        HistoryCsvError error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("period", error.Column);
        Assert.StartsWith(expected, error.Expected, StringComparison.Ordinal);
    }
}
