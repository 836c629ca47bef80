using Forecast.Engine.Resources;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Model;

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
        ?? (Min > Mode ? MessageText.Format(Messages.MinNotAboveMode, F(Min), F(Mode)) : null)
        ?? (Mode > Max ? MessageText.Format(Messages.ModeNotAboveMax, F(Mode), F(Max)) : null)
        ?? (Min >= Max ? MessageText.Format(Messages.MinBelowMax, F(Min), F(Max)) : null);
    /// <inheritdoc />
    public override string Describe() => $"triangular({F(Min)}, {F(Mode)}, {F(Max)})";
}
