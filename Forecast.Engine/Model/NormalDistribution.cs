using Forecast.Engine.Resources;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Model;

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
        ?? (StdDev < 0 ? MessageText.Format(Messages.MustBeAtLeastZero, "sd", F(StdDev)) : null);
    /// <inheritdoc />
    public override string Describe() => $"normal(mean {F(MeanValue)}, sd {F(StdDev)})";
}
