namespace Forecast.Engine.Calibration;

/// <summary>One out-of-sample forecast of a rolling-origin backtest.</summary>
/// <param name="Origin">Last year of the data the model was fitted on.</param>
/// <param name="Year">The forecast year.</param>
/// <param name="Horizon">Year − Origin, ≥ 1.</param>
/// <param name="Actual">The observed value.</param>
/// <param name="Median">The forecast median.</param>
/// <param name="Lower50">Lower end of the central 50% prediction interval, or NaN.</param>
/// <param name="Upper50">Upper end of the central 50% prediction interval, or NaN.</param>
/// <param name="Lower90">Lower end of the central 90% prediction interval, or NaN.</param>
/// <param name="Upper90">Upper end of the central 90% prediction interval, or NaN.</param>
public sealed record BacktestForecast(
    int Origin,
    int Year,
    int Horizon,
    double Actual,
    double Median,
    double Lower50,
    double Upper50,
    double Lower90,
    double Upper90)
{
    /// <summary>True when the prediction intervals are available.</summary>
    public bool HasIntervals => !double.IsNaN(Lower50) && !double.IsNaN(Upper50) && !double.IsNaN(Lower90) && !double.IsNaN(Upper90);
}
