using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

public class RollingOriginBacktestTests(ITestOutputHelper output)
{
    [Fact]
    public void ExactCompoundGrowth_IsForecastWithoutError()
    {
        // x = 100·1.1^t exactly: every origin's log-linear fit reproduces it, so MAPE = RMSE = 0.
        var series = HistoricalSeries.FromValues("x", Enumerable.Range(0, 7).Select(t => (2014 + t, 100 * Math.Pow(1.1, t))));

        BacktestResult result = RollingOriginBacktest.Run(series, "compound growth", s => CompoundGrowthEstimator.Fit(s), horizon: 2);

        // Origins 2016..2019 with horizon 2 (2019 has only 2020 ahead): 2 + 2 + 2 + 1 = 7 forecasts.
        Assert.Equal(7, result.Forecasts.Length);
        Assert.Equal(0, result.Mape, 9);
        Assert.Equal(0, result.Rmse, 6);
        Assert.All(result.Forecasts, f => Assert.InRange(f.Horizon, 1, 2));
    }

    [Fact]
    public void MapeAndRmse_AreComputedFromMedians_AsHandChecked()
    {
        // Random walk fitted on (1, e, e²) has drift 1; the forecast median for year 3 is e³, actual 2e³:
        // error e³, percentage error 50%, RMSE e³.
        var series = HistoricalSeries.FromValues("x", [(2000, 1), (2001, Math.E), (2002, Math.Exp(2)), (2003, 2 * Math.Exp(3))]);

        BacktestResult result = RollingOriginBacktest.Run(series, "random walk", s => CompoundGrowthEstimator.Fit(s, model: GrowthModel.RandomWalkWithDrift));

        BacktestForecast f = Assert.Single(result.Forecasts);
        Assert.Equal(2002, f.Origin);
        Assert.Equal(Math.Exp(3), f.Median, 9);
        Assert.Equal(50, result.Mape, 9);
        Assert.Equal(Math.Exp(3), result.Rmse, 9);
    }

    [Fact]
    public void TooShortASeries_GivesNoForecast_AndSaysWhy()
    {
        var series = HistoricalSeries.FromValues("hightech_enterprises", [(2015, 51), (2020, 268)], "Liaocheng");

        BacktestResult result = RollingOriginBacktest.Run(series, "compound growth", s => CompoundGrowthEstimator.Fit(s));

        Assert.Empty(result.Forecasts);
        Assert.True(double.IsNaN(result.Mape));
        Assert.Contains("needs at least 4", result.Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void PredictionIntervals_OfTheRandomWalk_HaveNominalCoverage_OneStepAhead()
    {
        // One forecast per replication (origin = second-to-last year), so the coverages are binomial.
        const int replications = 600;
        var generator = Xoshiro256StarStar.FromSeed(20_210_009);
        int[] years = SimulatedHistory.Consecutive(2010, 9);
        int in50 = 0, in90 = 0;
        for (int r = 0; r < replications; r++)
        {
            HistoricalSeries series = SimulatedHistory.RandomWalk(ref generator, years, 100, 0.1, 0.12);
            BacktestResult result = RollingOriginBacktest.Run(series, "random walk",
                s => CompoundGrowthEstimator.Fit(s, model: GrowthModel.RandomWalkWithDrift), horizon: 1, minimumTrainingPoints: years.Length - 1);
            Assert.Equal(1, result.IntervalCount);
            in50 += result.Coverage50 == 1 ? 1 : 0;
            in90 += result.Coverage90 == 1 ? 1 : 0;
        }
        CoverageCheck.AssertNominal(in50, replications, "backtest 50% interval", output, 0.5);
        CoverageCheck.AssertNominal(in90, replications, "backtest 90% interval", output, 0.9);
    }
}
