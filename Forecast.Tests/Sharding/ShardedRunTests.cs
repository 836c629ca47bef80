using Forecast.Engine.Evaluation;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Xunit;

namespace Forecast.Tests.Sharding;

/// <summary>The engine's split run: any split of a run's blocks into shards merges into the single run's bits.</summary>
public class ShardedRunTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(13, 2)]
    public void Merge_OfAnySplit_EqualsTheSingleRun_BitForBit(int shards, int threads)
    {
        // 150 blocks: several waves of eight 16-block shards in the single run, so its sum tree spans waves and shards.
        var scenario = TestScenarios.Gbm(100, 0.05, 0.2, 120, 5, paths: 150 * BlockWorkspace.BlockSize - 17, seed: 11);
        foreach (var sampling in new[] { SamplingMethod.Random, SamplingMethod.Antithetic, SamplingMethod.Sobol })
        {
            var options = new SimulationOptions(Threads: threads, Sampling: sampling);
            var single = ForecastRun.Run(scenario, options);
            var states = new List<MemoryStream>();
            for (int i = 0; i < shards; i++)
            {
                var state = new MemoryStream();
                ShardedRun.Run(scenario, options with { Threads = 1 + i % 2 }, i, shards, state);
                state.Position = 0;
                states.Add(state);
            }
            var merged = ShardedRun.Merge(scenario, options, states);
            Assert.Equal(Json(single), Json(merged));
        }
    }

    [Fact]
    public void Blocks_OfTheShards_CoverTheRunOnceInOrder()
    {
        foreach (long paths in new long[] { 1, 1024, 1025, 20_000, 10_000_000_000 })
            foreach (int n in new[] { 1, 2, 7, 64 })
            {
                long next = 0;
                for (int i = 0; i < n; i++)
                {
                    var (first, end) = ShardedRun.Blocks(paths, i, n);
                    Assert.Equal(next, first);
                    Assert.True(end >= first);
                    next = end;
                }
                Assert.Equal(ShardedRun.TotalBlocks(paths), next);
            }
    }

    [Fact]
    public void SumTree_FoldsTheSameBits_WhateverTheRanges()
    {
        // Values of mixed magnitude, so that the order of addition shows in the last bits.
        var random = new Random(5);
        const int blocks = 77;
        var leaves = Enumerable.Range(0, blocks).Select(_ => new[] { random.NextDouble() * Math.Pow(10, random.Next(-8, 9)), random.NextDouble() - 0.5 }).ToArray();
        var whole = new SumTree(2);
        for (int b = 0; b < blocks; b++) Leaf(whole, b, leaves[b]);
        var expected = new double[2];
        whole.Fold(expected);
        double sequential = 0;
        foreach (var leaf in leaves) sequential += leaf[0];
        Assert.NotEqual(sequential, expected[0]); // the tree's order differs from the sequential one, so the test can tell them apart
        for (int trial = 0; trial < 50; trial++)
        {
            var cuts = Enumerable.Range(1, blocks - 1).Where(_ => random.Next(4) == 0).Prepend(0).Append(blocks).ToArray();
            var total = new SumTree(2);
            for (int r = 0; r + 1 < cuts.Length; r++)
            {
                var part = new SumTree(2);
                for (int b = cuts[r]; b < cuts[r + 1]; b++) Leaf(part, b, leaves[b]);
                total.Move(part);
            }
            var folded = new double[2];
            total.Fold(folded);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[0]), BitConverter.DoubleToInt64Bits(folded[0]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[1]), BitConverter.DoubleToInt64Bits(folded[1]));
        }
    }

    private static void Leaf(SumTree tree, long block, double[] values)
    {
        values.CopyTo(tree.Leaf(block));
        tree.Settle();
    }

    private static string Json(ForecastRun run)
    {
        using var summary = new MemoryStream();
        SummaryJsonWriter.Write(summary, run.Result);
        using var distribution = new MemoryStream();
        DistributionJson.Write(distribution, run.Distribution);
        return System.Text.Encoding.UTF8.GetString(summary.ToArray()) + System.Text.Encoding.UTF8.GetString(distribution.ToArray());
    }
}
