using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Result of <see cref="CompoundGrowthEstimator.Fit"/>: compound growth x_t = x_0·e^{g·t} with
/// yearly log-changes of volatility σ.
/// </summary>
public sealed record CompoundGrowthFit : IForecastingFit
{
    /// <summary>Indicator id.</summary>
    public required string Indicator { get; init; }

    /// <summary>Region, or null.</summary>
    public string? Region { get; init; }

    /// <summary>The estimation method for three or more points.</summary>
    public required GrowthModel Model { get; init; }

    /// <inheritdoc />
    public required FitStatus Status { get; init; }

    /// <summary>First year of the data (t = 0).</summary>
    public int FirstYear { get; init; }

    /// <summary>Last year of the data.</summary>
    public int LastYear { get; init; }

    /// <summary>a: ln x at the first year (fitted for the log-linear trend; the observed value for the random walk).</summary>
    public required ParameterEstimate Intercept { get; init; }

    /// <summary>g: drift, the annual log-growth (per year; 0.10 ≈ +10.5% a year).</summary>
    public required ParameterEstimate Drift { get; init; }

    /// <summary>e^g − 1: the annual growth rate as a fraction (0.3936 = +39.36% a year), interval transformed from the drift's.</summary>
    public required ParameterEstimate ArithmeticRate { get; init; }

    /// <summary>σ: standard deviation of yearly log-changes (per √year), with a chi-square interval; from the prior for two points.</summary>
    public required ParameterEstimate Volatility { get; init; }

    /// <summary>Where σ comes from: the data (with degrees of freedom) or the prior's source.</summary>
    public required string VolatilitySource { get; init; }

    /// <inheritdoc />
    public required FitStatistics Statistics { get; init; }

    /// <summary>Messages for the planner: what is missing, assumed or fragile.</summary>
    public required ImmutableArray<string> Warnings { get; init; }

    internal LogGrowthPredictor Predictor { get; init; } = LogGrowthPredictor.Unavailable;

    /// <inheritdoc />
    public PredictiveDistribution Predict(int year) => Predictor.Predict(year);
}
