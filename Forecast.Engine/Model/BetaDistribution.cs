using Forecast.Engine.Resources;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Model;

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
        ?? (Alpha <= 0 ? MessageText.Format(Messages.MustBeAboveZero, "alpha", F(Alpha)) : null)
        ?? (Beta <= 0 ? MessageText.Format(Messages.MustBeAboveZero, "beta", F(Beta)) : null)
        ?? (Min >= Max ? MessageText.Format(Messages.MinBelowMax, F(Min), F(Max)) : null);
    /// <inheritdoc />
    public override string Describe() => $"beta({F(Alpha)}, {F(Beta)}) on [{F(Min)}, {F(Max)}]";
}
