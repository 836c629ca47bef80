using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Compares scenarios on the same paths. Every scenario is compiled on its own and all are simulated
/// block by block in lockstep with the same seed and block indices, so a driver the scenarios share
/// draws the same random numbers in each (common random numbers) and each path's outcomes can be paired:
/// the difference of two probabilities is estimated from the paths one scenario gains or loses, and the
/// difference of two medians from sections of the same paths. Results do not depend on the number of threads.
/// </summary>
public static partial class ScenarioComparison
{
    /// <summary>Sections of paths for the median differences' intervals (t with 19 degrees of freedom).</summary>
    public const int DefaultSections = 20;

    /// <summary>Id of the row "every target met on the same path".</summary>
    public const string AllTargetsId = "all_targets";

    /// <summary>Id of the row "every headline target met on the same path".</summary>
    public const string AllHeadlineTargetsId = "all_headline_targets";

    /// <summary>
    /// Runs the scenarios (the first is the reference) on the same paths. Paths and seed come from
    /// <paramref name="options"/>, else from the reference scenario's defaults; precision mode is not supported.
    /// </summary>
    /// <param name="scenarios">At least two scenarios; indicators are matched by id.</param>
    /// <param name="options">Paths, seed and threads.</param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="InvalidScenarioException">A scenario breaks the rules of <see cref="ScenarioValidator"/>.</exception>
    /// <exception cref="ArgumentException">Fewer than two scenarios, fewer paths than sections, or a precision given.</exception>
    public static ComparisonResult Run(IReadOnlyList<Scenario> scenarios, SimulationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count < 2) throw new ArgumentException("compare at least two scenarios", nameof(scenarios));
        var reference = scenarios[0];
        var run = RunSpec.Resolve(reference, options).RequireFixedRun();
        int sections = CheckedSections(run, nameof(options));

        var plans = scenarios.Select(SimulationPlan.Compile).ToArray();
        var ids = reference.Indicators.Select(i => i.Id).Where(id => scenarios.All(s => s.Indicators.Any(i => i.Id == id))).ToArray();
        var leftOut = reference.Indicators.Select(i => i.Id).Except(ids, StringComparer.Ordinal).ToArray();
        int S = plans.Length, K = ids.Length;
        var positions = plans.Select(p => p.PositionsOf(ids)).ToArray();

        var grid = PilotGrid(plans, positions, run, sections);
        var total = new Counts(S, K, grid, sections, run.Sampling);
        BlockRunner.Run(plans, run, new Counts.Observer(total, plans, positions),
            () => new Counts.Observer(new Counts(S, K, grid, sections, run.Sampling, compact: true), plans, positions), cancellationToken, shardsPerWave: run.Workers);

        var names = scenarios.Select(s => s.Name).ToArray();
        var sources = plans.Select((p, s) => positions[s].Select(k => p.Indicators[k].Source).ToArray()).ToArray();
        return Result(names, reference, ids, sources, total, run, sections, leftOut);
    }

    /// <summary>The comparison's rows from the counts of the whole run (sources[s][m]: scenario s's indicator of target m).</summary>
    internal static ComparisonResult Result(string[] names, Scenario reference, string[] ids, Indicator[][] sources, Counts total, RunSpec run,
        int sections, string[] leftOut)
    {
        int S = names.Length, K = ids.Length;
        long paths = run.Paths;
        ulong seed = run.Seed;
        var rows = new TargetComparison[K];
        for (int m = 0; m < K; m++)
        {
            var outcomes = new ScenarioTargetOutcome[S];
            for (int s = 0; s < S; s++)
            {
                var source = sources[s][m];
                outcomes[s] = new ScenarioTargetOutcome(names[s], new ProbabilityEstimate(total.Hits[s * K + m], paths, total.HitsVariance(s * K + m)),
                    total.Quantile(s * K + m, 0.5), source.Target);
            }
            var differences = new TargetDifference[S - 1];
            for (int s = 1; s < S; s++)
            {
                var (medianDifference, ci) = MedianDifference(total, s * K + m, m, sections);
                differences[s - 1] = new TargetDifference(names[s], names[0], total.Gained[s * K + m], total.Lost[s * K + m], paths,
                    medianDifference, ci, total.DifferenceVariance(s * K + m));
            }
            rows[m] = new TargetComparison(ids[m], reference.Indicator(ids[m]).Name, outcomes, differences);
        }
        return new ComparisonResult(names, paths, seed, sections, rows,
            Joint(names, total.All, total.AllGained, total.AllLost, paths, AllTargetsId, "Every target met on the same path", total, Counts.Joint.All),
            Joint(names, total.Headline, total.HeadlineGained, total.HeadlineLost, paths, AllHeadlineTargetsId, "Every headline target met on the same path",
                total, Counts.Joint.Headline),
            leftOut);
    }

    /// <summary>The sections of a comparison's run, checking that it has enough paths and not too many.</summary>
    /// <param name="run">The comparison's run.</param>
    /// <param name="options">The name of the caller's parameter the run came from.</param>
    /// <exception cref="ArgumentException">Too few paths for the sections, or more than int.MaxValue.</exception>
    internal static int CheckedSections(RunSpec run, string options)
    {
        int sections = SectionsOf(run);
        if (sections < 2 || run.Paths < 2L * sections)
            throw new ArgumentException(run.Sampling is SamplingMethod.LatinHypercube or SamplingMethod.Sobol
                ? $"compare at least {2 * BlockWorkspace.BlockSize} paths with {run.Sampling} sampling (two blocks: its sections are whole blocks)"
                : $"compare at least {2 * sections} paths", options);
        if (run.Paths > int.MaxValue) throw new ArgumentException("compare at most 2,147,483,647 paths", options);
        return sections;
    }

    /// <summary>
    /// Sections of the median differences' intervals: unions of the sampling method's independent units, so that sections
    /// are independent: paths (plain), antithetic pairs, Latin hypercube blocks (at most 20 sections), Sobol replicates
    /// (at most 16).
    /// </summary>
    private static int SectionsOf(RunSpec run)
    {
        long blocks = (run.Paths + BlockWorkspace.BlockSize - 1) / BlockWorkspace.BlockSize;
        return run.Sampling switch
        {
            SamplingMethod.LatinHypercube => (int)Math.Min(DefaultSections, blocks),
            SamplingMethod.Sobol => (int)Math.Min(SobolSampling.Replicates, blocks),
            _ => DefaultSections,
        };
    }

    private static TargetComparison Joint(string[] names, long[] hits, long[] gained, long[] lost, long paths, string id, string name,
        Counts counts, Counts.Joint joint)
    {
        var none = new Interval(double.NaN, double.NaN);
        var outcomes = names.Select((n, s) => new ScenarioTargetOutcome(n, new ProbabilityEstimate(hits[s], paths, counts.JointVariance(joint, s, difference: false)),
            double.NaN, null)).ToArray();
        var differences = names.Skip(1).Select((n, j) => new TargetDifference(n, names[0], gained[j + 1], lost[j + 1], paths, double.NaN, none,
            counts.JointVariance(joint, j + 1, difference: true))).ToArray();
        return new TargetComparison(id, LocalizedText.Both(name), outcomes, differences);
    }

    /// <summary>The difference of medians (scenario cell minus reference cell) and its sectioning interval.</summary>
    private static (double Estimate, Interval Ci95) MedianDifference(Counts counts, int cell, int referenceCell, int sections)
    {
        double estimate = counts.Quantile(cell, 0.5) - counts.Quantile(referenceCell, 0.5);
        var bySection = new double[sections];
        for (int j = 0; j < sections; j++)
            bySection[j] = counts.SectionQuantile(cell, j, 0.5) - counts.SectionQuantile(referenceCell, j, 0.5);
        return (estimate, Sectioning.Interval(estimate, bySection));
    }

    /// <summary>
    /// The histogram grid of every (scenario, indicator) target-year cell, from the pilot blocks <see cref="MonteCarlo"/> uses
    /// (the same rule, so a median read here equals the run's P50), repeated for each section of paths.
    /// </summary>
    private static HistogramGrid PilotGrid(SimulationPlan[] plans, int[][] positions, RunSpec run, int sections)
    {
        int K = positions[0].Length;
        var specs = new HistogramGrid.CellSpec[plans.Length * K * sections];
        for (int s = 0; s < plans.Length; s++)
        {
            var pilot = BlockRunner.Pilot(plans[s], run);
            for (int m = 0; m < K; m++)
            {
                var ind = plans[s].Indicators[positions[s][m]];
                var spec = HistogramGrid.For(pilot.Cells, pilot.Cell(positions[s][m], ind.TargetStep), ind.IsCount);
                for (int j = 0; j < sections; j++) specs[(s * K + m) * sections + j] = spec;
            }
        }
        return HistogramGrid.FromSpecs(specs);
    }

    /// <summary>
    /// A shard's (or the total's) counts: hits per scenario and target, paths gained and lost against the reference,
    /// and the target-year values of every (scenario, target) cell in sections of paths (path i in section i mod
    /// sections), in <see cref="CellHistograms"/> row (cell·sections + section).
    /// </summary>
    internal sealed class Counts
    {
        private readonly int _scenarios;
        private readonly int _targets;
        private readonly int _sections;
        private readonly SamplingMethod _sampling;
        private readonly ClusterTotals? _clusters;

        /// <summary>The joint rows.</summary>
        public enum Joint
        {
            All,
            Headline,
        }

        public Counts(int scenarios, int targets, HistogramGrid grid, int sections, SamplingMethod sampling, bool compact = false)
        {
            _scenarios = scenarios;
            _targets = targets;
            _sections = sections;
            _sampling = sampling;
            // Unit totals: each (scenario, target)'s hits, then its difference from the reference; then per scenario every
            // target, its difference, every headline target, its difference.
            if (sampling != SamplingMethod.Random) _clusters = new ClusterTotals(sampling, 2 * scenarios * targets + 4 * scenarios);
            Hits = new long[scenarios * targets];
            Gained = new long[scenarios * targets];
            Lost = new long[scenarios * targets];
            All = new long[scenarios];
            AllGained = new long[scenarios];
            AllLost = new long[scenarios];
            Headline = new long[scenarios];
            HeadlineGained = new long[scenarios];
            HeadlineLost = new long[scenarios];
            Values = new CellHistograms(scenarios * targets * sections, grid, compact);
        }

        public long[] Hits { get; }
        public long[] Gained { get; }
        public long[] Lost { get; }
        public long[] All { get; }
        public long[] AllGained { get; }
        public long[] AllLost { get; }
        public long[] Headline { get; }
        public long[] HeadlineGained { get; }
        public long[] HeadlineLost { get; }
        private CellHistograms Values { get; }

        /// <summary>The variance of (scenario, target) cell's probability; null for plain Monte Carlo.</summary>
        public EstimateVariance? HitsVariance(int cell) => _clusters?.Variance(cell);

        /// <summary>The variance of (scenario, target) cell's difference from the reference; null for plain Monte Carlo.</summary>
        public EstimateVariance? DifferenceVariance(int cell) => _clusters?.Variance(_scenarios * _targets + cell);

        /// <summary>The variance of a joint row's probability (or difference) for scenario s; null for plain Monte Carlo.</summary>
        public EstimateVariance? JointVariance(Joint joint, int s, bool difference) =>
            _clusters?.Variance(JointEvent(joint, s, difference));

        private int JointEvent(Joint joint, int s, bool difference) =>
            2 * _scenarios * _targets + (joint == Joint.All ? 0 : 2 * _scenarios) + (difference ? _scenarios : 0) + s;

        /// <summary>
        /// The section of path i of a block of <paramref name="count"/> paths starting at <paramref name="firstPath"/>: a
        /// union of independent units (antithetic pair, block, Sobol replicate), in turn.
        /// </summary>
        private int Section(long firstPath, int i, int count)
        {
            long block = firstPath / BlockWorkspace.BlockSize;
            int half = (count + 1) / 2;
            return _sampling switch
            {
                SamplingMethod.Antithetic => (int)((firstPath / 2 + (i < half ? i : i - half)) % _sections),
                SamplingMethod.LatinHypercube => (int)(block % _sections),
                SamplingMethod.Sobol => SobolSampling.ReplicateOf(block) % _sections,
                _ => (int)((firstPath + i) % _sections),
            };
        }

        /// <summary>The p-quantile of a (scenario, target) cell's values over every section.</summary>
        public double Quantile(int cell, double p)
        {
            Span<int> rows = stackalloc int[_sections];
            for (int j = 0; j < _sections; j++) rows[j] = cell * _sections + j;
            return Values.Quantile(rows[0], rows, p);
        }

        /// <summary>The p-quantile of a (scenario, target) cell's values in one section.</summary>
        public double SectionQuantile(int cell, int section, double p) => Values.Quantile(cell * _sections + section, p);

        /// <summary>Adds one block of every scenario's outcomes (ws[s]: scenario s's; positions[s][m]: its row of target m).</summary>
        public void Add(int[][] positions, ReadOnlySpan<BlockOutcomes> ws, long firstPath, int count)
        {
            long block = firstPath / BlockWorkspace.BlockSize;
            int K = _targets;
            for (int m = 0; m < K; m++)
            {
                var reference = BlockWorkspace.Row(ws[0].Met, positions[0][m], count);
                for (int s = 0; s < _scenarios; s++)
                {
                    int k = positions[s][m];
                    var met = BlockWorkspace.Row(ws[s].Met, k, count);
                    long hits = 0, gained = 0, lost = 0;
                    for (int i = 0; i < count; i++)
                    {
                        if (met[i]) hits++;
                        if (met[i] && !reference[i]) gained++;
                        else if (!met[i] && reference[i]) lost++;
                    }
                    Hits[s * K + m] += hits;
                    Gained[s * K + m] += gained;
                    Lost[s * K + m] += lost;
                    _clusters?.Add(s * K + m, met, block);
                    _clusters?.Add(_scenarios * K + s * K + m, met, reference, block);
                    var values = BlockWorkspace.Row(ws[s].TargetValues, k, count);
                    int first = (s * K + m) * _sections;
                    if (_sampling == SamplingMethod.Random)
                    {
                        int section = (int)(firstPath % _sections);
                        for (int i = 0; i < count; i++)
                        {
                            Values.Add(first + section, values[i]);
                            if (++section == _sections) section = 0;
                        }
                    }
                    else
                    {
                        for (int i = 0; i < count; i++) Values.Add(first + Section(firstPath, i, count), values[i]);
                    }
                }
            }
            for (int s = 0; s < _scenarios; s++)
            {
                int headlines = ws[s].Headlines, referenceHeadlines = ws[0].Headlines;
                for (int i = 0; i < count; i++)
                {
                    bool all = ws[s].AllMet[i], allReference = ws[0].AllMet[i];
                    bool headline = ws[s].MetCount[i] == headlines, headlineReference = ws[0].MetCount[i] == referenceHeadlines;
                    if (all) All[s]++;
                    if (all && !allReference) AllGained[s]++;
                    else if (!all && allReference) AllLost[s]++;
                    if (headline) Headline[s]++;
                    if (headline && !headlineReference) HeadlineGained[s]++;
                    else if (!headline && headlineReference) HeadlineLost[s]++;
                }
                if (_clusters is { } clusters)
                {
                    clusters.Add(JointEvent(Joint.All, s, false), ws[s].AllMet.AsSpan(0, count), block);
                    clusters.Add(JointEvent(Joint.All, s, true), ws[s].AllMet.AsSpan(0, count), ws[0].AllMet.AsSpan(0, count), block);
                    clusters.Add(JointEvent(Joint.Headline, s, false), ws[s].MetCount.AsSpan(0, count), headlines, block);
                    clusters.Add(JointEvent(Joint.Headline, s, true), ws[s].MetCount.AsSpan(0, count), headlines,
                        ws[0].MetCount.AsSpan(0, count), referenceHeadlines, block);
                }
            }
            _clusters?.EndBlock(count, block);
        }

        /// <summary>The counts as a block observer of the compared plans.</summary>
        public readonly struct Observer(Counts counts, SimulationPlan[] plans, int[][] positions) : IBlockObserver<Observer>
        {
            private Counts Counts { get; } = counts;

            public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

            public void Block(in SimulatedBlock block)
            {
                Span<BlockOutcomes> outcomes = new BlockOutcomes[plans.Length];
                for (int s = 0; s < plans.Length; s++) outcomes[s] = BlockOutcomes.Of(block.Workspaces[s], plans[s]);
                Counts.Add(positions, outcomes, block.FirstPath, block.Count);
            }

            /// <summary>Adds the parts in order (counts are integers; the histograms' sums add in shard order) and empties them.</summary>
            public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel)
            {
                var t = total.Counts;
                foreach (var part in parts)
                {
                    var p = part.Counts;
                    foreach (var (into, from) in new[] { (t.Hits, p.Hits), (t.Gained, p.Gained), (t.Lost, p.Lost), (t.All, p.All), (t.AllGained, p.AllGained),
                        (t.AllLost, p.AllLost), (t.Headline, p.Headline), (t.HeadlineGained, p.HeadlineGained), (t.HeadlineLost, p.HeadlineLost) })
                    {
                        for (int j = 0; j < into.Length; j++) into[j] += from[j];
                        Array.Clear(from);
                    }
                    t.Values.Move([p.Values], 0, t.Values.Cells);
                    if (p._clusters is { } clusters) t._clusters!.Move(clusters);
                }
            }
        }
    }
}
