namespace Forecast.Engine.Model;

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
