using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>Result of <see cref="CountRegressionEstimator.Fit"/>: Poisson and negative binomial fits and the overdispersion tests.</summary>
public sealed record CountRegressionFit
{
    /// <summary>The Poisson fit (always attempted).</summary>
    public required CountModelFit Poisson { get; init; }

    /// <summary>The NB2 fit, or null when the data are too few (fewer than parameters + 2 periods).</summary>
    public CountModelFit? NegativeBinomial { get; init; }

    /// <summary>The overdispersion tests, or null when the NB2 model was not fitted.</summary>
    public OverdispersionTest? Overdispersion { get; init; }

    /// <summary>The model to use: the NB2 fit when overdispersion is detected, otherwise Poisson.</summary>
    public CountModelFit Preferred => Overdispersion is { Overdispersed: true } && NegativeBinomial is not null ? NegativeBinomial : Poisson;

    /// <summary>Messages for the planner.</summary>
    public required ImmutableArray<string> Warnings { get; init; }
}
