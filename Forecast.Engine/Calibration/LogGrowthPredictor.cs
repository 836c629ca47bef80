namespace Forecast.Engine.Calibration;

/// <summary>
/// Predictive distributions of a compound-growth fit on the log scale. Two forms:
/// a log-linear trend (ln x at τ years after the first year ~ â + ĝτ ± s·√(1 + 1/n + (τ − τ̄)²/Sττ) · t_{n−2}),
/// or a random walk from the last value (ln x_{T+h} ~ ln x_T + ĝh ± √(σ²h + h²·se(ĝ)²) · t_ν).
/// </summary>
internal sealed record LogGrowthPredictor(
    bool IsTrend,
    int OriginYear,
    double OriginLog,
    double Drift,
    double ResidualVariance,
    double DriftVariance,
    int Count,
    double MeanTime,
    double TimeSumOfSquares,
    double DegreesOfFreedom)
{
    public static LogGrowthPredictor Unavailable { get; } =
        new(false, 0, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.PositiveInfinity);

    public PredictiveDistribution Predict(int year)
    {
        double h = year - OriginYear;
        if (IsTrend)
        {
            double location = OriginLog + Drift * h;
            double variance = ResidualVariance * (1.0 + 1.0 / Count + (h - MeanTime) * (h - MeanTime) / TimeSumOfSquares);
            return new PredictiveDistribution(year, location, Math.Sqrt(variance), DegreesOfFreedom, PredictiveScale.Log);
        }
        double walkLocation = OriginLog + Drift * h;
        double walkVariance = ResidualVariance * h + h * h * DriftVariance;
        return new PredictiveDistribution(year, walkLocation, Math.Sqrt(walkVariance), DegreesOfFreedom, PredictiveScale.Log);
    }
}
