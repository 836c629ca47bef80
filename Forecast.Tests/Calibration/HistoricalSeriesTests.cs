using Forecast.Engine.Calibration;
using Xunit;

namespace Forecast.Tests.Calibration;

public class HistoricalSeriesTests
{
    [Fact]
    public void Observations_AreSortedByYear()
    {
        var series = HistoricalSeries.FromValues("x", [(2020, 3), (2015, 1), (2018, 2)]);

        Assert.Equal([2015, 2018, 2020], series.Years.ToArray());
        Assert.Equal([1.0, 2.0, 3.0], series.Values.ToArray());
        Assert.Equal([2015, 2018], series.Through(2019).Years.ToArray());
    }

    [Fact]
    public void RepeatedYear_IsRejected_WithTheYearInTheMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => HistoricalSeries.FromValues("x", [(2020, 3), (2020, 4)]));
        Assert.Contains("two values for 2020", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Panel_GroupsByRegionAndIndicator_AndTreatsEmptyRegionAsNone()
    {
        var panel = HistoricalPanel.FromObservations(
        [
            new Observation("a", 2015, 1, "P"), new Observation("a", 2016, 2, "P"),
            new Observation("a", 2015, 5, ""), new Observation("b", 2015, 7, "P"),
        ]);

        Assert.Equal(3, panel.Series.Length);
        Assert.Equal(4, panel.ObservationCount);
        Assert.Equal(2, panel.Find("a", "P")!.Count);
        Assert.Equal(5, panel.Find("a")!.Observations[0].Value);
        Assert.Equal(2, panel.ForIndicator("a").Length);
        Assert.Null(panel.Find("c"));
    }

    [Fact]
    public void PredictiveDistribution_LogScale_HasMedianExpLocation_AndNormalQuantiles()
    {
        var p = new PredictiveDistribution(2021, Math.Log(100), 0.1, double.PositiveInfinity, PredictiveScale.Log);

        Assert.Equal(100, p.Median, 9);
        // 95% upper quantile of the normal: 1.644854.
        Assert.Equal(100 * Math.Exp(0.1 * 1.644854), p.Quantile(0.95), 4);
        var (lower, upper) = p.Interval(0.9);
        Assert.Equal(100 * Math.Exp(-0.1 * 1.644854), lower, 4);
        Assert.Equal(p.Quantile(0.95), upper, 12);
    }
}
