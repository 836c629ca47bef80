using Forecast.Engine.Calibration;
using Xunit;

namespace Forecast.Tests.Calibration;

public class IdentifiabilityTests
{
    [Fact]
    public void TwoPoints_IdentifyAverageGrowth_NotVolatility_WhichComesFromThePrior()
    {
        var series = HistoricalSeries.FromValues("hightech_enterprises", [(2015, 51), (2020, 268)], "Liaocheng");

        IdentifiabilityReport report = Identifiability.Assess(series, prior: new GrowthPrior(0.1, "Jining 2015-2020"));

        Assert.Equal("Liaocheng hightech_enterprises: two points (2015, 2020): average growth identified (CAGR 39.35% a year over 2015-2020); volatility not: taken from the prior (Jining 2015-2020).", report.Summary);
        Assert.True(report.Items.Single(i => i.Quantity == "average growth").Identified);
        Assert.False(report.Items.Single(i => i.Quantity == "volatility").Identified);
    }

    [Fact]
    public void TwoPoints_WithoutPrior_PointToThePanelSeries_ThatHaveThreeOrMorePoints()
    {
        var panel = HistoricalPanel.FromObservations(
        [
            new Observation("hightech_enterprises", 2015, 51, "Liaocheng"), new Observation("hightech_enterprises", 2020, 268, "Liaocheng"),
            new Observation("hightech_enterprises", 2018, 400, "Jining"), new Observation("hightech_enterprises", 2019, 503, "Jining"),
            new Observation("hightech_enterprises", 2020, 614, "Jining"),
        ]);

        IdentifiabilityReport report = Identifiability.Assess(panel.Find("hightech_enterprises", "Liaocheng")!, panel);

        Assert.EndsWith("volatility not: can be taken from the panel (Jining: 3 points 2018-2020).", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePoint_IdentifiesTheLevelOnly_AndSaysWhenNothingCanBeBorrowed()
    {
        var series = HistoricalSeries.FromValues("tech_smes", [(2020, 303)], "Liaocheng");

        IdentifiabilityReport report = Identifiability.Assess(series, HistoricalPanel.Empty);

        Assert.Equal(1, report.ObservationCount);
        Assert.True(report.Items.Single(i => i.Quantity == "level").Identified);
        Assert.Contains("growth not: no other region reports two or more years: state it as a scenario assumption", report.Summary, StringComparison.Ordinal);
        Assert.Contains("supply a GrowthPrior", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreePoints_IdentifyEverything_ButAreFlaggedWeak()
    {
        var series = HistoricalSeries.FromValues("x", [(2018, 1), (2019, 2), (2020, 3)]);

        IdentifiabilityReport report = Identifiability.Assess(series);

        Assert.All(report.Items, i => Assert.True(i.Identified));
        Assert.Contains("only 1 degrees of freedom: weak", report.Summary, StringComparison.Ordinal);
    }
}
