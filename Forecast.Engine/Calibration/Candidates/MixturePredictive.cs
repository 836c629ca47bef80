using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The predictive distribution of an indicator in the years after its history, as draws (sorted per year): a mixture of the
/// candidates' predictives, each drawn with its weight, or one candidate's. Deterministic for a seed.
/// </summary>
public sealed class MixturePredictive
{
    private readonly double[][] _sorted;

    internal MixturePredictive(int originYear, double[][] draws, ImmutableArray<int> drawsPerCandidate)
    {
        OriginYear = originYear;
        _sorted = draws;
        foreach (double[] d in _sorted) Array.Sort(d);
        DrawsPerCandidate = drawsPerCandidate;
    }

    /// <summary>The last year of the history; horizon h is the year <see cref="OriginYear"/> + h.</summary>
    public int OriginYear { get; }

    /// <summary>The largest horizon.</summary>
    public int Horizon => _sorted.Length;

    /// <summary>Draws per horizon.</summary>
    public int Draws => _sorted.Length == 0 ? 0 : _sorted[0].Length;

    /// <summary>How many draws each candidate made, in the candidate set's order.</summary>
    public ImmutableArray<int> DrawsPerCandidate { get; }

    /// <summary>The sorted draws of horizon <paramref name="h"/> (1-based).</summary>
    public ReadOnlySpan<double> SortedDraws(int h) => _sorted[h - 1];

    /// <summary>The p-quantile of horizon <paramref name="h"/> (linear interpolation between order statistics, R's type 7).</summary>
    public double Quantile(int h, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(h, Horizon);
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile level lies in [0, 1].");
        double[] d = _sorted[h - 1];
        double position = p * (d.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, d.Length - 1);
        return d[below] + (position - below) * (d[above] - d[below]);
    }

    /// <summary>The central interval of probability <paramref name="level"/> at horizon <paramref name="h"/>.</summary>
    public (double Lower, double Upper) Interval(int h, double level) => (Quantile(h, (1 - level) / 2), Quantile(h, (1 + level) / 2));

    /// <summary>The empirical CDF of horizon <paramref name="h"/>'s draws at x (share of draws ≤ x).</summary>
    public double Cdf(int h, double x)
    {
        double[] d = _sorted[h - 1];
        int index = Array.BinarySearch(d, x);
        if (index < 0) return (double)~index / d.Length;
        while (index + 1 < d.Length && d[index + 1] == x) index++;
        return (index + 1.0) / d.Length;
    }

    /// <summary>
    /// The continuous ranked probability score of the predictive at horizon h for the observed value y (lower is better), from the
    /// sorted draws: CRPS = E|X − y| − ½E|X − X'| (Gneiting and Raftery 2007), in the indicator's unit.
    /// </summary>
    public double Crps(int h, double y)
    {
        double[] d = _sorted[h - 1];
        int n = d.Length;
        double absolute = 0, spread = 0;
        for (int i = 0; i < n; i++)
        {
            absolute += Math.Abs(d[i] - y);
            spread += (2.0 * (i + 1) - n - 1) * d[i];
        }
        return absolute / n - spread / ((double)n * n);
    }
}
