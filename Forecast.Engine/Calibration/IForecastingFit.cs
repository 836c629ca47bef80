namespace Forecast.Engine.Calibration;

/// <summary>A fitted model of one series that can forecast later years (used by the backtest and model choice).</summary>
public interface IForecastingFit
{
    /// <summary>What the data identified.</summary>
    FitStatus Status { get; }

    /// <summary>Fit statistics (log-likelihood on the original scale, AIC, BIC).</summary>
    FitStatistics Statistics { get; }

    /// <summary>The predictive distribution of the value in <paramref name="year"/> (after the last fitted year).</summary>
    PredictiveDistribution Predict(int year);
}
