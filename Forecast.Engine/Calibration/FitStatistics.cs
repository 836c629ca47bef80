namespace Forecast.Engine.Calibration;

/// <summary>
/// Goodness-of-fit summary shared by every estimator. The log-likelihood is that of the observed
/// values on their original scale (models fitted on logarithms include the Jacobian −Σ ln xᵢ), so
/// information criteria of different models fitted to the same observations are comparable.
/// </summary>
/// <param name="ObservationCount">n, the number of observations the likelihood is over.</param>
/// <param name="ParameterCount">k, the number of estimated parameters (including variance or dispersion).</param>
/// <param name="ResidualVariance">Unbiased residual variance on the scale the model was fitted on, or NaN.</param>
/// <param name="LogLikelihood">Maximised log-likelihood ln L, or NaN when not defined.</param>
public sealed record FitStatistics(int ObservationCount, int ParameterCount, double ResidualVariance, double LogLikelihood)
{
    /// <summary>Akaike information criterion, AIC = 2k − 2 ln L (lower is better).</summary>
    public double Aic => 2.0 * ParameterCount - 2.0 * LogLikelihood;

    /// <summary>Bayesian (Schwarz) information criterion, BIC = k ln n − 2 ln L (lower is better).</summary>
    public double Bic => ParameterCount * Math.Log(ObservationCount) - 2.0 * LogLikelihood;

    /// <summary>
    /// Small-sample corrected AIC, AICc = AIC + 2k(k+1)/(n−k−1); NaN when n ≤ k + 1.
    /// </summary>
    public double Aicc => ObservationCount - ParameterCount - 1 > 0
        ? Aic + 2.0 * ParameterCount * (ParameterCount + 1) / (ObservationCount - ParameterCount - 1)
        : double.NaN;

    /// <summary>Statistics of a fit that has no likelihood (too few data).</summary>
    public static FitStatistics None(int observationCount) => new(observationCount, 0, double.NaN, double.NaN);
}
