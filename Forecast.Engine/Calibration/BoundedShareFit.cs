using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Result of <see cref="BoundedShareEstimator.Fit"/>: a logistic path x(t) = lo + (hi − lo)/(1 + e^{−(a + b·t)})
/// with t in years since <see cref="FirstYear"/>, i.e. logit((x − lo)/(hi − lo)) = a + b·t.
/// </summary>
public sealed record BoundedShareFit : IForecastingFit
{
    /// <summary>Indicator id.</summary>
    public required string Indicator { get; init; }

    /// <summary>Region, or null.</summary>
    public string? Region { get; init; }

    /// <inheritdoc />
    public required FitStatus Status { get; init; }

    /// <summary>The bounds of the share.</summary>
    public required ShareBounds Bounds { get; init; }

    /// <summary>First year of the data (t = 0).</summary>
    public int FirstYear { get; init; }

    /// <summary>Last year of the data.</summary>
    public int LastYear { get; init; }

    /// <summary>a: logit of the share in the first year (dimensionless).</summary>
    public required ParameterEstimate LogitLevel { get; init; }

    /// <summary>b: change of the logit per year; 0.14 ≈ +3.4 points a year for a share near 42%.</summary>
    public required ParameterEstimate LogitSlope { get; init; }

    /// <summary>
    /// b from ordinary least squares in logit space (the starting value of the nonlinear fit); its interval
    /// assumes additive normal noise on the logit scale. For two points: the yearly logit step.
    /// </summary>
    public required ParameterEstimate LogitSpaceSlope { get; init; }

    /// <summary>How the estimate was obtained (e.g. "Levenberg-Marquardt on the original scale").</summary>
    public required string Method { get; init; }

    /// <inheritdoc />
    public required FitStatistics Statistics { get; init; }

    /// <summary>Messages for the planner.</summary>
    public required ImmutableArray<string> Warnings { get; init; }

    internal LogisticPredictor? Predictor { get; init; }

    /// <inheritdoc />
    public PredictiveDistribution Predict(int year) =>
        Predictor?.Predict(year) ?? new PredictiveDistribution(year, double.NaN, double.NaN, double.PositiveInfinity, PredictiveScale.Level);
}
