namespace Forecast.Engine.Calibration;

/// <summary>Options of <see cref="ScenarioCalibrator.Calibrate"/>.</summary>
public sealed record ScenarioCalibrationOptions
{
    /// <summary>The volatility prior used when no <see cref="PriorVolatility"/> is given and the driver states no yearly σ: 0.10 (±10% a year).</summary>
    public const double DefaultPriorVolatility = 0.10;

    /// <summary>The region whose series are the scenario's own (series without region count as own too). Default "Liaocheng".</summary>
    public string Region { get; init; } = "Liaocheng";

    /// <summary>
    /// σ of the yearly changes (log-changes for growth, logit changes for shares) where the data cannot identify it.
    /// Null: the driver's own yearly σ in the base scenario (a stated assumption), else <see cref="DefaultPriorVolatility"/>.
    /// Range: σ ≥ 0.
    /// </summary>
    public double? PriorVolatility { get; init; }

    /// <summary>h, the largest horizon of the rolling-origin backtest in years (≥ 1). Default 3.</summary>
    public int BacktestHorizon { get; init; } = 3;

    /// <summary>Fewest observations a backtest fit may use (≥ 3, so that a fit has an interval). Default 3.</summary>
    public int MinimumTrainingPoints { get; init; } = 3;

    /// <summary>Count regression options; the ML.NET cross-check is off by default (with one period it checks nothing).</summary>
    public CountRegressionOptions CountOptions { get; init; } = new(CrossCheckWithMlNet: false);
}
