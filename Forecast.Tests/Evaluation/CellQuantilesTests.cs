using Forecast.Engine.Simulation;

namespace Forecast.Tests.Evaluation;

/// <summary>The batched quantiles that distribution.json is built from follow the one quantile rule exactly.</summary>
public class CellQuantilesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantiles_EqualQuantile_BitForBit_OnEveryKindOfCell(bool compact)
    {
        // Cell 0: continuous on a grid from a narrow pilot range, with values below and above it (under- and overflow);
        // cell 1: a count with one bin per whole number; cell 2: a count too wide for that (interpolated, then rounded);
        // cell 3: one value only; cell 4: empty.
        var grid = HistogramGrid.FromRange([0.4, 100, 0, 5, 0], [0.6, 140, 100_000, 5, 1], [false, true, true, false, false]);
        var cells = new CellHistograms(5, grid, compact);
        var random = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            cells.Add(0, random.NextDouble() * 1.4 - 0.2);
            cells.Add(1, 100 + Math.Floor(random.NextDouble() * random.NextDouble() * 60));
            cells.Add(2, Math.Floor(random.NextDouble() * 300_000));
            cells.Add(3, 5);
        }
        AssertBatchEqualsOneByOne(cells);
        Assert.True(cells.Underflow(0) > 0 && cells.Overflow(0) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantiles_EqualQuantile_BitForBit_OnRefinedCells(bool compact)
    {
        // Cell 0: a lognormal with σ = 3 (refined, logarithmic); cell 1: a count spread over orders of magnitude (refined,
        // whole numbers rounded within their bins); both sized from a pilot of their first 4,096 values, as a run does.
        var random = new Random(5);
        double Lognormal() => Math.Exp(3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var values = new double[2][];
        values[0] = new double[40_000];
        values[1] = new double[40_000];
        for (int i = 0; i < values[0].Length; i++)
        {
            values[0][i] = Lognormal();
            values[1][i] = Math.Floor(Lognormal() * 5);
        }
        var pilot = new CellHistograms(2, null);
        for (int c = 0; c < 2; c++) pilot.Record(c, values[c].AsSpan(0, CellHistograms.SampleValues));
        var grid = HistogramGrid.FromPilot(pilot, [false, true]);
        Assert.True(grid.IsRefined(0) && grid.IsRefined(1));
        var cells = new CellHistograms(2, grid, compact);
        for (int c = 0; c < 2; c++) cells.Record(c, values[c]);
        AssertBatchEqualsOneByOne(cells);
    }

    /// <summary>Every cell's batched quantiles at distribution.json's probabilities (and the ends) equal Quantile's, bit for bit.</summary>
    private static void AssertBatchEqualsOneByOne(CellHistograms cells)
    {
        double[] p = [0, 1e-9, .. Forecast.Engine.Evaluation.ForecastDistribution.GridProbabilities(), 0.9999, 1];
        var batch = new double[p.Length];
        for (int cell = 0; cell < cells.Cells; cell++)
        {
            cells.Quantiles(cell, p, batch);
            for (int i = 0; i < p.Length; i++)
            {
                double one = cells.Quantile(cell, p[i]);
                Assert.True(one.Equals(batch[i]), $"cell {cell}, p = {p[i]}: Quantile {one:R}, Quantiles {batch[i]:R}");
            }
        }
    }

    [Fact]
    public void Quantiles_RefusesProbabilitiesOutOfOrder()
    {
        var cells = new CellHistograms(1, HistogramGrid.FromRange([0.0], [1.0], [false]));
        cells.Add(0, 0.5);
        Assert.Throws<ArgumentException>(() => cells.Quantiles(0, [0.5, 0.2], new double[2]));
    }
}
