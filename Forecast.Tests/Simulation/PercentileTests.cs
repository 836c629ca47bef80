using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Simulation;

public class PercentileTests
{
    /// <summary>
    /// Reproduces the values of one cell path by path, with the block simulator itself, so the reported
    /// percentiles can be checked against the exact sorted sample.
    /// </summary>
    private static double[] FinalValues(Scenario scenario, string indicatorId, long paths, ulong seed)
    {
        var plan = SimulationPlan.Compile(scenario);
        int k = Array.FindIndex(plan.Indicators, i => i.Source.Id == indicatorId);
        var values = new List<double>();
        var ws = new BlockWorkspace(plan);
        for (long block = 0; block * BlockWorkspace.BlockSize < paths; block++)
        {
            int count = (int)Math.Min(BlockWorkspace.BlockSize, paths - block * BlockWorkspace.BlockSize);
            var acc = new SimulationAccumulator(plan.Indicators.Length, plan.Steps, plan.HeadlineCount, null);
            BlockSimulator.Simulate(plan, seed, block, count, ws, acc);
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
}
