using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>How many paths of one plan met each of some targets, every target, and every headline target.</summary>
internal sealed class TargetCounts
{
    private readonly ClusterTotals? _clusters;

    /// <param name="targets">Targets counted.</param>
    /// <param name="sampling">The sampling method: other than random, unit totals are kept for the intervals.</param>
    public TargetCounts(int targets, SamplingMethod sampling = SamplingMethod.Random)
    {
        Hits = new long[targets];
        if (sampling != SamplingMethod.Random) _clusters = new ClusterTotals(sampling, targets + 2);
    }

    public long[] Hits { get; }
    public long AllTargets { get; set; }
    public long AllHeadlineTargets { get; set; }
    public long Paths { get; set; }

    public ProbabilityEstimate Target(int m) => new(Hits[m], Paths, _clusters?.Variance(m));
    public ProbabilityEstimate All => new(AllTargets, Paths, _clusters?.Variance(Hits.Length));
    public ProbabilityEstimate AllHeadline => new(AllHeadlineTargets, Paths, _clusters?.Variance(Hits.Length + 1));

    /// <summary>Adds one block's outcomes of <paramref name="plan"/> (positions[m]: the plan position of target m).</summary>
    public void Add(SimulationPlan plan, int[] positions, BlockWorkspace ws, int count, long block)
    {
        for (int m = 0; m < positions.Length; m++)
        {
            if (positions[m] < 0) continue;
            var met = BlockWorkspace.Row(ws.Met, positions[m], count);
            long hits = 0;
            for (int i = 0; i < count; i++) if (met[i]) hits++;
            Hits[m] += hits;
            _clusters?.Add(m, met, block);
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
        if (_clusters is { } clusters)
        {
            clusters.Add(Hits.Length, ws.AllMet.AsSpan(0, count), block);
            clusters.Add(Hits.Length + 1, ws.MetCount.AsSpan(0, count), headlines, block);
            clusters.EndBlock(count, block);
        }
    }

    /// <summary>Simulates the paths of <paramref name="run"/> on one plan and counts the targets met.</summary>
    public static TargetCounts Simulate(SimulationPlan plan, IReadOnlyList<string> indicatorIds, RunSpec run, CancellationToken cancellationToken)
    {
        var positions = plan.PositionsOf(indicatorIds);
        var total = new TargetCounts(indicatorIds.Count, run.Sampling);
        BlockRunner.Run([plan], run, new Observer(total, plan, positions),
            () => new Observer(new TargetCounts(indicatorIds.Count, run.Sampling), plan, positions), cancellationToken, shardsPerWave: run.Workers);
        return total;
    }

    private readonly struct Observer(TargetCounts counts, SimulationPlan plan, int[] positions) : IBlockObserver<Observer>
    {
        private TargetCounts Counts { get; } = counts;

        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

        public void Block(in SimulatedBlock block) =>
            Counts.Add(plan, positions, block.Workspaces[0], block.Count, block.FirstPath / BlockWorkspace.BlockSize);

        /// <summary>Adds the parts' counts and unit totals (integers: any order gives the same) and empties them.</summary>
        public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel)
        {
            foreach (var part in parts)
            {
                var (t, p) = (total.Counts, part.Counts);
                for (int m = 0; m < t.Hits.Length; m++) t.Hits[m] += p.Hits[m];
                t.AllTargets += p.AllTargets;
                t.AllHeadlineTargets += p.AllHeadlineTargets;
                t.Paths += p.Paths;
                if (p._clusters is { } clusters) t._clusters!.Move(clusters);
                Array.Clear(p.Hits);
                p.AllTargets = p.AllHeadlineTargets = p.Paths = 0;
            }
        }
    }
}
