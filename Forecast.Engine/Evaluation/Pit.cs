namespace Forecast.Engine.Evaluation;

/// <summary>
/// The probability integral transform of an observation, as the interval of values it can take: [F(y−), F(y)] for an exact
/// observation (a point unless y is an atom of a count), [F(X−), 1] for one reported as "at least X" and [0, F(X)] for "at
/// most X". For a calibrated forecast the PIT is uniform on [0, 1].
/// </summary>
/// <remarks>
/// Three ways to turn the interval into numbers, each used where it is right: the <see cref="Mid"/>-PIT is the value
/// reported per observation (deterministic, and the centre of every value the PIT could take); the PIT histogram spreads
/// each observation uniformly over its interval (the non-randomised PIT histogram of Czado, Gneiting and Held 2009, which
/// is flat in expectation for a calibrated forecast, counts included); <see cref="Randomised"/> draws one value uniformly
/// from the interval, which is exactly uniform for a calibrated forecast and is what a test of uniformity (Kolmogorov-Smirnov)
/// needs. The mid-PIT alone is not uniform for counts with large atoms (it piles up at the atoms' centres).
/// </remarks>
/// <param name="Lower">Smallest value the PIT can take.</param>
/// <param name="Upper">Largest value the PIT can take.</param>
public readonly record struct Pit(double Lower, double Upper)
{
    /// <summary>The centre of the interval: the PIT reported for one observation.</summary>
    public double Mid => (Lower + Upper) / 2;

    /// <summary>Whether the PIT is a single value (to the grid's resolution).</summary>
    public bool IsPoint => Upper - Lower <= 1e-12;

    /// <summary>The randomised PIT: Lower + u·(Upper − Lower) for a uniform u.</summary>
    public double Randomised(double u) => Lower + u * (Upper - Lower);

    /// <summary>The share of the interval inside [from, to): the weight the observation gives that bin of a PIT histogram.</summary>
    public double Share(double from, double to)
    {
        if (IsPoint) return Lower >= from && (Lower < to || (to >= 1 && Lower <= 1)) ? 1 : 0;
        double overlap = Math.Min(Upper, to) - Math.Max(Lower, from);
        return Math.Max(0, overlap) / (Upper - Lower);
    }
}
