using Forecast.Engine.Resources;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Model;

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
        ?? (Sigma < 0 ? MessageText.Format(Messages.MustBeAtLeastZero, "sigma", F(Sigma)) : null);
    /// <inheritdoc />
    public override string Describe() => $"lognormal(mu {F(Mu)}, sigma {F(Sigma)})";
}
