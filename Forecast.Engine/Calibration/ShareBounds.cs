namespace Forecast.Engine.Calibration;

/// <summary>
/// The range a bounded share lives in, e.g. a percentage in 0..100. The logit of a value x is
/// ln(p/(1 − p)) with p = (x − lower)/(upper − lower).
/// </summary>
public sealed record ShareBounds
{
    /// <summary>Creates bounds; throws unless both are finite and <paramref name="lower"/> &lt; <paramref name="upper"/>.</summary>
    public ShareBounds(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower >= upper)
        {
            throw new ArgumentException(Resources.MessageText.Format(Resources.CalibrationText.ErrShareBounds, lower, upper));
        }
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Percentages: 0..100.</summary>
    public static ShareBounds Percent { get; } = new(0, 100);

    /// <summary>Lower bound (the share can approach but not reach it).</summary>
    public double Lower { get; }

    /// <summary>Upper bound (the share can approach but not reach it).</summary>
    public double Upper { get; }

    /// <summary>Upper − Lower.</summary>
    public double Range => Upper - Lower;

    /// <summary>True when lower &lt; x &lt; upper.</summary>
    public bool StrictlyContains(double x) => x > Lower && x < Upper;

    /// <summary>logit((x − lower)/(upper − lower)); ±∞ at the bounds.</summary>
    public double Logit(double x)
    {
        double p = (x - Lower) / Range;
        return Math.Log(p / (1 - p));
    }

    /// <summary>The inverse of <see cref="Logit"/>: lower + (upper − lower)/(1 + e^{−z}).</summary>
    public double FromLogit(double z) => Lower + Range / (1 + Math.Exp(-z));
}
