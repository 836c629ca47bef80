using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The iso-line f = level of a function known on a rectangular grid, by marching squares with linear interpolation
/// along the cell edges. A cell whose corners lie on both sides of the level is crossed on two of its edges (one
/// segment) or, at a saddle, on all four (two segments, joined as the average of the corners says: the corners on
/// the other side of the level from the centre are cut off). The line is exact where f is linear along each edge,
/// e.g. for a planar f; otherwise its error is of the order of the cell size squared.
/// </summary>
internal static class IsoLine
{
    /// <summary>The segments of the iso-line, one or two per crossed cell. A corner exactly at the level counts as above it.</summary>
    /// <param name="xs">The grid's x values, ascending.</param>
    /// <param name="ys">The grid's y values, ascending.</param>
    /// <param name="values">values[i, j] = f(xs[i], ys[j]); cells with a NaN corner are skipped.</param>
    /// <param name="level">The level.</param>
    public static IReadOnlyList<(Coordinates Start, Coordinates End)> Segments(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values, double level)
    {
        var segments = new List<(Coordinates, Coordinates)>();
        Span<(int I, int J)> corners = stackalloc (int, int)[4];
        Span<bool> above = stackalloc bool[4];
        Span<Coordinates> crossing = stackalloc Coordinates[4];
        Span<bool> crossed = stackalloc bool[4];
        for (int i = 0; i + 1 < xs.Count; i++)
        {
            for (int j = 0; j + 1 < ys.Count; j++)
            {
                // Corners anticlockwise from the lower left; edge k runs from corner k to corner k + 1.
                corners[0] = (i, j);
                corners[1] = (i + 1, j);
                corners[2] = (i + 1, j + 1);
                corners[3] = (i, j + 1);
                bool nan = false;
                double sum = 0;
                for (int k = 0; k < 4; k++)
                {
                    double v = values[corners[k].I, corners[k].J];
                    nan |= double.IsNaN(v);
                    above[k] = v >= level;
                    sum += v;
                }
                if (nan) continue;
                int count = 0;
                for (int k = 0; k < 4; k++)
                {
                    var (a, b) = (corners[k], corners[(k + 1) % 4]);
                    crossed[k] = above[k] != above[(k + 1) % 4];
                    if (crossed[k])
                    {
                        crossing[k] = Cross(xs, ys, values, a, b, level);
                        count++;
                    }
                }
                if (count == 2)
                {
                    int first = crossed.IndexOf(true), second = crossed[(first + 1)..].IndexOf(true) + first + 1;
                    segments.Add((crossing[first], crossing[second]));
                }
                else if (count == 4)
                {
                    bool centreAbove = sum / 4 >= level;
                    for (int k = 0; k < 4; k++)
                        if (above[k] != centreAbove) segments.Add((crossing[(k + 3) % 4], crossing[k]));
                }
            }
        }
        return segments;
    }

    /// <summary>The segments joined end to end into polylines (a closed line ends at its start).</summary>
    public static IReadOnlyList<Coordinates[]> Polylines(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values, double level)
    {
        var segments = Segments(xs, ys, values, level);
        var at = new Dictionary<Coordinates, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            Add(segments[s].Start, s);
            Add(segments[s].End, s);
        }
        var used = new bool[segments.Count];
        var lines = new List<Coordinates[]>();
        // Open lines first start at an end that belongs to one segment only; what is left are closed loops.
        foreach (bool open in new[] { true, false })
        {
            for (int s = 0; s < segments.Count; s++)
            {
                if (used[s]) continue;
                var start = segments[s].Start;
                if (open && at[start].Count != 1 && at[segments[s].End].Count != 1) continue;
                if (open && at[start].Count != 1) start = segments[s].End;
                var line = new List<Coordinates> { start };
                var point = start;
                int current = s;
                while (current >= 0)
                {
                    used[current] = true;
                    point = segments[current].Start == point ? segments[current].End : segments[current].Start;
                    line.Add(point);
                    current = at[point].FirstOrDefault(n => !used[n], -1);
                }
                lines.Add([.. line]);
            }
        }
        return lines;

        void Add(Coordinates point, int segment)
        {
            if (!at.TryGetValue(point, out var list)) at[point] = list = [];
            list.Add(segment);
        }
    }

    /// <summary>Where the level crosses the edge between two grid points; computed from the lower point up, so that the two cells sharing an edge get the same point.</summary>
    private static Coordinates Cross(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values, (int I, int J) a, (int I, int J) b, double level)
    {
        if (b.I < a.I || b.J < a.J) (a, b) = (b, a);
        double va = values[a.I, a.J], vb = values[b.I, b.J];
        double t = (level - va) / (vb - va);
        return new Coordinates(xs[a.I] + t * (xs[b.I] - xs[a.I]), ys[a.J] + t * (ys[b.J] - ys[a.J]));
    }
}
