namespace Forecast.Engine.Calibration;

/// <summary>
/// One fitted count model with log link: expected count μ = exposure·exp(β₀ + β₁·(year − <see cref="CentreYear"/>)).
/// </summary>
public sealed record CountModelFit
{
    /// <summary>"Poisson" or "negative binomial (NB2)".</summary>
    public required string Model { get; init; }

    /// <summary>What the data identified.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>The year the intercept refers to (mean of the observation years).</summary>
    public required double CentreYear { get; init; }

    /// <summary>β₀: ln of the yearly rate at the centre year; Wald interval.</summary>
    public required ParameterEstimate LogRate { get; init; }

    /// <summary>e^β₀: new entries per year at the centre year; interval transformed from β₀'s.</summary>
    public required ParameterEstimate YearlyRate { get; init; }

    /// <summary>β₁: change of the log rate per year (0.05 ≈ +5% a year); Missing without a trend.</summary>
    public required ParameterEstimate Trend { get; init; }

    /// <summary>α: NB2 overdispersion, Var = μ + α·μ² (α ≥ 0; 0 for Poisson); interval from the profile likelihood curvature on ln α.</summary>
    public required ParameterEstimate Dispersion { get; init; }

    /// <summary>Fit statistics (log-likelihood of the counts).</summary>
    public required FitStatistics Statistics { get; init; }

    /// <summary>Expected new entries in one year centred on <paramref name="year"/>: exp(β₀ + β₁·(year − centre)).</summary>
    public double ExpectedYearlyCount(double year) =>
        Math.Exp(LogRate.Estimate + (double.IsNaN(Trend.Estimate) ? 0 : Trend.Estimate * (year - CentreYear)));
}
