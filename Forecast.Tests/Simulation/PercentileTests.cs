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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VectorSlots_EqualTheScalarRule_OnBinEdgesNaNInfinitiesAndValuesOffTheGrid(bool compact)
    {
        // Record finds eight slots at a time in its own loop (SlotsOf), Add one at a time by the scalar rule: the rows
        // must agree value by value. The values: every bin edge lower + k·width of a stretch of the grid and the doubles
        // either side of it, the grid's two ends, NaN, ±∞, ±double.MaxValue, values just off the grid and far off it.
        var grid = HistogramGrid.FromRange([0.3], [2.7], [false]);
        double lower = grid.Lower[0], width = grid.Width[0];
        var values = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue,
            double.Epsilon, 0, -0.0, lower - 1e-300, 1e12, -1e12, lower - width, lower + (HistogramGrid.Bins + 1) * width };
        foreach (int k in new[] { 0, 1, 2, 3, 100, 2047, 2048, 4094, 4095, 4096, 4097 })
        {
            double edge = lower + k * width;
            values.AddRange([Math.BitDecrement(edge), edge, Math.BitIncrement(edge)]);
        }
        while (values.Count % 8 != 0) values.Add(double.NaN);
        foreach (double v in values)
        {
            var eights = new CellHistograms(1, grid, compact);
            var ones = new CellHistograms(1, grid, compact);
            // The value in every lane of a vector pass, and one by one.
            eights.Record(0, Enumerable.Repeat(v, 8).ToArray());
            for (int i = 0; i < 8; i++) ones.Add(0, v);
            Assert.True(eights.Row(0).SequenceEqual(ones.Row(0)), $"value {v:R}: slot {Array.FindIndex(eights.Row(0), c => c > 0)} against {Array.FindIndex(ones.Row(0), c => c > 0)}");
        }
        // All of them together, in lanes 0..7 of several eights.
        var all = new CellHistograms(1, grid, compact);
        var single = new CellHistograms(1, grid, compact);
        all.Record(0, values.ToArray());
        foreach (double v in values) single.Add(0, v);
        Assert.Equal(single.Row(0), all.Row(0));
        Assert.Equal(values.Count, all.Row(0).Sum());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Record_CountsEveryLength_AsOneByOne(bool compact)
    {
        // The vector pass is software-pipelined (it counts the previous eight while it finds the next eight's slots):
        // no eight may be dropped or counted twice, whatever the length, none, one eight, or eights and a tail.
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(17);
        var grid = HistogramGrid.FromRange([-2.0], [2.0], [false]);
        for (int length = 0; length <= 41; length++)
        {
            var values = new double[length];
            for (int i = 0; i < length; i++) values[i] = 5 * (g.NextOpenDouble() - 0.5);
            var eights = new CellHistograms(1, grid, compact);
            var ones = new CellHistograms(1, grid, compact);
            eights.Record(0, values);
            foreach (double v in values) ones.Add(0, v);
            Assert.Equal(ones.Row(0), eights.Row(0));
            Assert.Equal(length, eights.Row(0).Sum());
        }
    }

    [Fact]
    public void AddWidened_AddsEverySixteenBitCount_IntoTheWideRow_WholeEightsAndTail()
    {
        // The shard merge's widening add: every length from 0 to 27 (whole eights and a tail), counts up to 65,535.
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(9);
        for (int length = 0; length < 28; length++)
        {
            var source = new ushort[length];
            var target = new long[length];
            for (int j = 0; j < length; j++)
            {
                source[j] = j % 5 == 0 ? ushort.MaxValue : (ushort)(g.NextUInt64() & 0xFFFF);
                target[j] = (long)(g.NextUInt64() >> 20);
            }
            var expected = target.Select((t, j) => t + source[j]).ToArray();
            CellHistograms.AddWidened(target, source);
            Assert.Equal(expected, target);
        }
    }
    [Fact]
    public void Move_OfACompactSet_AddsEveryCount_AndLeavesItsRowsEmpty_WhateverTheValuesSpan()
    {
        // The merge moves only the slots between those of a cell's smallest and largest value, and the two end slots:
        // the wide set must get every count, and the compact set must come out all zeros (it is reused for the next
        // shard), for values in a narrow stretch, across the grid, off it, on bin edges, with NaN in any lane (which a
        // lane's native minimum may or may not keep), and for a cell with no value at all.
        var grid = HistogramGrid.FromRange([0.3, -1.0, 5.0], [2.7, 1.0, 6.0], [false, false, true]);
        double lower = grid.Lower[0], width = grid.Width[0];
        var g = Forecast.Engine.Randomness.Xoshiro256StarStar.FromSeed(23);
        var wide = new CellHistograms(3, grid);
        var part = new CellHistograms(3, grid, compact: true);
        var expected = new long[3][];
        for (int c = 0; c < 3; c++) expected[c] = new long[CellHistograms.RowLength];
        for (int round = 0; round < 40; round++)
        {
            int length = 1 + (int)(g.NextUInt64() % 60);
            var values = new double[length];
            double centre = lower + (g.NextUInt64() % 4096) * width, spread = round % 3 == 0 ? 3 * width : round % 3 == 1 ? 0.4 : 50;
            for (int i = 0; i < length; i++)
                values[i] = (g.NextUInt64() % 9) switch
                {
                    0 when round % 4 == 0 => double.NaN,
                    1 when round % 5 == 0 => double.PositiveInfinity,
                    2 => lower + (g.NextUInt64() % 4097) * width,
                    _ => centre + spread * (g.NextOpenDouble() - 0.5),
                };
            // Cell 0 gets the values eight at a time, cell 1 one by one, cell 2 (whole numbers) only every other round.
            part.Record(0, values);
            foreach (double v in values) part.Add(1, v);
            if (round % 2 == 0) part.Record(2, values.Select(v => Math.Round(v)).ToArray());
            for (int c = 0; c < 3; c++)
            {
                var row = part.Row(c);
                for (int j = 0; j < row.Length; j++) expected[c][j] += row[j];
            }
            wide.Move([part], 0, 3);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected[c], wide.Row(c));
                Assert.All(part.Row(c), count => Assert.Equal(0, count));
            }
        }
    }
}
