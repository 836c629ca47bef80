namespace Forecast.Engine.Calibration;

/// <summary>
/// Predictive distribution of a logistic fit on the original scale: x(τ) = lo + R·s(a + bτ) with
/// s(z) = 1/(1 + e^{−z}), variance s² + ∇ᵀ·Cov·∇ (delta method), ∇ = R·s(1 − s)·(1, τ), Student t with
/// n − 2 df, clipped to the bounds. Two-point fits give the median only.
/// </summary>
internal sealed record LogisticPredictor(
    ShareBounds Bounds,
    int FirstYear,
    double Level,
    double Slope,
    double ResidualVariance,
    double VarianceLevel,
    double VarianceSlope,
    double Covariance,
    double DegreesOfFreedom)
{
    public PredictiveDistribution Predict(int year)
    {
        double tau = year - FirstYear;
        double z = Level + Slope * tau;
        double s = 1 / (1 + Math.Exp(-z));
        double location = Bounds.Lower + Bounds.Range * s;
        double d = Bounds.Range * s * (1 - s);
        double variance = ResidualVariance + d * d * (VarianceLevel + 2 * tau * Covariance + tau * tau * VarianceSlope);
        return new PredictiveDistribution(year, location, Math.Sqrt(variance), DegreesOfFreedom, PredictiveScale.Level, Bounds.Lower, Bounds.Upper);
    }
}
