namespace Forecast.Engine.Model;

/// <summary>The range an indicator can never leave (a share stays within 0-100).</summary>
/// <param name="Lower">Lowest possible value.</param>
/// <param name="Upper">Highest possible value; greater than <paramref name="Lower"/>.</param>
public sealed record Bounds(double Lower, double Upper)
{
    /// <summary>0 to 100, for percentages.</summary>
    public static Bounds Percent { get; } = new(0, 100);

    /// <summary>True when <paramref name="value"/> lies strictly inside the bounds.</summary>
    public bool StrictlyContains(double value) => value > Lower && value < Upper;
}
