using Forecast.Engine.Resources;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Model;

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
    public override string? Problem() => Finite(("lambda", Lambda)) ?? (Lambda < 0 ? MessageText.Format(Messages.MustBeAtLeastZero, "lambda", F(Lambda)) : null);
    /// <inheritdoc />
    public override string Describe() => $"poisson({F(Lambda)})";
}
