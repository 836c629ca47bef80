namespace Forecast.Engine.Statistics;

/// <summary>A closed interval [Lower, Upper].</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>Half the width.</summary>
    public double HalfWidth => (Upper - Lower) / 2;

    /// <summary>True when <paramref name="x"/> lies in the interval.</summary>
    public bool Contains(double x) => x >= Lower && x <= Upper;
}
