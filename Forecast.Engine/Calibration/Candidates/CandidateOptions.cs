using System.Collections.Immutable;
using Forecast.Engine.Model;

namespace Forecast.Engine.Calibration;

/// <summary>What kind of quantity an indicator is, which decides its candidate structures.</summary>
public abstract record IndicatorShape
{
    /// <summary>A positive level (spending, a ratio): constant increments, constant growth, damped growth.</summary>
    public static IndicatorShape PositiveLevel { get; } = new LevelShape();

    private sealed record LevelShape : IndicatorShape;
}

/// <summary>A bounded share: constant increments (in points, kept inside the bounds) and logistic saturation.</summary>
/// <param name="Bounds">The share's bounds.</param>
public sealed record ShareShape(ShareBounds Bounds) : IndicatorShape;

/// <summary>A stock of counted units with exits: constant entries and growing entries.</summary>
/// <param name="ExitRate">The exit rate's distribution (the scenario's assumption; stock levels do not identify it).</param>
/// <param name="EntriesDispersion">The negative binomial dispersion of yearly entries, or null for Poisson.</param>
public sealed record StockShape(Distribution ExitRate, double? EntriesDispersion) : IndicatorShape;

/// <summary>Stated choices of the candidate analysis, each with a default and where it comes from.</summary>
public sealed record CandidateOptions
{
    /// <summary>Prior weights by structure (normalised over the structures fitted); null: equal.</summary>
    public ImmutableDictionary<CandidateStructure, double>? PriorWeights { get; init; }

    /// <summary>A volatility prior stated by the caller, used instead of the panel's; null: from the panel.</summary>
    public VolatilityPrior? StatedVolatility { get; init; }

    /// <summary>
    /// A stated prior for the yearly drift on the relative scale (a national trend the planner states), used instead of the pooled
    /// panel's: the own pace with one point, damped growth's long-run growth, the growth of growing entries. Null: the panel's.
    /// </summary>
    public DriftPrior? StatedPanelDrift { get; init; }

    /// <summary>
    /// σ₀ of the constant-increments candidate in level units; null: the relative σ₀ converted at the last value
    /// (σ_level = x·σ_log, or range·p(1 − p)·σ_logit for a share).
    /// </summary>
    public double? StatedLevelVolatility { get; init; }

    /// <summary>σ₀ when the panel has no series with three or more points: 0.10 a year on the relative scale.</summary>
    public double FallbackVolatility { get; init; } = 0.10;

    /// <summary>ν₀ of the fallback: 2, a weak prior whose predictive has heavy tails (Student t with 2 df at two points).</summary>
    public double FallbackDegreesOfFreedom { get; init; } = 2;

    /// <summary>
    /// The most own yearly changes the panel's volatility is worth: 4. Regions differ in volatility (a city's series is noisier
    /// than a province's or the nation's), so a long panel must not pin the own σ down.
    /// </summary>
    public double MaximumPanelDegreesOfFreedom { get; init; } = 4;

    /// <summary>
    /// The stated between-region sd of the yearly drift (log growth or logit step): 0.10. Used with one donor (where τ cannot be
    /// estimated) and as a floor with fewer than five donors (where REML's τ is unreliable, and aggregates such as a province and
    /// the nation are smoother and closer to each other than cities are).
    /// </summary>
    public double BetweenRegionSd { get; init; } = 0.10;

    /// <summary>Where <see cref="BetweenRegionSd"/> comes from.</summary>
    public string BetweenRegionSource { get; init; } = Resources.CalibrationText.BetweenRegionDefault;

    /// <summary>
    /// The prior of damped growth's decay φ: Beta(8, 2), mean 0.8 with 90% between 0.55 and 0.96, the usual damped-trend range
    /// (φ in 0.8-0.98 in ets, Hyndman et al. 2008, Forecasting with Exponential Smoothing, section 2.4) widened towards faster decay.
    /// </summary>
    public BetaDistribution DampingPrior { get; init; } = new(8, 2);

    /// <summary>The fewest donors whose REML τ is used without the floor of <see cref="BetweenRegionSd"/>: 5.</summary>
    public int DonorsForEstimatedTau { get; init; } = 5;
}
