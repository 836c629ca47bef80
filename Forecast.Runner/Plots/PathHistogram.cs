using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;

namespace Forecast.Runner.Plots;

/// <summary>
/// The share of paths in bins of equal width, read from the run's own distribution of a year (the engine's histogram of
/// every path, as <c>distribution.json</c> keeps it: its quantile function at 1,000 points with the exact minimum and
/// maximum, <see cref="ForecastDistribution"/>), not rebuilt from a few percentiles. The bins cover P0.5 to P99.5 and the
/// target; the shares beyond are <see cref="Below"/> and <see cref="Above"/>. One bin edge is the target's boundary, so the
/// bins on the side that misses hold exactly the distribution's share of paths below (or above) it. A count's bins are
/// whole numbers of counts, their edges halfway between counts (the value k stands for [k − ½, k + ½]).
/// </summary>
/// <param name="Edges">Increasing bin edges, one more than <paramref name="Shares"/>.</param>
/// <param name="Shares">The share of paths in each bin (0 to 1).</param>
/// <param name="Width">The bins' width, in the indicator's unit.</param>
/// <param name="Below">The share of paths below the first edge.</param>
/// <param name="Above">The share of paths above the last edge.</param>
internal sealed record PathHistogram(double[] Edges, double[] Shares, double Width, double Below, double Above)
{
    /// <summary>About this many bins cover P0.5-P99.5.</summary>
    public const int Bins = 40;

    /// <summary>The value between missing and meeting the target: the target, or for a count the edge of its cell (≥ 5 starts at 4.5).</summary>
    public static double Boundary(Target target, bool isCount) =>
        !isCount ? target.Value : target.Direction == Direction.AtLeast ? Math.Ceiling(target.Value) - 0.5 : Math.Floor(target.Value) + 0.5;

    /// <summary>The histogram of <paramref name="distribution"/> with a bin edge at <paramref name="boundary"/>.</summary>
    public static PathHistogram From(ForecastDistribution distribution, bool isCount, double boundary)
    {
        double lo = Math.Min(distribution.Quantile(0.005), boundary), hi = Math.Max(distribution.Quantile(0.995), boundary);
        double width = isCount ? Math.Max(1, Math.Ceiling(NiceWidth(hi - lo, boundary))) : NiceWidth(hi - lo, boundary);
        int before = Math.Max(1, (int)Math.Ceiling((boundary - lo) / width - 1e-9));
        int after = Math.Max(1, (int)Math.Ceiling((hi - boundary) / width - 1e-9));
        var edges = new double[before + after + 1];
        for (int k = 0; k < edges.Length; k++) edges[k] = boundary + (k - before) * width;
        var shares = new double[edges.Length - 1];
        double previous = distribution.Cdf(edges[0]).AtOrBelow;
        double below = previous;
        for (int k = 0; k < shares.Length; k++)
        {
            double next = distribution.Cdf(edges[k + 1]).AtOrBelow;
            shares[k] = next - previous;
            previous = next;
        }
        return new PathHistogram(edges, shares, width, below, 1 - previous);
    }

    /// <summary>A round bin width (1, 2 or 5 times a power of ten) giving about <see cref="Bins"/> bins over <paramref name="range"/>.</summary>
    public static double NiceWidth(double range, double near)
    {
        if (!(range > 0)) return Math.Max(Math.Abs(near) / 100, 1e-9);
        double raw = range / Bins;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    /// <summary>The share of paths in the bins between <paramref name="from"/> and <paramref name="to"/> (bin edges).</summary>
    public double Share(double from = double.NegativeInfinity, double to = double.PositiveInfinity)
    {
        double sum = 0;
        for (int k = 0; k < Shares.Length; k++)
            if (Edges[k] >= from - 1e-12 * Width && Edges[k + 1] <= to + 1e-12 * Width) sum += Shares[k];
        return sum;
    }

    /// <summary>The outline of the bars between <paramref name="from"/> and <paramref name="to"/> (bin edges), closed along the axis.</summary>
    public (double X, double Y)[] Outline(double from = double.NegativeInfinity, double to = double.PositiveInfinity)
    {
        var points = new List<(double, double)>();
        for (int k = 0; k < Shares.Length; k++)
        {
            if (Edges[k] < from - 1e-12 * Width || Edges[k + 1] > to + 1e-12 * Width) continue;
            if (points.Count == 0) points.Add((Edges[k], 0));
            points.Add((Edges[k], Shares[k]));
            points.Add((Edges[k + 1], Shares[k]));
        }
        if (points.Count > 0) points.Add((points[^1].Item1, 0));
        return [.. points];
    }
}
