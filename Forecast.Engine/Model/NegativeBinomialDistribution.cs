using Forecast.Engine.Resources;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Model;

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
        ?? (MeanValue < 0 ? MessageText.Format(Messages.MustBeAtLeastZero, "mean", F(MeanValue)) : null)
        ?? (Dispersion <= 0 ? MessageText.Format(Messages.MustBeAboveZero, "dispersion", F(Dispersion)) : null);
    /// <inheritdoc />
    public override string Describe() => $"negbin(mean {F(MeanValue)}, dispersion {F(Dispersion)})";
}
