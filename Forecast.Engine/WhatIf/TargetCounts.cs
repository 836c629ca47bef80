using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>How many paths of one plan met each of some targets, every target, and every headline target.</summary>
internal sealed class TargetCounts
{
    public TargetCounts(int targets) => Hits = new long[targets];

    public long[] Hits { get; }
    public long AllTargets { get; set; }
    public long AllHeadlineTargets { get; set; }
    public long Paths { get; set; }

    public ProbabilityEstimate Target(int m) => new(Hits[m], Paths);
    public ProbabilityEstimate All => new(AllTargets, Paths);
    public ProbabilityEstimate AllHeadline => new(AllHeadlineTargets, Paths);

    /// <summary>Adds one block's outcomes of <paramref name="plan"/> (positions[m]: the plan position of target m).</summary>
    public void Add(SimulationPlan plan, int[] positions, BlockWorkspace ws, int count)
    {
        for (int m = 0; m < positions.Length; m++)
        {
            if (positions[m] < 0) continue;
            var met = BlockWorkspace.Row(ws.Met, positions[m], count);
            long hits = 0;
            for (int i = 0; i < count; i++) if (met[i]) hits++;
            Hits[m] += hits;
        }
        long all = 0, headline = 0;
        int headlines = plan.HeadlineCount;
        for (int i = 0; i < count; i++)
        {
            if (ws.AllMet[i]) all++;
            if (ws.MetCount[i] == headlines) headline++;
        }
        AllTargets += all;
        AllHeadlineTargets += headline;
        Paths += count;
    }

    /// <summary>Simulates the paths of <paramref name="run"/> on one plan and counts the targets met.</summary>
    public static TargetCounts Simulate(SimulationPlan plan, IReadOnlyList<string> indicatorIds, RunSpec run, CancellationToken cancellationToken)
    {
        var positions = plan.PositionsOf(indicatorIds);
        var total = new TargetCounts(indicatorIds.Count);
        BlockRunner.Run([plan], run, new Observer(total, plan, positions),
            () => new Observer(new TargetCounts(indicatorIds.Count), plan, positions), cancellationToken, shardsPerWave: run.Workers);
        return total;
    }

    private readonly struct Observer(TargetCounts counts, SimulationPlan plan, int[] positions) : IBlockObserver<Observer>
    {
        private TargetCounts Counts { get; } = counts;

        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

        public void Block(in SimulatedBlock block) => Counts.Add(plan, positions, block.Workspaces[0], block.Count);

        /// <summary>Adds the parts' counts (integers: any order gives the same) and empties them.</summary>
        public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel)
        {
            foreach (var part in parts)
            {
                var (t, p) = (total.Counts, part.Counts);
                for (int m = 0; m < t.Hits.Length; m++) t.Hits[m] += p.Hits[m];
                t.AllTargets += p.AllTargets;
                t.AllHeadlineTargets += p.AllHeadlineTargets;
                t.Paths += p.Paths;
                Array.Clear(p.Hits);
                p.AllTargets = p.AllHeadlineTargets = p.Paths = 0;
            }
        }
    }
}
