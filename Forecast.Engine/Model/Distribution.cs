using System.Globalization;
using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Model;

/// <summary>
/// A probability distribution for a driver's level (parameter uncertainty, drawn once per path).
/// Every draw is made by inversion, x = F⁻¹(u), so that one uniform per path and driver fixes the
/// level: a what-if that changes the distribution moves each path's level monotonically
/// (common random numbers). The CDFs and quantiles are MathNet.Numerics'.
/// </summary>
public abstract record Distribution
{
    /// <summary>The distribution's mean.</summary>
    public abstract double Mean { get; }

    /// <summary>The quantile function F⁻¹(p). Range: 0 &lt; p &lt; 1.</summary>
    public abstract double Quantile(double p);

    /// <summary>Whether draws are whole numbers.</summary>
    public virtual bool IsDiscrete => false;

    /// <summary>Whether every draw is the same number.</summary>
    public virtual bool IsDegenerate => false;

    /// <summary>Returns a message naming the offending parameter, or null when the parameters define a distribution.</summary>
    public abstract string? Problem();

    /// <summary>A short human-readable form, e.g. "normal(mean 0.1, sd 0.02)".</summary>
    public abstract string Describe();

    /// <summary>Formats a number for messages (invariant culture, round-trip).</summary>
    protected static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Checks that every value is finite.</summary>
    protected static string? Finite(params (string Name, double Value)[] values)
    {
        foreach (var (name, value) in values)
            if (!double.IsFinite(value)) return $"{name} must be a finite number, not {F(value)}";
        return null;
    }
}

/// <summary>A fixed value (no parameter uncertainty).</summary>
/// <param name="Value">The value.</param>
public sealed record FixedDistribution(double Value) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Value;
    /// <inheritdoc />
    public override double Quantile(double p) => Value;
    /// <inheritdoc />
    public override bool IsDegenerate => true;
    /// <inheritdoc />
    public override string? Problem() => Finite(("value", Value));
    /// <inheritdoc />
    public override string Describe() => $"fixed({F(Value)})";
}

/// <summary>Normal(μ, σ). Range: σ ≥ 0.</summary>
/// <param name="MeanValue">μ.</param>
/// <param name="StdDev">σ.</param>
public sealed record NormalDistribution(double MeanValue, double StdDev) : Distribution
{
    /// <inheritdoc />
    public override double Mean => MeanValue;
    /// <inheritdoc />
    public override double Quantile(double p) => StdDev == 0 ? MeanValue : Normal.InvCDF(MeanValue, StdDev, p);
    /// <inheritdoc />
    public override bool IsDegenerate => StdDev == 0;
    /// <inheritdoc />
    public override string? Problem() => Finite(("mean", MeanValue), ("sd", StdDev))
        ?? (StdDev < 0 ? $"sd must be at least 0, not {F(StdDev)}" : null);
    /// <inheritdoc />
    public override string Describe() => $"normal(mean {F(MeanValue)}, sd {F(StdDev)})";
}

/// <summary>LogNormal: ln X ~ Normal(μ, σ); mean e^(μ+σ²/2). Range: σ ≥ 0.</summary>
/// <param name="Mu">μ, the mean of ln X.</param>
/// <param name="Sigma">σ, the standard deviation of ln X.</param>
public sealed record LogNormalDistribution(double Mu, double Sigma) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Math.Exp(Mu + Sigma * Sigma / 2);
    /// <inheritdoc />
    public override double Quantile(double p) => Sigma == 0 ? Math.Exp(Mu) : LogNormal.InvCDF(Mu, Sigma, p);
    /// <inheritdoc />
    public override bool IsDegenerate => Sigma == 0;
    /// <inheritdoc />
    public override string? Problem() => Finite(("mu", Mu), ("sigma", Sigma))
        ?? (Sigma < 0 ? $"sigma must be at least 0, not {F(Sigma)}" : null);
    /// <inheritdoc />
    public override string Describe() => $"lognormal(mu {F(Mu)}, sigma {F(Sigma)})";
}

/// <summary>Continuous uniform on [min, max]. Range: min ≤ max.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end.</param>
public sealed record UniformDistribution(double Min, double Max) : Distribution
{
    /// <inheritdoc />
    public override double Mean => (Min + Max) / 2;
    /// <inheritdoc />
    public override double Quantile(double p) => Min + p * (Max - Min);
    /// <inheritdoc />
    public override bool IsDegenerate => Min == Max;
    /// <inheritdoc />
    public override string? Problem() => Finite(("min", Min), ("max", Max))
        ?? (Min > Max ? $"min ({F(Min)}) must not exceed max ({F(Max)})" : null);
    /// <inheritdoc />
    public override string Describe() => $"uniform({F(Min)}, {F(Max)})";
}

/// <summary>Triangular on [min, max] with the given mode. Range: min ≤ mode ≤ max, min &lt; max.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Max">Upper end.</param>
public sealed record TriangularDistribution(double Min, double Mode, double Max) : Distribution
{
    /// <inheritdoc />
    public override double Mean => (Min + Mode + Max) / 3;
    /// <inheritdoc />
    public override double Quantile(double p) => Triangular.InvCDF(Min, Max, Mode, p);
    /// <inheritdoc />
    public override string? Problem() => Finite(("min", Min), ("mode", Mode), ("max", Max))
        ?? (Min > Mode ? $"min ({F(Min)}) must not exceed mode ({F(Mode)})" : null)
        ?? (Mode > Max ? $"mode ({F(Mode)}) must not exceed max ({F(Max)})" : null)
        ?? (Min >= Max ? $"min ({F(Min)}) must be less than max ({F(Max)})" : null);
    /// <inheritdoc />
    public override string Describe() => $"triangular({F(Min)}, {F(Mode)}, {F(Max)})";
}

/// <summary>
/// Beta(α, β) scaled to [min, max]: X = min + (max − min)·B. Range: α &gt; 0, β &gt; 0, min &lt; max.
/// </summary>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
/// <param name="Min">Lower end (0 for the standard Beta).</param>
/// <param name="Max">Upper end (1 for the standard Beta).</param>
public record BetaDistribution(double Alpha, double Beta, double Min = 0, double Max = 1) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Min + (Max - Min) * Alpha / (Alpha + Beta);
    /// <inheritdoc />
    public override double Quantile(double p) => Min + (Max - Min) * MathNet.Numerics.Distributions.Beta.InvCDF(Alpha, Beta, p);
    /// <inheritdoc />
    public override string? Problem() => Finite(("alpha", Alpha), ("beta", Beta), ("min", Min), ("max", Max))
        ?? (Alpha <= 0 ? $"alpha must be greater than 0, not {F(Alpha)}" : null)
        ?? (Beta <= 0 ? $"beta must be greater than 0, not {F(Beta)}" : null)
        ?? (Min >= Max ? $"min ({F(Min)}) must be less than max ({F(Max)})" : null);
    /// <inheritdoc />
    public override string Describe() => $"beta({F(Alpha)}, {F(Beta)}) on [{F(Min)}, {F(Max)}]";
}

/// <summary>
/// PERT on [min, max] with the given mode (Vose 2008): a Beta with α = 1 + 4(mode − min)/(max − min)
/// and β = 1 + 4(max − mode)/(max − min); mean (min + 4·mode + max)/6. Range: min ≤ mode ≤ max, min &lt; max.
/// </summary>
public sealed record PertDistribution : BetaDistribution
{
    /// <summary>Creates the PERT distribution.</summary>
    public PertDistribution(double min, double mode, double max)
        : base(1 + 4 * (mode - min) / (max - min), 1 + 4 * (max - mode) / (max - min), min, max) => Mode = mode;

    /// <summary>The most likely value.</summary>
    public double Mode { get; }

    /// <inheritdoc />
    public override string? Problem() => Finite(("min", Min), ("mode", Mode), ("max", Max))
        ?? (Min > Mode ? $"min ({F(Min)}) must not exceed mode ({F(Mode)})" : null)
        ?? (Mode > Max ? $"mode ({F(Mode)}) must not exceed max ({F(Max)})" : null)
        ?? (Min >= Max ? $"min ({F(Min)}) must be less than max ({F(Max)})" : null);
    /// <inheritdoc />
    public override string Describe() => $"pert({F(Min)}, {F(Mode)}, {F(Max)})";
}

/// <summary>Poisson(λ), for a level that is itself a count. Range: λ ≥ 0.</summary>
/// <param name="Lambda">λ, the mean.</param>
public sealed record PoissonDistribution(double Lambda) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Lambda;
    /// <inheritdoc />
    public override double Quantile(double p) => DiscreteQuantile.Poisson(p, Lambda);
    /// <inheritdoc />
    public override bool IsDiscrete => true;
    /// <inheritdoc />
    public override string? Problem() => Finite(("lambda", Lambda)) ?? (Lambda < 0 ? $"lambda must be at least 0, not {F(Lambda)}" : null);
    /// <inheritdoc />
    public override string Describe() => $"poisson({F(Lambda)})";
}

/// <summary>Negative binomial with the given mean and dispersion r: variance mean + mean²/r. Range: mean ≥ 0, r &gt; 0.</summary>
/// <param name="MeanValue">The mean.</param>
/// <param name="Dispersion">r (size); large r approaches Poisson.</param>
public sealed record NegativeBinomialDistribution(double MeanValue, double Dispersion) : Distribution
{
    /// <inheritdoc />
    public override double Mean => MeanValue;
    /// <inheritdoc />
    public override double Quantile(double p) => DiscreteQuantile.NegativeBinomial(p, MeanValue, Dispersion);
    /// <inheritdoc />
    public override bool IsDiscrete => true;
    /// <inheritdoc />
    public override string? Problem() => Finite(("mean", MeanValue), ("dispersion", Dispersion))
        ?? (MeanValue < 0 ? $"mean must be at least 0, not {F(MeanValue)}" : null)
        ?? (Dispersion <= 0 ? $"dispersion must be greater than 0, not {F(Dispersion)}" : null);
    /// <inheritdoc />
    public override string Describe() => $"negbin(mean {F(MeanValue)}, dispersion {F(Dispersion)})";
}
