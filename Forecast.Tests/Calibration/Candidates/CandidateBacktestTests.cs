using Forecast.Engine.Calibration;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Calibration.Candidates;

/// <summary>
/// The backtest's scoring and naive benchmarks against closed forms. The naive predictives are n = 2,000 stratified quantiles
/// (i + ½)/n of a normal or t: deterministic, their error is the grid's. Read at level p by R's type-7 interpolation, the grid's
/// level is off by (½ − p)/n, so the quantile is off by |p − ½|/(n·f(x_p)); the tolerances are twice that (and 1e-3 sd at the median).
/// </summary>
public class CandidateBacktestTests
{
    [Fact]
    public void Crps_OfStratifiedNormalDraws_IsTheNormalClosedForm()
    {
        // CRPS(N(μ, σ²), y) = σ[z(2Φ(z) − 1) + 2φ(z) − 1/√π], z = (y − μ)/σ (Gneiting and Raftery 2007, eq. 21).
        var series = HistoricalSeries.FromValues("x", [(2010, 10), (2011, 12), (2012, 13), (2013, 16)]);
        MixturePredictive p = CandidateBacktest.Naive(series, 1, 20_000, logScale: false);
        double mu = 18, sigma = Math.Sqrt(1 + 1 / 3.0);
        foreach (double y in new[] { 18.0, 19.5, 14 })
        {
            double z = (y - mu) / sigma;
            double crps = sigma * (z * (2 * Normal.CDF(0, 1, z) - 1) + 2 * Normal.PDF(0, 1, z) - 1 / Math.Sqrt(Math.PI));
            Assert.Equal(crps, p.Crps(1, y), 1e-3 * sigma);
        }
    }

    [Fact]
    public void RandomWalkWithDrift_IsRsRwfWithDrift()
    {
        // 10, 12, 13, 16: drift d = 6/3 = 2, σ² = ((2−2)² + (1−2)² + (3−2)²)/(3 − 1) = 1, x_{2013+h} ~ N(16 + 2h, 1·(h + h²/3)).
        var series = HistoricalSeries.FromValues("x", [(2010, 10), (2011, 12), (2012, 13), (2013, 16)]);
        MixturePredictive p = CandidateBacktest.Naive(series, 5, 2000, logScale: false);
        foreach (int h in new[] { 1, 3, 5 })
        {
            double sd = Math.Sqrt(h + h * h / 3.0);
            Assert.Equal(16 + 2 * h, p.Quantile(h, 0.5), 1e-3 * sd);
            Assert.Equal(16 + 2 * h + Normal.InvCDF(0, 1, 0.9) * sd, p.Quantile(h, 0.9), 2 * 0.4 / 2000 / Normal.PDF(0, 1, Normal.InvCDF(0, 1, 0.9)) * sd);
        }
    }

    [Fact]
    public void LinearTrend_IsTheLeastSquaresPredictionInterval()
    {
        // 10, 12, 13, 16 on 2010-2013: t̄ = 2011.5, x̄ = 12.75, Sxx = 5, Sxy = 9.5, b = 1.9; s² = RSS/(n − 2); the prediction sd at 2015 is
        // s·√(1 + 1/4 + (2015 − 2011.5)²/5), Student t with 2 df.
        var series = HistoricalSeries.FromValues("x", [(2010, 10), (2011, 12), (2012, 13), (2013, 16)]);
        MixturePredictive p = CandidateBacktest.LinearTrend(series, 2, 2000);
        double[] t = [2010, 2011, 2012, 2013], x = [10, 12, 13, 16];
        double b = 1.9, a = 12.75 - b * 2011.5, rss = t.Select((ti, i) => Math.Pow(x[i] - a - b * ti, 2)).Sum(), s = Math.Sqrt(rss / 2);
        double sd = s * Math.Sqrt(1 + 0.25 + Math.Pow(2015 - 2011.5, 2) / 5);
        Assert.Equal(a + b * 2015, p.Quantile(2, 0.5), 1e-3 * sd);
        Assert.Equal(a + b * 2015 + StudentT.InvCDF(0, 1, 2, 0.95) * sd, p.Quantile(2, 0.95), 2 * 0.45 / 2000 / StudentT.PDF(0, 1, 2, StudentT.InvCDF(0, 1, 2, 0.95)) * sd);
    }

    [Fact]
    public void TheBacktest_ScoresEveryObservedYearUpToFiveAhead_FromEveryOriginWithThreePoints_WithoutLookingAhead()
    {
        // 8 yearly points: origins 2012 (3 points) … 2016; the forecasts of origin o are the years o+1 … min(o+5, 2017).
        var series = HistoricalSeries.FromValues("x", Enumerable.Range(0, 8).Select(i => (2010 + i, 100 * Math.Pow(1.1, i) * (1 + 0.02 * ((i % 3) - 1)))));
        var donor = HistoricalSeries.FromValues("x", Enumerable.Range(0, 8).Select(i => (2010 + i, 50 * Math.Pow(1.08, i))), "Shandong");
        var run = CandidateBacktest.Run(new BacktestSeries("x", series, IndicatorShape.PositiveLevel, [donor], [donor, series]), draws: 500);

        int expected = Enumerable.Range(2012, 5).Sum(o => Math.Min(5, 2017 - o));
        foreach (BacktestMethod method in Enum.GetValues<BacktestMethod>())
        {
            Assert.Equal(expected, run.Count(f => f.Method == method));
        }
        Assert.All(run, f => Assert.InRange(f.Horizon, 1, 5));
        var summary = CandidateBacktest.Summarise(run);
        BacktestSummary all = summary.Single(r => r.Method == BacktestMethod.Candidates && r.Horizon == 0);
        Assert.Equal(expected, all.Forecasts);
        Assert.Equal(run.Where(f => f.Method == BacktestMethod.Candidates).Average(f => f.In90 ? 1.0 : 0), all.Coverage90, 12);
        Assert.StartsWith("| method | horizon | forecasts | cover 50% |", CandidateBacktest.Markdown(summary), StringComparison.Ordinal);
    }
}
