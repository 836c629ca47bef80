namespace Forecast.Engine.Calibration;

/// <summary>
/// A stated prior for the year-to-year volatility of compound growth, used when the data cannot
/// identify it (two observations give only the average growth).
/// </summary>
public sealed record GrowthPrior
{
    /// <summary>Creates a prior; throws when <paramref name="volatility"/> is negative or not finite, or the source is empty.</summary>
    /// <param name="volatility">σ, standard deviation of yearly log-changes (ln x_{t+1} − ln x_t); range σ ≥ 0. 0.10 ≈ ±10% a year.</param>
    /// <param name="source">Where σ comes from, e.g. "panel of Shandong cities 2015-2019" or "assumption A3".</param>
    public GrowthPrior(double volatility, string source)
    {
        if (!double.IsFinite(volatility) || volatility < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(volatility), volatility, Resources.CalibrationText.ErrPriorVolatility);
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Volatility = volatility;
        Source = source;
    }

    /// <summary>σ, standard deviation of yearly log-changes; σ ≥ 0.</summary>
    public double Volatility { get; }

    /// <summary>Where the prior comes from, as given (the calibration's own priors in the UI culture): it goes into the warnings and the notes.</summary>
    public string Source { get; }
}
