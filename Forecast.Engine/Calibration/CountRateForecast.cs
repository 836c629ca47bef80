namespace Forecast.Engine.Calibration;

/// <summary>
/// A constant-rate count model of yearly counts as an <see cref="IForecastingFit"/>, for the rolling-origin
/// backtest: the Poisson or NB2 fit of <see cref="CountRegressionEstimator"/> (NB2 when overdispersed), and a
/// normal approximation of next years' counts with variance μ + α·μ² + μ²·se(β₀)² (count noise, overdispersion
/// and the rate's estimation error), clipped at 0.
/// </summary>
internal sealed class CountRateForecast : IForecastingFit
{
    private readonly CountModelFit _fit;

    private CountRateForecast(CountModelFit fit) => _fit = fit;

    public FitStatus Status => _fit.Status;

    public FitStatistics Statistics => _fit.Statistics;

    /// <summary>Fits a constant rate to yearly counts (exposure one year each).</summary>
    public static CountRateForecast Fit(HistoricalSeries series) =>
        new(CountRegressionEstimator.Fit(series.Observations.Select(o => new CountObservation(o.Year, o.Value, 1)).ToList(), CountTrend.None).Preferred);

    public PredictiveDistribution Predict(int year)
    {
        double mu = Math.Exp(_fit.LogRate.Estimate);
        double alpha = double.IsFinite(_fit.Dispersion.Estimate) ? _fit.Dispersion.Estimate : 0;
        double se = double.IsFinite(_fit.LogRate.StandardError) ? _fit.LogRate.StandardError : 0;
        double variance = mu + alpha * mu * mu + mu * mu * se * se;
        return new PredictiveDistribution(year, mu, Math.Sqrt(variance), double.PositiveInfinity, PredictiveScale.Level, 0);
    }
}
