using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Simulation;

public class PercentileTests
{
    /// <summary>
    /// Reproduces the values of one cell path by path, with the block simulator itself, so the reported
    /// percentiles can be checked against the exact sorted sample.
    /// </summary>
    internal static double[] FinalValues(Scenario scenario, string indicatorId, long paths, ulong seed)
    {
        var plan = SimulationPlan.Compile(scenario);
        int k = Array.FindIndex(plan.Indicators, i => i.Source.Id == indicatorId);
        var values = new List<double>();
        var ws = new BlockWorkspace(plan);
        for (long block = 0; block * BlockWorkspace.BlockSize < paths; block++)
        {
            int count = (int)Math.Min(BlockWorkspace.BlockSize, paths - block * BlockWorkspace.BlockSize);
            BlockSimulator.Simulate(plan, seed, block, count, ws);
            values.AddRange(BlockWorkspace.Row(ws.State, k, count).ToArray());
        }
        return values.ToArray();
    }

    [Theory]
    [InlineData("intensity")]
    [InlineData("share")]
    [InlineData("firms")]
    [InlineData("density")]
    public void Percentiles_AgreeWithSortedSample_WithinRankErrorOfOneInAThousand(string id)
    {
        const long paths = 100_000;
        var scenario = ReproducibilityTests.Mixed(paths);
        // The block's state after the last step is the last year's value.
        int lastYear = scenario.LastYear;
        var result = MonteCarlo.Run(scenario);
        var stats = result[id].Years.First(y => y.Year == lastYear);
        var sorted = FinalValues(scenario, id, paths, scenario.Defaults.Seed);
        Array.Sort(sorted);
        foreach (var (p, value) in new[] { (0.05, stats.P5), (0.25, stats.P25), (0.5, stats.P50), (0.75, stats.P75), (0.95, stats.P95) })
        {
            // Rank interval of the reported value in the sample: [#values < q, #values ≤ q] / n must reach within 0.001 of p.
            double below = SortedRanks.Below(sorted, value) / (double)paths;
            double atOrBelow = SortedRanks.AtOrBelow(sorted, value) / (double)paths;
            Assert.True(below - 0.001 <= p && p <= atOrBelow + 0.001,
                $"{id} p{p * 100}: reported {value} has rank [{below}, {atOrBelow}]");
        }
    }

    [Fact]
    public void CountSpreadWiderThanTheGrid_GetsWholePercentiles_WithinRankErrorOfOneInAThousand()
    {
        // Whole numbers spread over ~0..200,000 (far more than the 4,096 bins): the grid cannot hold one bin per
        // value, so the percentile is interpolated, then reported as the nearest whole number.
        const int n = 200_000;
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(5);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = Math.Floor(-20_000 * Math.Log(g.NextOpenDouble()));
        var grid = HistogramGrid.FromRange([values.Min()], [values.Max()], [true]);
        Assert.False(grid.Exact[0]);
        var acc = new CellHistograms(1, grid);
        for (int i = 0; i < n; i += BlockWorkspace.BlockSize) acc.Record(0, values.AsSpan(i, Math.Min(BlockWorkspace.BlockSize, n - i)));
        var sorted = values.Order().ToArray();
        foreach (double p in new[] { 0.05, 0.25, 0.5, 0.75, 0.95 })
        {
            double q = acc.Quantile(0, p);
            Assert.Equal(Math.Floor(q), q);
            double below = SortedRanks.Below(sorted, q) / (double)n, atOrBelow = SortedRanks.AtOrBelow(sorted, q) / (double)n;
            Assert.True(below - 0.001 <= p && p <= atOrBelow + 0.001, $"p{p * 100}: {q} has rank [{below}, {atOrBelow}]");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValuesFarOffTheGrid_InfiniteOrNaN_AreCountedInsideTheRow_NeverOutsideIt(bool compact)
    {
        // The row is indexed without bounds checks: the clamp must keep every value inside it, so the row's total is
        // the number of values recorded, whether eight at a time or one by one.
        var grid = HistogramGrid.FromRange([0.0], [1.0], [false]);
        var acc = new CellHistograms(1, grid, compact);
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e308, 1e308, 0.5, -3, 7, 0.25, double.NaN, 1, 0, 0.75, 2, -0.1, 0.9, double.NaN, 3];
        acc.Record(0, values);
        foreach (double v in values) acc.Add(0, v);
        var shard = new CellHistograms(1, grid);
        shard.Move([acc], 0, 1);
        Assert.Equal(2 * values.Length, shard.Row(0).Sum());
        // −∞, −1e308, −3 below the grid (it starts at −0.5); +∞, 1e308, 7, 2, 3 above it (it ends at 1.5); the three NaN
        // below it too, in both the vector and the scalar loops.
        Assert.Equal(2 * 6, shard.Underflow(0));
        Assert.Equal(2 * 5, shard.Overflow(0));
    }
}
