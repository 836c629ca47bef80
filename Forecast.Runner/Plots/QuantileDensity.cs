using Forecast.Engine.Model;
using Forecast.Engine.Results;

namespace Forecast.Runner.Plots;

/// <summary>
/// A step density read from what a run reports of one year: the five percentiles P5, P25, P50, P75, P95
/// and the exact share of paths that meet the target. These are points (x, F(x)) of the cumulative
/// distribution; between consecutive points the share ΔF is spread evenly, so the density is ΔF/Δx.
/// The 5% of paths below P5 and the 5% above P95 are not drawn (the run does not say how far they
/// reach). The target's point makes the drawn area on the missing side exactly the run's share of
/// paths that miss (less the 5% tail beyond P5 or P95 when the miss side is that tail's side).
/// Counts are drawn continuity-corrected: the value k stands for the cell [k − ½, k + ½], so that
/// P(X &lt; t) = F(t − ½) and a percentile q at level p is the point (q + ½, p); with a narrow range this
/// makes the drawing a histogram of one bar per count. Equal percentiles of a continuous indicator are
/// spread over a thousandth of the P5-P95 range.
/// </summary>
/// <param name="Edges">Increasing x values of the known points, from P5 to P95.</param>
/// <param name="Cdf">The share of paths below each edge: 0.05 at P5, 0.95 at P95.</param>
internal sealed record QuantileDensity(double[] Edges, double[] Cdf)
{
    /// <summary>The percentiles a run reports, as shares of paths.</summary>
    public static readonly double[] Levels = [0.05, 0.25, 0.50, 0.75, 0.95];

    /// <summary>The density on each interval between consecutive edges (share of paths per unit).</summary>
    public double[] Heights { get; } = [.. Enumerable.Range(0, Edges.Length - 1).Select(k => (Cdf[k + 1] - Cdf[k]) / (Edges[k + 1] - Edges[k]))];

    /// <summary>The density of a year's distribution. With a <paramref name="target"/>, its exact share of paths is one of the known points.</summary>
    public static QuantileDensity From(YearStatistics year, bool isCount, Target? target = null)
    {
        double[] q = [year.P5, year.P25, year.P50, year.P75, year.P95];
        var points = new List<(double X, double F)>();
        if (isCount)
        {
            // The k-th percentile q of a count says F(q) ≥ p > F(q − 1): its share is reached by the end of
            // q's cell, so the known point is (q + ½, p); of several percentiles at one count only the highest
            // is kept. P5 starts the drawing at the beginning of its cell.
            points.Add((q[0] - 0.5, Levels[0]));
            for (int k = 1; k < 5; k++)
                if (k == 4 || q[k + 1] != q[k]) points.Add((q[k] + 0.5, Levels[k]));
        }
        else
        {
            double range = q[4] - q[0];
            double width = range > 0 ? range / 1000 : Math.Max(Math.Abs(q[2]) / 1000, 1e-9);
            var x = (double[])q.Clone();
            for (int i = 0; i < q.Length;)
            {
                int j = i;
                while (j + 1 < q.Length && q[j + 1] == q[i]) j++;
                // Equal percentiles are spread evenly over a small width centred on their value.
                int m = j - i + 1;
                if (m > 1)
                    for (int k = i; k <= j; k++) x[k] = q[i] - width / 2 + width * (k - i) / (m - 1);
                i = j + 1;
            }
            for (int k = 0; k < 5; k++) points.Add((x[k], Levels[k]));
        }
        if (target is not null && TargetPoint(year, isCount, target) is { } known
            && known.X > points[0].X && known.X < points[^1].X && known.F > Levels[0] && known.F < Levels[4])
        {
            // The exact point wins over an interior percentile whose position contradicts it; P5 and P95
            // never do, since the exact point lies strictly between them in both x and F.
            // An interior percentile closer to it than 5% of the P5-P95 range is dropped too: the step between two
            // nearly equal x values would be a spike drawn from the percentiles' interpolation noise.
            double near = 0.05 * (points[^1].X - points[0].X);
            points.RemoveAll(p => p.F > Levels[0] && p.F < Levels[4]
                && ((p.X <= known.X && p.F >= known.F) || (p.X >= known.X && p.F <= known.F) || Math.Abs(p.X - known.X) < near));
            points.Add(known);
        }
        var kept = points.OrderBy(p => p.X).ToList();
        return new QuantileDensity([.. kept.Select(p => p.X)], [.. kept.Select(p => p.F)]);
    }

    /// <summary>The point (x, share of paths below x) the target's exact probability gives, continuity-corrected for counts.</summary>
    public static (double X, double F)? TargetPoint(YearStatistics year, bool isCount, Target target)
    {
        double t = target.Value;
        return target.Direction == Direction.AtLeast
            ? (isCount ? Math.Ceiling(t) - 0.5 : t, 1 - year.Probability)   // P(X < t) = 1 − P(X ≥ t)
            : (isCount ? Math.Floor(t) + 0.5 : t, year.Probability);        // P(X ≤ t)
    }

    /// <summary>The drawn share of paths below <paramref name="x"/>: 0 at P5 (the tail is not drawn), 0.9 at P95.</summary>
    public double MassBelow(double x)
    {
        double mass = 0;
        for (int k = 0; k < Heights.Length; k++)
        {
            double lo = Edges[k], hi = Edges[k + 1];
            if (x <= lo) break;
            mass += Heights[k] * (Math.Min(x, hi) - lo);
        }
        return mass;
    }

    /// <summary>The outline of the steps between <paramref name="from"/> and <paramref name="to"/> (clipped to P5-P95), closed along the axis.</summary>
    public (double X, double Y)[] Outline(double from = double.NegativeInfinity, double to = double.PositiveInfinity)
    {
        double lo = Math.Max(from, Edges[0]), hi = Math.Min(to, Edges[^1]);
        if (!(hi > lo)) return [];
        var points = new List<(double, double)> { (lo, 0) };
        for (int k = 0; k < Heights.Length; k++)
        {
            double a = Math.Max(lo, Edges[k]), b = Math.Min(hi, Edges[k + 1]);
            if (b <= a) continue;
            points.Add((a, Heights[k]));
            points.Add((b, Heights[k]));
        }
        points.Add((hi, 0));
        return [.. points];
    }
}
