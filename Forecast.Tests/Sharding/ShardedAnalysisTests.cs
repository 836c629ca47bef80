using System.Text.Json;
using System.Text.Json.Serialization;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;
using Forecast.Tests.WhatIf;
using Xunit;

namespace Forecast.Tests.Sharding;

/// <summary>
/// The engine's split sweep and sensitivity analysis: every grid point and evaluation gives the same bits whichever
/// shard computes it, with whatever else, on however many threads, so any split merged in any order is the single
/// process's result.
/// </summary>
public class ShardedAnalysisTests
{
    private static readonly JsonSerializerOptions Exact = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static Scenario Small() => ScenarioReader.Read(WhatIfScenarios.Write("small.yaml", WhatIfScenarios.SmallYaml), new ScenarioReadOptions(false)).Scenario;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void SweepShards_MergedInAnyOrder_EqualTheSingleSweep_BitForBit(int shards)
    {
        var scenario = Small();
        LeverAxis[] axes = [LeverAxis.Even(new Lever("a", "mean"), 0.04, 0.12, 2), LeverAxis.Even(new Lever("c", "mode"), 0.02, 0.04, 1)];
        var single = LeverSweep.Run(scenario, axes, new SimulationOptions(1500, Threads: 2));
        var states = Enumerable.Range(0, shards).Select(i =>
        {
            var state = new MemoryStream();
            ShardedAnalysis.RunSweep(scenario, axes, new SimulationOptions(1500, Threads: 1 + i % 2), i, shards, state);
            state.Position = 0;
            return state;
        }).Reverse().ToList();
        var merged = ShardedAnalysis.MergeSweep(scenario, axes, new SimulationOptions(1500), states);
        Assert.Equal(6, merged.Points.Count);
        Assert.Equal(JsonSerializer.Serialize(single, Exact), JsonSerializer.Serialize(merged, Exact));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 16)]
    [InlineData(9, 0)]
    [InlineData(17, 16)]
    public void SensitivityShards_MergedInAnyOrder_EqualTheSingleAnalysis_BitForBit(int shards, int designReplicates)
    {
        // 300 base samples: each of the design's calls has 300 rows, two chunks of 256 and 44, which shards split.
        var scenario = Small();
        var tornado = new SimulationOptions(1024, Threads: 2);
        var global = new GlobalSensitivityOptions(BaseSamples: 300, BootstrapReplicates: 20, SpearmanPaths: 2500, Threads: 2, DesignReplicates: designReplicates);
        var singleTornado = Tornado.Run(scenario, tornado);
        var singleGlobal = GlobalSensitivity.Run(scenario, global);
        var states = Enumerable.Range(0, shards).Select(i =>
        {
            var state = new MemoryStream();
            ShardedAnalysis.RunSensitivity(scenario, tornado with { Threads = 1 + i % 2 }, global with { Threads = 1 + i % 2 }, i, shards, state);
            state.Position = 0;
            return state;
        }).Reverse().ToList();
        var (mergedTornado, mergedGlobal) = ShardedAnalysis.MergeSensitivity(scenario, tornado, global, states);
        Assert.Equal(JsonSerializer.Serialize(singleTornado, Exact), JsonSerializer.Serialize(mergedTornado, Exact));
        Assert.Equal(JsonSerializer.Serialize(singleGlobal, Exact), JsonSerializer.Serialize(mergedGlobal, Exact));
    }

    [Fact]
    public void Units_OfTheShards_CoverTheAnalysisOnceInOrder_SplitByTheirWork()
    {
        long[][] costs = [[1], [1, 1, 1, 1, 1, 1], [1024, 1024, 1024, 256, 44, 256, 44, 1024, 976], [5, 0, 7, 1, 1_000_000_000_000]];
        foreach (var cost in costs)
            foreach (int n in new[] { 1, 2, 7, 64 })
            {
                int next = 0;
                for (int i = 0; i < n; i++)
                {
                    var (first, end) = ShardedAnalysis.Units(cost, i, n);
                    Assert.Equal(next, first);
                    Assert.True(end >= first);
                    // The rule: unit u, whose work starts at C_u of W, belongs to shard ⌊n·C_u / W⌋.
                    for (int u = first; u < end; u++) Assert.Equal(i, (int)(cost[..u].Sum() * (long)n / cost.Sum()));
                    next = end;
                }
                Assert.Equal(cost.Length, next);
            }
        // Grid points cost the same: shard i of n takes points ⌈G·i/n⌉ to ⌈G·(i+1)/n⌉ − 1; with more shards than points some are empty.
        Assert.Equal((2, 4), ShardedAnalysis.SweepShard(6, 1, 3));
        Assert.Equal((1, 2), ShardedAnalysis.SweepShard(6, 1, 7));
        Assert.Equal((6, 6), ShardedAnalysis.SweepShard(6, 6, 7));
    }

    [Fact]
    public void Merge_RefusesStatesThatDoNotMakeTheAnalysis()
    {
        var scenario = Small();
        LeverAxis[] axes = [LeverAxis.Even(new Lever("a", "mean"), 0.04, 0.12, 2)];
        var options = new SimulationOptions(1024);
        MemoryStream Shard(int i, int n)
        {
            var state = new MemoryStream();
            ShardedAnalysis.RunSweep(scenario, axes, options, i, n, state);
            state.Position = 0;
            return new MemoryStream(state.ToArray());
        }
        Assert.Contains("grid point 2 is missing", Assert.Throws<InvalidDataException>(() => ShardedAnalysis.MergeSweep(scenario, axes, options, [Shard(0, 2)])).Message, StringComparison.Ordinal);
        Assert.Contains("is given twice", Assert.Throws<InvalidDataException>(() => ShardedAnalysis.MergeSweep(scenario, axes, options, [Shard(0, 2), Shard(0, 2), Shard(1, 2)])).Message, StringComparison.Ordinal);
        var cut = Shard(1, 2).ToArray();
        Assert.Contains("ends early", Assert.Throws<InvalidDataException>(() => ShardedAnalysis.MergeSweep(scenario, axes, options, [Shard(0, 2), new MemoryStream(cut[..(cut.Length - 3)])])).Message, StringComparison.Ordinal);
        Assert.Contains("not one of a sensitivity", Assert.Throws<InvalidDataException>(() =>
            ShardedAnalysis.MergeSensitivity(scenario, options, new GlobalSensitivityOptions(BaseSamples: 16, SpearmanPaths: 100), [Shard(0, 1)])).Message, StringComparison.Ordinal);
    }
}
