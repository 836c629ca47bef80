using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Result of <see cref="ElasticityEstimator.Fit"/>: response = c + β·driver across regions (both on the log
/// scale), β the elasticity (a 1% higher driver goes with β% higher response).
/// </summary>
public sealed record ElasticityFit
{
    /// <summary>Response indicator id.</summary>
    public required string Response { get; init; }

    /// <summary>Driver indicator id.</summary>
    public required string Driver { get; init; }

    /// <summary>What the data identified.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>β by ordinary least squares (MathNet), t-interval with n − 2 df.</summary>
    public required ParameterEstimate Elasticity { get; init; }

    /// <summary>c by ordinary least squares.</summary>
    public required ParameterEstimate Intercept { get; init; }

    /// <summary>β by Microsoft.ML's SDCA regression (float precision; ridge 10⁻² on a standardised driver shrinks it by about 1%), or NaN.</summary>
    public double MlNetElasticity { get; init; } = double.NaN;

    /// <summary>Cross-validated accuracy.</summary>
    public required CrossValidationSummary CrossValidation { get; init; }

    /// <summary>Fit statistics (Gaussian log-likelihood of the responses).</summary>
    public required FitStatistics Statistics { get; init; }

    /// <summary>The regions used, in input order.</summary>
    public required ImmutableArray<string> Regions { get; init; }

    /// <summary>Messages for the planner.</summary>
    public required ImmutableArray<string> Warnings { get; init; }
}
