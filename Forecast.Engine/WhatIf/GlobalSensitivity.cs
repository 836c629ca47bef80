using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>Which output of a target a global sensitivity analysis explains.</summary>
public enum SensitivityOutputKind
{
    /// <summary>1 when the path meets the target, 0 otherwise (its mean is the probability).</summary>
    TargetMet,

    /// <summary>The indicator's value in the target year.</summary>
    TargetYearValue,
}

/// <summary>Settings of a global sensitivity analysis.</summary>
/// <param name="BaseSamples">N, the rows of each Saltelli base matrix; the scenario is simulated N(k + 2) times for k inputs. Range: ≥ 2.</param>
/// <param name="BootstrapReplicates">Bootstrap replicates behind the Sobol intervals of the plain Monte Carlo design (<paramref name="DesignReplicates"/> = 0). Range: ≥ 0.</param>
/// <param name="SpearmanPaths">Paths of the plain Monte Carlo run behind the rank correlations. Range: ≥ 2.</param>
/// <param name="Seed">Seed of the design and the simulations; null uses the scenario's.</param>
/// <param name="Threads">Worker threads; 0 uses every core. Results do not depend on it.</param>
/// <param name="IndicatorIds">The targets to explain; null means the headline targets (every target if none is headline).</param>
/// <param name="DesignReplicates">
/// The Saltelli design's base samples are scrambled Sobol points in this many independently scrambled replicates, whose
/// spread gives the intervals (<see cref="SobolAnalysis.EstimateQuasiRandom"/>; at most N/2); 0 draws them from plain random
/// numbers with bootstrap intervals (<see cref="SobolAnalysis.Estimate"/>). Range: 0 or ≥ 2.
/// </param>
public sealed record GlobalSensitivityOptions(int BaseSamples = 4096, int BootstrapReplicates = 200, long SpearmanPaths = 10_000,
    ulong? Seed = null, int Threads = 0, IReadOnlyList<string>? IndicatorIds = null, int DesignReplicates = SobolAnalysis.DefaultDesignReplicates);

/// <summary>The sensitivity of one output to every input.</summary>
/// <param name="IndicatorId">The target's indicator.</param>
/// <param name="Kind">Which output.</param>
/// <param name="Sobol">First-order and total Sobol indices of every input (<see cref="GlobalSensitivityResult.Inputs"/> order) with their intervals.</param>
/// <param name="Spearman">Spearman's ρ between each driver's sampled level and the output (NaN for the year-to-year input and for a constant output).</param>
public sealed record SensitivityOutput(string IndicatorId, SensitivityOutputKind Kind, SobolResult Sobol, IReadOnlyList<double> Spearman);

/// <summary>The outcome of a global sensitivity analysis.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Inputs">The inputs: each uncertain driver's level (by driver id), then <see cref="GlobalSensitivity.YearToYearInput"/>.</param>
/// <param name="SpearmanPaths">Paths behind the rank correlations.</param>
/// <param name="Outputs">Two outputs (met, target-year value) per target explained.</param>
public sealed record GlobalSensitivityResult(string Scenario, ulong Seed, IReadOnlyList<string> Inputs, long SpearmanPaths,
    IReadOnlyList<SensitivityOutput> Outputs)
{
    /// <summary>The output of the given indicator and kind.</summary>
    public SensitivityOutput this[string indicatorId, SensitivityOutputKind kind] => Outputs.First(o => o.IndicatorId == indicatorId && o.Kind == kind);
}

/// <summary>
/// Global sensitivity of the targets to the drivers' levels: Sobol first-order and total indices
/// (<see cref="SobolAnalysis"/>, on a Saltelli design of scrambled Sobol points in independent replicates by default) and
/// Spearman rank correlations (<see cref="SpearmanRankCorrelation"/>).
/// </summary>
/// <remarks>
/// <para>
/// Inputs. Each uncertain driver's level is an input: a path's level is F⁻¹(u) of one uniform u, and the
/// analysis sets u (through <see cref="BlockWorkspace.GivenLevelUniforms"/>) instead of drawing it. The model is
/// stochastic besides: each year every driver varies around its level. That year-to-year variation is one more
/// input, the last: its uniform column keys the random streams of the simulated rows (a hash of the column's
/// values in a chunk of rows is the chunk's block index). Rows of the Saltelli matrices A and A_B^i share A's
/// column and so the same yearly draws; B's rows get other draws. The indices are then the ordinary Sobol
/// indices of the model with the yearly variation as an input, and its own index says how much of the
/// outcome is year-to-year luck that no better knowledge of the levels would remove.
/// </para>
/// <para>
/// Outputs. For each target, whether the path meets it (0/1) and its target-year value. The scenario is simulated
/// once for all outputs: the design depends only on the seed, so each output's analysis replays the same rows.
/// </para>
/// <para>
/// Rank correlations come from a separate plain run of <see cref="GlobalSensitivityOptions.SpearmanPaths"/> paths, between
/// each driver's level uniform (which orders the paths as the level does, L = F⁻¹(u)) and each output.
/// </para>
/// </remarks>
public static class GlobalSensitivity
{
    /// <summary>The name of the year-to-year variation input.</summary>
    public const string YearToYearInput = "(year-to-year variation)";

    private const int ChunkRows = 256;

    /// <summary>Runs the analysis.</summary>
    /// <exception cref="ArgumentException">An indicator id that is not in the scenario, or a scenario with no uncertain driver.</exception>
    public static GlobalSensitivityResult Run(Scenario scenario, GlobalSensitivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new GlobalSensitivityOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SpearmanPaths, 2, nameof(options));
        var run = RunSpec.Resolve(scenario, new SimulationOptions(Paths: options.SpearmanPaths, Seed: options.Seed, Threads: options.Threads));
        ulong seed = run.Seed;
        var ids = options.IndicatorIds ?? DefaultTargets(scenario);
        foreach (var id in ids)
            if (!scenario.Indicators.Any(i => i.Id == id))
                throw new ArgumentException($"indicator '{id}' is not in scenario '{scenario.Name}'{ScenarioValidator.Suggest(id, scenario.Indicators.Select(i => i.Id))}", nameof(options));
        var plan = SimulationPlan.Compile(scenario);
        var drivers = Enumerable.Range(0, scenario.Drivers.Count).Where(d => Tornado.IsUncertain(scenario.Drivers[d])).ToArray();
        if (drivers.Length == 0) throw new ArgumentException($"scenario '{scenario.Name}' has no driver with an uncertain level", nameof(scenario));
        var positions = plan.PositionsOf(ids);
        int inputs = drivers.Length + 1;

        var model = new RecordedModel(plan, drivers, positions, run, cancellationToken);
        var outputs = new List<SensitivityOutput>();
        var spearman = Spearman(plan, drivers, positions, run, cancellationToken);
        for (int m = 0; m < ids.Count; m++)
        {
            foreach (var kind in new[] { SensitivityOutputKind.TargetMet, SensitivityOutputKind.TargetYearValue })
            {
                int output = 2 * m + (kind == SensitivityOutputKind.TargetMet ? 0 : 1);
                var sobol = options.DesignReplicates > 0
                    ? SobolAnalysis.EstimateQuasiRandom(inputs, model.For(output), options.BaseSamples, seed, Math.Min(options.DesignReplicates, options.BaseSamples / 2),
                        cancellationToken: cancellationToken)
                    : SobolAnalysis.Estimate(inputs, model.For(output), options.BaseSamples, seed, options.BootstrapReplicates, cancellationToken: cancellationToken);
                outputs.Add(new SensitivityOutput(ids[m], kind, sobol, [.. spearman[output], double.NaN]));
            }
        }
        return new GlobalSensitivityResult(scenario.Name, seed, [.. drivers.Select(d => scenario.Drivers[d].Id), YearToYearInput],
            options.SpearmanPaths, outputs);
    }

    private static string[] DefaultTargets(Scenario scenario)
    {
        var headline = scenario.Indicators.Where(i => i.Headline).Select(i => i.Id).ToArray();
        return headline.Length > 0 ? headline : scenario.Indicators.Select(i => i.Id).ToArray();
    }

    /// <summary>Spearman's ρ between each uncertain driver's level uniform and each output (2 per target), from a plain run.</summary>
    private static double[][] Spearman(SimulationPlan plan, int[] drivers, int[] positions, RunSpec run, CancellationToken cancellationToken)
    {
        long paths = run.Paths;
        int D = drivers.Length, O = 2 * positions.Length;
        var levels = new double[paths * D];
        var outcomes = new double[O * paths];
        var record = new PathRecord(drivers, levels, positions, outcomes, paths);
        BlockRunner.Run([plan], run, record, () => record, cancellationToken, shardsPerWave: run.Workers);
        return Enumerable.Range(0, O).Select(o => SpearmanRankCorrelation.PerInput(levels, (int)paths, D, outcomes.AsSpan((int)(o * paths), (int)paths).ToArray()).ToArray()).ToArray();
    }

    /// <summary>
    /// Writes each path's (or design row's) outcomes, and optionally its level uniforms, at its index: output 2m is
    /// whether target m was met (1 or 0), output 2m + 1 its target-year value, in rows of <paramref name="stride"/>.
    /// Every shard writes its own rows, so there is nothing to merge.
    /// </summary>
    private readonly struct PathRecord(int[] drivers, double[]? levels, int[] positions, double[] outcomes, long stride) : IBlockObserver<PathRecord>
    {
        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

        public void Block(in SimulatedBlock block)
        {
            var ws = block.Workspaces[0];
            int count = block.Count;
            long first = block.FirstPath;
            if (levels is not null)
                for (int j = 0; j < drivers.Length; j++)
                {
                    var u = BlockWorkspace.Row(ws.LevelUniforms, drivers[j], count);
                    for (int i = 0; i < count; i++) levels[(first + i) * drivers.Length + j] = u[i];
                }
            for (int m = 0; m < positions.Length; m++)
            {
                var met = BlockWorkspace.Row(ws.Met, positions[m], count);
                var value = BlockWorkspace.Row(ws.TargetValues, positions[m], count);
                for (int i = 0; i < count; i++)
                {
                    outcomes[2 * m * stride + first + i] = met[i] ? 1 : 0;
                    outcomes[(2 * m + 1) * stride + first + i] = value[i];
                }
            }
        }

        public static void Merge(PathRecord total, ReadOnlySpan<PathRecord> parts, ParallelOptions parallel) { }
    }

    /// <summary>
    /// The rows of a Saltelli design as blocks of at most <see cref="ChunkRows"/> rows: each uncertain driver's level
    /// uniform is the row's input (the others at their median, 0.5), and the block's random streams are keyed by a hash
    /// of the chunk's year-to-year column, so rows with the same year-to-year input (A and A_B^i) draw the same yearly
    /// variation.
    /// </summary>
    private readonly struct DesignSchedule(double[] inputs, int rows, int k, int[] drivers) : IBlockSchedule
    {
        public long Blocks => (rows + ChunkRows - 1) / ChunkRows;

        public BlockItem Item(long index)
        {
            int first = (int)index * ChunkRows, count = Math.Min(ChunkRows, rows - first);
            ulong key = 0x9E3779B97F4A7C15UL;
            for (int r = 0; r < count; r++) key = SplitMix64.Mix(key ^ (ulong)BitConverter.DoubleToInt64Bits(inputs[(first + r) * k + k - 1]));
            return new BlockItem((long)(key >> 1), count, first);
        }

        public void Prepare(long index, BlockWorkspace[] workspaces)
        {
            var ws = workspaces[0];
            var given = ws.GivenLevelUniforms ??= new double[ws.LevelUniforms.Length];
            Array.Fill(given, 0.5);
            int first = (int)index * ChunkRows, count = Math.Min(ChunkRows, rows - first);
            for (int r = 0; r < count; r++)
                for (int j = 0; j < drivers.Length; j++) given[drivers[j] * BlockWorkspace.BlockSize + r] = inputs[(first + r) * k + j];
        }
    }

    /// <summary>
    /// The scenario as a Sobol <see cref="BlockModel"/>: simulates each call's rows once, keeps every output, and serves
    /// later analyses of other outputs from the record (the design, and so the calls, depend only on the seed).
    /// </summary>
    private sealed class RecordedModel(SimulationPlan plan, int[] drivers, int[] positions, RunSpec run, CancellationToken cancellationToken)
    {
        private readonly List<(ulong Checksum, int Rows, double[] Outputs)> _calls = [];
        private readonly int _outputs = 2 * positions.Length;
        private int _cursor;

        public BlockModel For(int output)
        {
            _cursor = 0;
            return (inputs, rows, k, destination) =>
            {
                ulong checksum = Checksum(inputs);
                if (_cursor == _calls.Count) _calls.Add((checksum, rows, Simulate(inputs.ToArray(), rows, k)));
                var (recordedChecksum, recordedRows, outputs) = _calls[_cursor++];
                if (recordedChecksum != checksum || recordedRows != rows)
                    throw new InvalidOperationException("the Sobol design changed between outputs; the recorded simulations cannot be reused");
                outputs.AsSpan(output * rows, rows).CopyTo(destination);
            };
        }

        /// <summary>Simulates the design's rows; output o of row r at o·rows + r.</summary>
        private double[] Simulate(double[] inputs, int rows, int k)
        {
            var outputs = new double[rows * _outputs];
            var record = new PathRecord(drivers, null, positions, outputs, rows);
            BlockRunner.Run([plan], run, new DesignSchedule(inputs, rows, k, drivers), record, () => record, cancellationToken, shardsPerWave: run.Workers);
            return outputs;
        }

        private static ulong Checksum(ReadOnlySpan<double> inputs)
        {
            ulong hash = 0xCBF29CE484222325UL;
            foreach (double x in inputs) hash = SplitMix64.Mix(hash ^ (ulong)BitConverter.DoubleToInt64Bits(x));
            return hash;
        }
    }
}
