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
        double[] p = [0, 1e-9, .. Forecast.Engine.Evaluation.ForecastDistribution.GridProbabilities(), 0.9999, 1];
        var batch = new double[p.Length];
        for (int cell = 0; cell < 5; cell++)
        {
            cells.Quantiles(cell, p, batch);
            for (int i = 0; i < p.Length; i++)
            {
                double one = cells.Quantile(cell, p[i]);
                Assert.True(one.Equals(batch[i]), $"cell {cell}, p = {p[i]}: Quantile {one:R}, Quantiles {batch[i]:R}");
            }
        }
        Assert.True(cells.Underflow(0) > 0 && cells.Overflow(0) > 0);
    }

    [Fact]
    public void Quantiles_RefusesProbabilitiesOutOfOrder()
    {
        var cells = new CellHistograms(1, HistogramGrid.FromRange([0.0], [1.0], [false]));
        cells.Add(0, 0.5);
        Assert.Throws<ArgumentException>(() => cells.Quantiles(0, [0.5, 0.2], new double[2]));
    }
}
