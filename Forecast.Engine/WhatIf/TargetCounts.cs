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

    public void Add(TargetCounts other)
    {
        for (int m = 0; m < Hits.Length; m++) Hits[m] += other.Hits[m];
        AllTargets += other.AllTargets;
        AllHeadlineTargets += other.AllHeadlineTargets;
        Paths += other.Paths;
    }

    /// <summary>Simulates the paths of <paramref name="run"/> on one plan and counts the targets met.</summary>
    public static TargetCounts Simulate(SimulationPlan plan, IReadOnlyList<string> indicatorIds, RunSpec run, CancellationToken cancellationToken)
    {
        var positions = Lockstep.Positions(plan, indicatorIds);
        var total = new TargetCounts(indicatorIds.Count);
        Lockstep.Run([plan], run.Seed, run.Paths, run.Threads,
            () => new TargetCounts(indicatorIds.Count),
            (local, ws, _, count) => local.Add(plan, positions, ws[0], count),
            total.Add, cancellationToken);
        return total;
    }
}
