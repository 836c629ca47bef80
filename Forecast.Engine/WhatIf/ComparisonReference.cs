using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// The reference scenario of many paired comparisons, simulated once: every path's outcome of every target (met or not,
/// the target year's value), every path's "all targets met" and count of headline targets met, and each target's
/// histogram grid. <see cref="Compare"/> then simulates only what a variant changes and pairs it path by path with these
/// outcomes, so a what-if costs one simulation of the changed targets instead of two of everything (the workbench's lever
/// changes). The result equals <see cref="ScenarioComparison.Run"/> of the reference and the variant for the same
/// paths and seed, bit for bit (tested).
/// </summary>
/// <remarks>
/// Memory: 9 bytes per path and indicator (20,000 paths of 40 indicators: 7 MB). Safe to share between threads: nothing
/// changes after <see cref="Simulate"/>.
/// </remarks>
public sealed class ComparisonReference
{
    private readonly bool[][] _met;
    private readonly double[][] _values;
    private readonly bool[] _allMet;
    private readonly int[] _metCount;
    private readonly HistogramGrid.CellSpec[] _specs;

    private ComparisonReference(Scenario scenario, SimulationPlan plan, RunSpec run, int sections, bool[][] met, double[][] values, bool[] allMet,
        int[] metCount, HistogramGrid.CellSpec[] specs)
    {
        Scenario = scenario;
        Plan = plan;
        Run = run;
        Sections = sections;
        _met = met;
        _values = values;
        _allMet = allMet;
        _metCount = metCount;
        _specs = specs;
    }

    /// <summary>The reference scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Paths of the reference, and of every comparison with it.</summary>
    public long Paths => Run.Paths;

    /// <summary>The seed of the reference's paths (the scenario's, or the options').</summary>
    public ulong Seed => Run.Seed;

    internal SimulationPlan Plan { get; }

    internal RunSpec Run { get; }

    internal int Sections { get; }

    /// <summary>
    /// Simulates the reference's paths (as <see cref="ScenarioComparison.Run"/> would: paths and seed from
    /// <paramref name="options"/>, else the scenario's defaults) and keeps every path's outcomes.
    /// </summary>
    /// <exception cref="InvalidScenarioException">The scenario breaks the rules of <see cref="ScenarioValidator"/>.</exception>
    /// <exception cref="ArgumentException">Fewer paths than <see cref="ScenarioComparison.Run"/> compares, or a precision given.</exception>
    public static ComparisonReference Simulate(Scenario reference, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var run = RunSpec.Resolve(reference, options).RequireFixedRun();
        int sections = ScenarioComparison.CheckedSections(run, nameof(options));
        var plan = SimulationPlan.Compile(reference);
        int K = plan.Indicators.Length, paths = (int)run.Paths;
        var met = new bool[K][];
        var values = new double[K][];
        for (int k = 0; k < K; k++)
        {
            met[k] = new bool[paths];
            values[k] = new double[paths];
        }
        var allMet = new bool[paths];
        var metCount = new int[paths];
        var record = new PathOutcomes(Enumerable.Range(0, K).ToArray(), met, values, allMet, metCount);
        RecordPaths(plan, run, record, cancellationToken);
        var pilot = BlockRunner.Pilot(plan, run);
        var specs = new HistogramGrid.CellSpec[K];
        for (int k = 0; k < K; k++)
            specs[k] = HistogramGrid.For(pilot.Cells, pilot.Cell(k, plan.Indicators[k].TargetStep), plan.Indicators[k].IsCount);
        return new ComparisonReference(reference, plan, run, sections, met, values, allMet, metCount, specs);
    }

    /// <summary>
    /// Compares <paramref name="variant"/> with the reference on the same paths, simulating only the targets of
    /// <paramref name="changed"/> (with what they read, <see cref="ScenarioPruning.Keep"/>); every other target's per-path
    /// outcome is the reference's. The result's rows are the changed targets, in the reference's order, and the joint rows
    /// (every target, every headline target) over all targets, each path's own: equal to
    /// <see cref="ScenarioComparison.Run"/> of [reference, variant] for those rows.
    /// </summary>
    /// <param name="variant">The reference with some drivers or structure weights changed: the same indicators in the same order, the same headline targets.</param>
    /// <param name="changed">
    /// Every target whose per-path outcome the change can move: those whose indicator reads a changed driver or mixture,
    /// directly or through the indicators it reads. A target left out is taken to be the reference's on every path.
    /// </param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentException">The variant's indicators are not the reference's, or a changed id is not one of them.</exception>
    public ComparisonResult Compare(Scenario variant, IReadOnlyCollection<string> changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(changed);
        var indicators = Scenario.Indicators;
        if (variant.Indicators.Count != indicators.Count
            || !variant.Indicators.Zip(indicators).All(p => p.First.Id == p.Second.Id && p.First.Headline == p.Second.Headline))
            throw new ArgumentException("the variant must have the reference's indicators, in the same order, with the same headline targets", nameof(variant));
        foreach (string id in changed)
            if (indicators.All(i => i.Id != id))
                throw new ArgumentException($"indicator '{id}' is not in scenario '{Scenario.Name}'{ScenarioValidator.Suggest(id, indicators.Select(i => i.Id))}", nameof(changed));
        var ids = indicators.Select(i => i.Id).Where(changed.Contains).ToArray();
        int K = ids.Length, paths = (int)Run.Paths;
        var fullPositions = Plan.PositionsOf(ids);

        // The variant's changed targets, each path's outcome.
        var variantMet = new bool[K][];
        var variantValues = new double[K][];
        Indicator[] variantSources = [];
        var variantSpecs = new HistogramGrid.CellSpec[K];
        if (K > 0)
        {
            var plan = SimulationPlan.Compile(ScenarioPruning.Keep(variant, ids));
            var positions = plan.PositionsOf(ids);
            for (int m = 0; m < K; m++)
            {
                variantMet[m] = new bool[paths];
                variantValues[m] = new double[paths];
            }
            RecordPaths(plan, Run, new PathOutcomes(positions, variantMet, variantValues, null, null), cancellationToken);
            variantSources = positions.Select(k => plan.Indicators[k].Source).ToArray();
            // The pilot's sample of a cell is the target year's values of the run's first blocks, in order: the grid of
            // ScenarioComparison.Run, without simulating those blocks again.
            int pilotPaths = (int)Math.Min(paths, (long)BlockRunner.PilotBlocks * BlockWorkspace.BlockSize);
            var pilot = new CellHistograms(K, grid: null);
            for (int m = 0; m < K; m++)
            {
                for (int first = 0; first < pilotPaths; first += BlockWorkspace.BlockSize)
                    pilot.Record(m, variantValues[m].AsSpan(first, Math.Min(BlockWorkspace.BlockSize, pilotPaths - first)));
                variantSpecs[m] = HistogramGrid.For(pilot, m, plan.Indicators[positions[m]].IsCount);
            }
        }

        // The paths of every other target are the reference's: "every target" and the headline count follow from the changed ones.
        bool[] unchanged = new bool[Plan.Indicators.Length];
        Array.Fill(unchanged, true);
        foreach (int k in fullPositions) unchanged[k] = false;
        int sections = Sections;
        var specs = new HistogramGrid.CellSpec[2 * K * sections];
        for (int m = 0; m < K; m++)
            for (int j = 0; j < sections; j++)
            {
                specs[m * sections + j] = _specs[fullPositions[m]];
                specs[(K + m) * sections + j] = variantSpecs[m];
            }
        var grid = HistogramGrid.FromSpecs(specs);
        var total = new ScenarioComparison.Counts(2, K, grid, sections, Run.Sampling);
        var replay = new Replay(this, total, fullPositions, unchanged, variantMet, variantValues);
        BlockRunner.Run([], Run, replay, () => new Replay(this, new ScenarioComparison.Counts(2, K, grid, sections, Run.Sampling, compact: true),
            fullPositions, unchanged, variantMet, variantValues), cancellationToken, shardsPerWave: Run.Workers);

        var referenceSources = fullPositions.Select(k => Plan.Indicators[k].Source).ToArray();
        return ScenarioComparison.Result([Scenario.Name, variant.Name], Scenario, ids, [referenceSources, variantSources], total, Run, sections, []);
    }

    /// <summary>
    /// Simulates the run's paths of one plan, recording each path's outcomes; blocks are spread over the threads one by
    /// one (the record does not depend on how they are grouped), so a short run uses every core.
    /// </summary>
    private static void RecordPaths(SimulationPlan plan, RunSpec run, PathOutcomes record, CancellationToken cancellationToken) =>
        BlockRunner.Run([plan], run, record, () => record, cancellationToken, shardsPerWave: 4 * run.Workers, blocksPerShard: 1);

    /// <summary>Copies each path's outcomes of some plan positions (and, when given, "all met" and the headline count) into arrays indexed by path.</summary>
    private readonly struct PathOutcomes(int[] positions, bool[][] met, double[][] values, bool[]? allMet, int[]? metCount) : IBlockObserver<PathOutcomes>
    {
        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

        public void Block(in SimulatedBlock block)
        {
            var ws = block.Workspaces[0];
            int count = block.Count, first = (int)block.FirstPath;
            for (int m = 0; m < positions.Length; m++)
            {
                BlockWorkspace.Row(ws.Met, positions[m], count).CopyTo(met[m].AsSpan(first, count));
                BlockWorkspace.Row(ws.TargetValues, positions[m], count).CopyTo(values[m].AsSpan(first, count));
            }
            if (allMet is not null) ws.AllMet.AsSpan(0, count).CopyTo(allMet.AsSpan(first));
            if (metCount is not null) ws.MetCount.AsSpan(0, count).CopyTo(metCount.AsSpan(first));
        }

        /// <summary>Nothing to merge: every block wrote its own paths.</summary>
        public static void Merge(PathOutcomes total, ReadOnlySpan<PathOutcomes> parts, ParallelOptions parallel) { }
    }

    /// <summary>
    /// Counts the comparison block by block from the recorded outcomes, in the blocks, shards and merges of
    /// <see cref="ScenarioComparison.Run"/> (a run of no plan: nothing is simulated again), so the histograms add in the same order.
    /// </summary>
    private readonly struct Replay : IBlockObserver<Replay>
    {
        private readonly ComparisonReference _reference;
        private readonly ScenarioComparison.Counts _counts;
        private readonly int[] _fullPositions;
        private readonly bool[] _unchanged;
        private readonly bool[][] _variantMet;
        private readonly double[][] _variantValues;
        private readonly BlockOutcomes[] _outcomes;
        private readonly int[][] _positions;

        public Replay(ComparisonReference reference, ScenarioComparison.Counts counts, int[] fullPositions, bool[] unchanged, bool[][] variantMet,
            double[][] variantValues)
        {
            _reference = reference;
            _counts = counts;
            _fullPositions = fullPositions;
            _unchanged = unchanged;
            _variantMet = variantMet;
            _variantValues = variantValues;
            int K = fullPositions.Length, size = Math.Max(1, K) * BlockWorkspace.BlockSize, headlines = reference.Plan.HeadlineCount;
            _outcomes =
            [
                new BlockOutcomes(new bool[size], new double[size], new bool[BlockWorkspace.BlockSize], new int[BlockWorkspace.BlockSize], headlines),
                new BlockOutcomes(new bool[size], new double[size], new bool[BlockWorkspace.BlockSize], new int[BlockWorkspace.BlockSize], headlines),
            ];
            var identity = Enumerable.Range(0, K).ToArray();
            _positions = [identity, identity];
        }

        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

        public void Block(in SimulatedBlock block)
        {
            int count = block.Count, first = (int)block.FirstPath;
            var r = _reference;
            var (reference, variant) = (_outcomes[0], _outcomes[1]);
            r._allMet.AsSpan(first, count).CopyTo(reference.AllMet);
            r._metCount.AsSpan(first, count).CopyTo(reference.MetCount);
            // Every target met: the unchanged targets' paths, then the variant's changed ones; the headline count: the
            // reference's, less its changed headline targets met, plus the variant's.
            var allMet = variant.AllMet.AsSpan(0, count);
            allMet.Fill(true);
            for (int k = 0; k < _unchanged.Length; k++)
            {
                if (!_unchanged[k]) continue;
                var met = r._met[k].AsSpan(first, count);
                for (int i = 0; i < count; i++) allMet[i] &= met[i];
            }
            var metCount = variant.MetCount.AsSpan(0, count);
            reference.MetCount.AsSpan(0, count).CopyTo(metCount);
            for (int m = 0; m < _fullPositions.Length; m++)
            {
                int k = _fullPositions[m];
                var referenceMet = r._met[k].AsSpan(first, count);
                var variantMet = _variantMet[m].AsSpan(first, count);
                referenceMet.CopyTo(BlockWorkspace.Row(reference.Met, m, count));
                variantMet.CopyTo(BlockWorkspace.Row(variant.Met, m, count));
                r._values[k].AsSpan(first, count).CopyTo(BlockWorkspace.Row(reference.TargetValues, m, count));
                _variantValues[m].AsSpan(first, count).CopyTo(BlockWorkspace.Row(variant.TargetValues, m, count));
                for (int i = 0; i < count; i++) allMet[i] &= variantMet[i];
                if (r.Plan.Indicators[k].HeadlineIndex < 0) continue;
                for (int i = 0; i < count; i++) metCount[i] += (variantMet[i] ? 1 : 0) - (referenceMet[i] ? 1 : 0);
            }
            _counts.Add(_positions, _outcomes, block.FirstPath, count);
        }

        public static void Merge(Replay total, ReadOnlySpan<Replay> parts, ParallelOptions parallel)
        {
            Span<ScenarioComparison.Counts.Observer> counts = new ScenarioComparison.Counts.Observer[parts.Length];
            for (int j = 0; j < parts.Length; j++) counts[j] = new ScenarioComparison.Counts.Observer(parts[j]._counts, [], []);
            ScenarioComparison.Counts.Observer.Merge(new ScenarioComparison.Counts.Observer(total._counts, [], []), counts, parallel);
        }
    }
}

/// <summary>
/// One block of one scenario's per-path outcomes, each a row of <see cref="BlockWorkspace.BlockSize"/> per target
/// (<see cref="BlockWorkspace.Met"/>, <see cref="BlockWorkspace.TargetValues"/>), and each path's "every target met" and
/// count of headline targets met.
/// </summary>
/// <param name="Met">Row m: whether each path met target m.</param>
/// <param name="TargetValues">Row m: each path's value of target m in its target year.</param>
/// <param name="AllMet">Whether each path met every target.</param>
/// <param name="MetCount">How many headline targets each path met.</param>
/// <param name="Headlines">Headline targets of the scenario.</param>
internal readonly record struct BlockOutcomes(bool[] Met, double[] TargetValues, bool[] AllMet, int[] MetCount, int Headlines)
{
    /// <summary>The outcomes a block simulation left in a workspace of the plan.</summary>
    public static BlockOutcomes Of(BlockWorkspace ws, SimulationPlan plan) => new(ws.Met, ws.TargetValues, ws.AllMet, ws.MetCount, plan.HeadlineCount);
}
