namespace Forecast.Engine.Calibration;

/// <summary>The regressors of a count model with log link.</summary>
public enum CountTrend
{
    /// <summary>Constant rate: ln μᵢ = ln Eᵢ + β₀.</summary>
    None,

    /// <summary>Rate with an exponential trend: ln μᵢ = ln Eᵢ + β₀ + β₁·(yearᵢ − centre year).</summary>
    Linear,
}
