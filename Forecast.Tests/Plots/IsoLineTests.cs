using Forecast.Runner.Plots;
using ScottPlot;

namespace Forecast.Tests.Plots;

/// <summary>The marching-squares iso-line against fields whose level sets are known in closed form.</summary>
public class IsoLineTests
{
    private static (double[] Xs, double[] Ys, double[,] Values) Grid(double from, double to, int steps, Func<double, double, double> f)
    {
        var xs = Enumerable.Range(0, steps + 1).Select(k => from + (to - from) * k / steps).ToArray();
        var values = new double[xs.Length, xs.Length];
        for (int i = 0; i < xs.Length; i++)
            for (int j = 0; j < xs.Length; j++)
                values[i, j] = f(xs[i], xs[j]);
        return (xs, xs, values);
    }

    [Fact]
    public void PlanarField_IsoLineIsExact_FromAxisToAxis()
    {
        // f = x/2 + y/4 is linear along every cell edge, so the interpolated line is exactly x/2 + y/4 = 0.8:
        // from (0, 3.2) on the y axis to (1.6, 0) on the x axis.
        var (xs, ys, values) = Grid(0, 4, 8, (x, y) => x / 2 + y / 4);
        var segments = IsoLine.Segments(xs, ys, values, 0.8);
        Assert.NotEmpty(segments);
        foreach (var (start, end) in segments)
        {
            Assert.Equal(0.8, start.X / 2 + start.Y / 4, 12);
            Assert.Equal(0.8, end.X / 2 + end.Y / 4, 12);
        }
        var line = Assert.Single(IsoLine.Polylines(xs, ys, values, 0.8));
        var ends = new[] { line[0], line[^1] }.OrderBy(p => p.X).ToArray();
        Assert.Equal(0, ends[0].X, 12);
        Assert.Equal(3.2, ends[0].Y, 12);
        Assert.Equal(1.6, ends[1].X, 12);
        Assert.Equal(0, ends[1].Y, 12);
        Assert.Equal(segments.Count + 1, line.Length);
    }

    [Fact]
    public void RadialField_IsoLineIsTheCircleOfRadiusSqrtMinusLn08()
    {
        // f = exp(−(x² + y²)) = 0.8 on the circle r0 = √(−ln 0.8) ≈ 0.4724. Linear interpolation across a cell of
        // width h = 0.02 misplaces a crossing by at most h²·|f''|/(8|f'|) ≈ 1e-4.
        double r0 = Math.Sqrt(-Math.Log(0.8));
        var (xs, ys, values) = Grid(-1, 1, 100, (x, y) => Math.Exp(-(x * x + y * y)));
        var line = Assert.Single(IsoLine.Polylines(xs, ys, values, 0.8));
        Assert.Equal(line[0], line[^1]);   // closed
        foreach (var p in line) Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), r0 - 2e-4, r0 + 2e-4);
        double area = 0;
        for (int k = 0; k + 1 < line.Length; k++) area += line[k].X * line[k + 1].Y - line[k + 1].X * line[k].Y;
        Assert.Equal(Math.PI * r0 * r0, Math.Abs(area) / 2, 3);
    }

    [Fact]
    public void Saddle_CutsOffTheCornersOnTheOtherSideFromTheCentre()
    {
        // Corners 1 at (0,0) and (1,1), 0 at (1,0) and (0,1); level 0.5 crosses every edge at its midpoint. The centre's
        // average, 0.5, counts as above, so the two corners below are cut off: segments around (1,0) and around (0,1).
        double[] xs = [0, 1], ys = [0, 1];
        var values = new double[,] { { 1, 0 }, { 0, 1 } };
        var segments = IsoLine.Segments(xs, ys, values, 0.5);
        Assert.Equal(2, segments.Count);
        var around = segments.Select(s => new Coordinates((s.Start.X + s.End.X) / 2, (s.Start.Y + s.End.Y) / 2)).OrderBy(c => c.X).ToArray();
        Assert.Equal(new Coordinates(0.25, 0.75), around[0]);
        Assert.Equal(new Coordinates(0.75, 0.25), around[1]);
    }

    [Fact]
    public void NoCrossing_OrANaNCorner_GivesNoLine()
    {
        var (xs, ys, values) = Grid(0, 1, 4, (x, y) => 0.5 + 0.1 * x);
        Assert.Empty(IsoLine.Segments(xs, ys, values, 0.8));
        values = new double[,] { { 0, double.NaN }, { 1, 1 } };
        Assert.Empty(IsoLine.Segments([0, 1], [0, 1], values, 0.5));
    }
}
