using Forecast.Engine.Resources;
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

    /// <summary>Formats a number for messages (<see cref="MessageNumber"/>).</summary>
    protected static string F(double x) => MessageNumber.Format(x);

    /// <summary>Checks that every value is finite.</summary>
    protected static string? Finite(params (string Name, double Value)[] values)
    {
        foreach (var (name, value) in values)
            if (!double.IsFinite(value)) return MessageText.Format(Messages.MustBeFinite, name, F(value));
        return null;
    }
}
