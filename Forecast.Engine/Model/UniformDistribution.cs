using Forecast.Engine.Resources;
namespace Forecast.Engine.Model;

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
        ?? (Min > Max ? MessageText.Format(Messages.MinNotAboveMax, F(Min), F(Max)) : null);
    /// <inheritdoc />
    public override string Describe() => $"uniform({F(Min)}, {F(Max)})";
}
