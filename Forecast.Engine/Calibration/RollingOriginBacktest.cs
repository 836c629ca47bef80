using System.Collections.Immutable;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Rolling-origin evaluation (Tashman 2000): for each origin year t with at least
/// <c>minimumTrainingPoints</c> observations up to t, fit on years ≤ t and forecast the observed years in
/// t+1..t+h; report MAPE and RMSE of the medians and the empirical coverage of the 50% and 90% intervals.
/// </summary>
public static class RollingOriginBacktest
{
    /// <summary>Runs the backtest.</summary>
    /// <param name="series">The full history.</param>
    /// <param name="model">The model's name (for the result).</param>
    /// <param name="fit">Fits the model to a shortened series, e.g. <c>s =&gt; CompoundGrowthEstimator.Fit(s)</c>.</param>
    /// <param name="horizon">h, the largest horizon in years (≥ 1).</param>
    /// <param name="minimumTrainingPoints">Fewest observations a fit may use (≥ 1).</param>
    public static BacktestResult Run(HistoricalSeries series, string model, Func<HistoricalSeries, IForecastingFit> fit, int horizon = 1, int minimumTrainingPoints = 3)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumTrainingPoints, 1);

        var forecasts = ImmutableArray.CreateBuilder<BacktestForecast>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        var observations = series.Observations;
        for (int o = minimumTrainingPoints - 1; o < observations.Length - 1; o++)
        {
            int origin = observations[o].Year;
            IForecastingFit fitted = fit(series.Through(origin));
            if (fitted.Status == FitStatus.NotIdentifiable)
            {
                warnings.Add(F(T.BacktestNotIdentifiable, model, origin));
                continue;
            }
            for (int k = o + 1; k < observations.Length && observations[k].Year - origin <= horizon; k++)
            {
                Observation actual = observations[k];
                PredictiveDistribution p = fitted.Predict(actual.Year);
                var (l50, u50) = p.Interval(0.5);
                var (l90, u90) = p.Interval(0.9);
                forecasts.Add(new BacktestForecast(origin, actual.Year, actual.Year - origin, actual.Value, p.Median, l50, u50, l90, u90));
            }
        }

        var all = forecasts.ToImmutable();
        if (all.Length == 0)
        {
            warnings.Add(F(T.BacktestTooShort, model, series.Label, series.Count, minimumTrainingPoints + 1));
            return new BacktestResult(model, all, double.NaN, double.NaN, double.NaN, double.NaN, 0, warnings.ToImmutable());
        }

        double squared = 0, percentage = 0;
        int percentageCount = 0, intervalCount = 0, in50 = 0, in90 = 0;
        foreach (BacktestForecast f in all)
        {
            double e = f.Actual - f.Median;
            squared += e * e;
            if (f.Actual != 0)
            {
                percentage += Math.Abs(e / f.Actual);
                percentageCount++;
            }
            if (f.HasIntervals)
            {
                intervalCount++;
                in50 += f.Lower50 <= f.Actual && f.Actual <= f.Upper50 ? 1 : 0;
                in90 += f.Lower90 <= f.Actual && f.Actual <= f.Upper90 ? 1 : 0;
            }
        }
        if (intervalCount < all.Length)
        {
            warnings.Add(F(T.BacktestNoInterval, model, all.Length - intervalCount, all.Length, intervalCount));
        }
        return new BacktestResult(
            model,
            all,
            percentageCount > 0 ? 100 * percentage / percentageCount : double.NaN,
            Math.Sqrt(squared / all.Length),
            intervalCount > 0 ? (double)in50 / intervalCount : double.NaN,
            intervalCount > 0 ? (double)in90 / intervalCount : double.NaN,
            intervalCount,
            warnings.ToImmutable());
    }
}
