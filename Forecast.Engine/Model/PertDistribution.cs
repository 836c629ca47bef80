using Forecast.Engine.Resources;
namespace Forecast.Engine.Model;

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
        ?? (Min > Mode ? MessageText.Format(Messages.MinNotAboveMode, F(Min), F(Mode)) : null)
        ?? (Mode > Max ? MessageText.Format(Messages.ModeNotAboveMax, F(Mode), F(Max)) : null)
        ?? (Min >= Max ? MessageText.Format(Messages.MinBelowMax, F(Min), F(Max)) : null);
    /// <inheritdoc />
    public override string Describe() => $"pert({F(Min)}, {F(Mode)}, {F(Max)})";
}
