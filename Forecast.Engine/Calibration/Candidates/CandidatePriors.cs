using Forecast.Engine.Model;

namespace Forecast.Engine.Calibration;

/// <summary>Where a volatility prior comes from.</summary>
public enum VolatilityPriorBasis
{
    /// <summary>The yearly changes of other regions' series of the same indicator (their within-series scatter, pooled).</summary>
    SameIndicatorPanel,

    /// <summary>The yearly changes of every series of the panel on the same scale (no other region reports the indicator with three or more points).</summary>
    WholePanel,

    /// <summary>Stated by the caller.</summary>
    Stated,

    /// <summary>The stated fallback: the panel has no series with three or more points.</summary>
    Fallback,
}

/// <summary>
/// A prior for the volatility σ of yearly changes on the relative scale (log-changes of a level, logit-changes of a share):
/// σ² ~ scaled inverse χ²(ν₀, σ₀²), i.e. σ₀ worth ν₀ yearly changes of the region's own.
/// </summary>
/// <param name="Sigma">σ₀ &gt; 0.</param>
/// <param name="DegreesOfFreedom">ν₀ &gt; 0: how many own yearly changes the prior is worth.</param>
/// <param name="Basis">Where it comes from.</param>
/// <param name="Source">The same in words, with the series and years (the calibration's own in the UI culture).</param>
public sealed record VolatilityPrior(double Sigma, double DegreesOfFreedom, VolatilityPriorBasis Basis, string Source);

/// <summary>A normal prior for the yearly drift on the relative scale (log growth, logit step): the panel's predictive for a new region.</summary>
/// <param name="Mean">Its mean.</param>
/// <param name="Sd">Its sd (&gt; 0): the between-region spread and the pooled mean's error.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record DriftPrior(double Mean, double Sd, string Source);

/// <summary>
/// The correlation of two of a candidate's parameters across their joint posterior draws (e.g. the entries and their growth: given r,
/// e closes the balance, so they move against each other). A scenario stating the parameters as driver levels must correlate
/// them too (a Gaussian copula with this ρ), or its paths leave the history behind.
/// </summary>
/// <param name="First">The first parameter's name.</param>
/// <param name="Second">The second parameter's name.</param>
/// <param name="Rho">Pearson's correlation of the two (on the scales of the parameters' distributions: ln e for a lognormal).</param>
public sealed record ParameterCorrelation(string First, string Second, double Rho);

/// <summary>One parameter of a candidate, as a distribution the scenario format can state (its level uncertainty).</summary>
/// <param name="Name">e.g. "increment", "growth", "long-run growth", "damping factor", "entries", "entries growth", "volatility".</param>
/// <param name="Distribution">Its distribution (posterior, or the prior where the data say nothing).</param>
/// <param name="Meaning">What it is, with its unit.</param>
/// <param name="FromPrior">True where the distribution is the prior's (the history does not identify it).</param>
public sealed record CandidateParameter(string Name, Distribution Distribution, string Meaning, bool FromPrior = false);
