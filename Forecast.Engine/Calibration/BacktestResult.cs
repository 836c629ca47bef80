using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Accuracy of a model in a rolling-origin backtest: fitted on years ≤ t, forecasting t+1..t+h, for every
/// origin t with enough history.
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="Forecasts">Every forecast made.</param>
/// <param name="Mape">Mean absolute percentage error of the medians, in percent (over actual values ≠ 0), or NaN.</param>
/// <param name="Rmse">Root mean squared error of the medians, in the indicator's unit, or NaN.</param>
/// <param name="Coverage50">Share of actual values inside the 50% prediction interval (0..1), or NaN.</param>
/// <param name="Coverage90">Share of actual values inside the 90% prediction interval (0..1), or NaN.</param>
/// <param name="IntervalCount">Number of forecasts that had intervals (the coverage denominator).</param>
/// <param name="Warnings">Messages for the planner.</param>
public sealed record BacktestResult(
    string Model,
    ImmutableArray<BacktestForecast> Forecasts,
    double Mape,
    double Rmse,
    double Coverage50,
    double Coverage90,
    int IntervalCount,
    ImmutableArray<string> Warnings);
