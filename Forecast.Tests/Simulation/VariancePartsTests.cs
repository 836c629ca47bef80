using System.Runtime.Intrinsics;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class VariancePartsTests
{
    [Theory]
    [InlineData(1024)]
    [InlineData(1021)]
    [InlineData(16)]
    [InlineData(9)]
    [InlineData(5)]
    public void DeviationSums_AreTheScalarLoopsSums_BitForBit_WhateverTheBlockLength(int count)
    {
        // Eight rows of a block's state (two of them the same row, as when fewer than eight indicators step in a year),
        // values of very different sizes so that any change in the order of the additions would show in the last bits.
        const int size = BlockWorkspace.BlockSize;
        var random = new Random(count);
        var state = Enumerable.Range(0, 7 * size).Select(i => Math.Exp(random.NextDouble() * 20 - 10) * (i % 3 == 0 ? -1 : 1)).ToArray();
        int[] rows = [2 * size, 0, 5 * size, size, 6 * size, 3 * size, 2 * size, 4 * size];
        double[] shifts = [1, 0.5, -3, 1e3, 0, 2.5, 1, 1e-3];

        var (sum, squares) = VarianceParts.DeviationSums(state, rows, Vector512.Create<double>(shifts), count);

        for (int j = 0; j < 8; j++)
        {
            // The scalar loop each lane stands for (VarianceParts' summary: d = x − c; sum += d; squares += d·d).
            double expectedSum = 0, expectedSquares = 0;
            for (int i = 0; i < count; i++)
            {
                double d = state[rows[j] + i] - shifts[j];
                expectedSum += d;
                expectedSquares += d * d;
            }
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedSum), BitConverter.DoubleToInt64Bits(sum.GetElement(j)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedSquares), BitConverter.DoubleToInt64Bits(squares.GetElement(j)));
        }
    }
}
