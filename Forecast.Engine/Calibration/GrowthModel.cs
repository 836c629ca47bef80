namespace Forecast.Engine.Calibration;

/// <summary>How compound growth is estimated from a series of at least three points.</summary>
public enum GrowthModel
{
    /// <summary>
    /// Log-linear trend, ln xₜ = a + g·t + εₜ with εₜ ~ N(0, s²) independent: ordinary least squares; the
    /// drift interval is t-based with n − 2 degrees of freedom.
    /// </summary>
    LogLinearTrend,

    /// <summary>
    /// Random walk with drift, ln xₜ₊Δ − ln xₜ ~ N(g·Δ, σ²·Δ) independent: g is the average log-growth
    /// (the CAGR in log terms), its interval t-based with m − 1 degrees of freedom (m = number of changes).
    /// </summary>
    RandomWalkWithDrift,
}
