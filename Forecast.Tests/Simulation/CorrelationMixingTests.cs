using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class CorrelationMixingTests
{
    [Theory]
    [InlineData(1024)]
    [InlineData(1000)]
    [InlineData(33)]
    [InlineData(7)]
    public void MixedShocks_AreTheFactorTimesTheShocks_BitForBit_WhateverTheBlockLength(int count)
    {
        const int drivers = 5, size = BlockWorkspace.BlockSize;
        var random = new Random(count);
        var shocks = Enumerable.Range(0, drivers * size).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        // Lower-triangular factor with a zero term, and driver 1 left unmixed (its row is not written).
        var factor = new double[drivers * drivers];
        for (int d = 0; d < drivers; d++)
            for (int j = 0; j <= d; j++) factor[d * drivers + j] = d == j ? 0.8 : 0.3 + 0.1 * j;
        factor[3 * drivers + 1] = 0;
        var mixed = new[] { false, false, true, true, true };
        var rows = Enumerable.Repeat(double.NaN, drivers * size).ToArray();

        BlockSimulator.Correlate(factor, mixed, shocks, rows, count);

        for (int d = 0; d < drivers; d++)
            for (int i = 0; i < count; i++)
            {
                if (!mixed[d])
                {
                    Assert.True(double.IsNaN(rows[d * size + i]));
                    continue;
                }
                double expected = 0;
                for (int j = 0; j <= d; j++)
                    if (factor[d * drivers + j] != 0) expected += shocks[j * size + i] * factor[d * drivers + j];
                Assert.Equal(expected, rows[d * size + i]);
            }
    }
}
