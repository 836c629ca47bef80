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
        var analysis = Prepare(scenario, options);
        analysis.Evaluate(0, analysis.Evaluations, cancellationToken);
        return analysis.Result(cancellationToken);
    }

    /// <summary>Checks the options and lays out the analysis's model evaluations (<see cref="Prepared"/>).</summary>
    /// <exception cref="ArgumentException">An indicator id that is not in the scenario, or a scenario with no uncertain driver.</exception>
    internal static Prepared Prepare(Scenario scenario, GlobalSensitivityOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new GlobalSensitivityOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SpearmanPaths, 2, nameof(options));
        var run = RunSpec.Resolve(scenario, new SimulationOptions(Paths: options.SpearmanPaths, Seed: options.Seed, Threads: options.Threads));
        var ids = options.IndicatorIds ?? DefaultTargets(scenario);
        foreach (var id in ids)
            if (!scenario.Indicators.Any(i => i.Id == id))
                throw new ArgumentException($"indicator '{id}' is not in scenario '{scenario.Name}'{ScenarioValidator.Suggest(id, scenario.Indicators.Select(i => i.Id))}", nameof(options));
        var plan = SimulationPlan.Compile(scenario);
        var drivers = Enumerable.Range(0, scenario.Drivers.Count).Where(d => Tornado.IsUncertain(scenario.Drivers[d])).ToArray();
        if (drivers.Length == 0) throw new ArgumentException($"scenario '{scenario.Name}' has no driver with an uncertain level", nameof(scenario));
        return new Prepared(scenario, options, run, ids, plan, drivers);
    }

    private static string[] DefaultTargets(Scenario scenario)
    {
        var headline = scenario.Indicators.Where(i => i.Headline).Select(i => i.Id).ToArray();
        return headline.Length > 0 ? headline : scenario.Indicators.Select(i => i.Id).ToArray();
    }

    /// <summary>
    /// The analysis's model evaluations by a fixed index, so that any process may compute any of them: first the Saltelli
    /// design's chunks (the design's calls of the model in the order the estimator makes them, each call's rows in
    /// chunks of <see cref="ChunkRows"/>), then the blocks of 1,024 paths of the rank correlations' run. A chunk's
    /// outcomes depend only on its rows (its random streams are keyed by its year-to-year column), a block's only on its
    /// index, so the result does not depend on which evaluations run together, in which order, or where.
    /// </summary>
    internal sealed class Prepared
    {
        private readonly GlobalSensitivityOptions _options;
        private readonly RunSpec _run;
        private readonly SimulationPlan _plan;
        private readonly int[] _drivers;
        private readonly int[] _positions;
        private readonly int _inputs;
        private readonly int _replicates;
        private readonly int _outputs;
        private readonly int[] _callRows;
        private readonly int[] _chunkStart;
        private readonly double[]?[] _calls;
        private double[]? _levels;
        private double[]? _outcomes;

        public Prepared(Scenario scenario, GlobalSensitivityOptions options, RunSpec run, IReadOnlyList<string> ids, SimulationPlan plan, int[] drivers)
        {
            (Scenario, _options, _run, Ids, _plan, _drivers) = (scenario, options, run, ids, plan, drivers);
            _positions = plan.PositionsOf(ids);
            _inputs = drivers.Length + 1;
            _outputs = 2 * _positions.Length;
            _replicates = options.DesignReplicates > 0 ? Math.Min(options.DesignReplicates, options.BaseSamples / 2) : 0;
            // The design's calls: their sizes depend only on the inputs and the base samples (a dry run with no simulation).
            var rows = new List<int>();
            SaltelliOutputs.Evaluate((_, n, _, destination) => { rows.Add(n); destination.Clear(); }, _inputs, options.BaseSamples, run.Seed, _replicates);
            _callRows = [.. rows];
            _chunkStart = new int[rows.Count + 1];
            for (int c = 0; c < rows.Count; c++) _chunkStart[c + 1] = _chunkStart[c] + (rows[c] + ChunkRows - 1) / ChunkRows;
            _calls = new double[]?[rows.Count];
            long blocks = (run.Paths + BlockWorkspace.BlockSize - 1) / BlockWorkspace.BlockSize;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks, int.MaxValue - _chunkStart[^1], nameof(options));
            SpearmanBlocks = (int)blocks;
        }

        public Scenario Scenario { get; }

        public IReadOnlyList<string> Ids { get; }

        /// <summary>The design's chunks: evaluations 0 to this − 1.</summary>
        public int DesignChunks => _chunkStart[^1];

        /// <summary>The rank correlations' blocks: the evaluations after the design's chunks.</summary>
        public int SpearmanBlocks { get; }

        /// <summary>Every evaluation.</summary>
        public int Evaluations => DesignChunks + SpearmanBlocks;

        /// <summary>The rows (design) or paths (rank correlations) evaluation <paramref name="e"/> simulates.</summary>
        public long Cost(int e)
        {
            if (e < DesignChunks)
            {
                var (c, first) = Chunk(e);
                return Math.Min(ChunkRows, _callRows[c] - first);
            }
            long start = (long)(e - DesignChunks) * BlockWorkspace.BlockSize;
            return Math.Min(BlockWorkspace.BlockSize, _run.Paths - start);
        }

        /// <summary>The call of design chunk <paramref name="e"/> and its first row in the call.</summary>
        private (int Call, int FirstRow) Chunk(int e)
        {
            int c = Array.BinarySearch(_chunkStart, e);
            if (c < 0) c = ~c - 1;
            while (c + 1 < _chunkStart.Length && _chunkStart[c + 1] <= e) c++;
            return (c, (e - _chunkStart[c]) * ChunkRows);
        }

        /// <summary>Simulates evaluations [<paramref name="first"/>, <paramref name="end"/>).</summary>
        public void Evaluate(int first, int end, CancellationToken cancellationToken)
        {
            if (first < DesignChunks)
            {
                int call = 0;
                SaltelliOutputs.Evaluate((inputs, rows, k, destination) =>
                {
                    int c = call++;
                    int from = Math.Max(first, _chunkStart[c]) - _chunkStart[c], to = Math.Min(end, _chunkStart[c + 1]) - _chunkStart[c];
                    if (from < to)
                    {
                        var outputs = _calls[c] ??= new double[rows * _outputs];
                        var record = new PathRecord(_drivers, null, _positions, outputs, rows);
                        BlockRunner.Run([_plan], _run, new DesignSchedule(inputs.ToArray(), rows, k, _drivers, from, to), record, () => record,
                            cancellationToken, shardsPerWave: _run.Workers);
                    }
                    destination.Clear();
                }, _inputs, _options.BaseSamples, _run.Seed, _replicates);
            }
            long blockFirst = Math.Max(first, DesignChunks) - DesignChunks, blockEnd = Math.Max(end, DesignChunks) - DesignChunks;
            if (blockFirst < blockEnd)
            {
                long paths = _run.Paths;
                _levels ??= new double[paths * _drivers.Length];
                _outcomes ??= new double[_outputs * paths];
                var record = new PathRecord(_drivers, _levels, _positions, _outcomes, paths);
                BlockRunner.Run([_plan], _run, new BlockRange(paths, blockFirst, blockEnd), record, () => record, cancellationToken, shardsPerWave: _run.Workers);
            }
        }

        /// <summary>Writes what evaluation <paramref name="e"/> gave (after <see cref="Evaluate"/> ran it).</summary>
        public void Write(BinaryWriter writer, int e)
        {
            foreach (var (array, start, count) in Slices(e, create: false)) StateIO.Write<double>(writer, array.AsSpan(start, count));
        }

        /// <summary>Reads what evaluation <paramref name="e"/> gave, as <see cref="Write"/> wrote it.</summary>
        /// <exception cref="InvalidDataException">The state does not hold it.</exception>
        public void Read(BinaryReader reader, int e)
        {
            foreach (var (array, start, count) in Slices(e, create: true)) StateIO.Read<double>(reader, array.AsSpan(start, count));
        }

        /// <summary>Where the outcomes of evaluation <paramref name="e"/> are kept: per output, its rows (or paths); for a block also its levels.</summary>
        private IEnumerable<(double[] Array, int Start, int Count)> Slices(int e, bool create)
        {
            if (e < DesignChunks)
            {
                var (c, firstRow) = Chunk(e);
                int rows = _callRows[c], count = Math.Min(ChunkRows, rows - firstRow);
                var outputs = create ? _calls[c] ??= new double[rows * _outputs] : _calls[c]!;
                for (int o = 0; o < _outputs; o++) yield return (outputs, o * rows + firstRow, count);
                yield break;
            }
            long paths = _run.Paths, firstPath = (long)(e - DesignChunks) * BlockWorkspace.BlockSize;
            int n = (int)Math.Min(BlockWorkspace.BlockSize, paths - firstPath);
            if (create)
            {
                _levels ??= new double[paths * _drivers.Length];
                _outcomes ??= new double[_outputs * paths];
            }
            yield return (_levels!, (int)(firstPath * _drivers.Length), n * _drivers.Length);
            for (int o = 0; o < _outputs; o++) yield return (_outcomes!, (int)(o * paths + firstPath), n);
        }

        /// <summary>The analysis from every evaluation's outcomes (each evaluated or read once).</summary>
        public GlobalSensitivityResult Result(CancellationToken cancellationToken)
        {
            if (_calls.Any(c => c is null) || _levels is null || _outcomes is null)
                throw new InvalidOperationException("every evaluation must be simulated or read before the result");
            long paths = _run.Paths;
            int D = _drivers.Length;
            var spearman = Enumerable.Range(0, _outputs)
                .Select(o => SpearmanRankCorrelation.PerInput(_levels, (int)paths, D, _outcomes.AsSpan((int)(o * paths), (int)paths).ToArray()).ToArray()).ToArray();
            var checksums = new ulong[_calls.Length];
            var outputs = new List<SensitivityOutput>();
            ulong seed = _run.Seed;
            for (int m = 0; m < Ids.Count; m++)
            {
                foreach (var kind in new[] { SensitivityOutputKind.TargetMet, SensitivityOutputKind.TargetYearValue })
                {
                    int output = 2 * m + (kind == SensitivityOutputKind.TargetMet ? 0 : 1);
                    var model = Replay(output, checksums);
                    var sobol = _options.DesignReplicates > 0
                        ? SobolAnalysis.EstimateQuasiRandom(_inputs, model, _options.BaseSamples, seed, _replicates, cancellationToken: cancellationToken)
                        : SobolAnalysis.Estimate(_inputs, model, _options.BaseSamples, seed, _options.BootstrapReplicates, cancellationToken: cancellationToken);
                    outputs.Add(new SensitivityOutput(Ids[m], kind, sobol, [.. spearman[output], double.NaN]));
                }
            }
            return new GlobalSensitivityResult(Scenario.Name, seed, [.. _drivers.Select(d => Scenario.Drivers[d].Id), YearToYearInput],
                _options.SpearmanPaths, outputs);
        }

        /// <summary>The model of one output, served from the recorded calls (the first output records each call's checksum, the others check it).</summary>
        private BlockModel Replay(int output, ulong[] checksums)
        {
            int cursor = 0;
            return (inputs, rows, k, destination) =>
            {
                int c = cursor++;
                ulong checksum = Checksum(inputs);
                if (output == 0) checksums[c] = checksum;
                if (c >= _calls.Length || checksums[c] != checksum || _callRows[c] != rows)
                    throw new InvalidOperationException("the Sobol design changed between outputs; the recorded simulations cannot be reused");
                _calls[c].AsSpan(output * rows, rows).CopyTo(destination);
            };
        }

        private static ulong Checksum(ReadOnlySpan<double> inputs)
        {
            ulong hash = 0xCBF29CE484222325UL;
            foreach (double x in inputs) hash = SplitMix64.Mix(hash ^ (ulong)BitConverter.DoubleToInt64Bits(x));
            return hash;
        }
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
    private readonly struct DesignSchedule(double[] inputs, int rows, int k, int[] drivers, int firstChunk, int endChunk) : IBlockSchedule
    {
        public long Blocks => endChunk - firstChunk;

        public BlockItem Item(long index)
        {
            int first = (firstChunk + (int)index) * ChunkRows, count = Math.Min(ChunkRows, rows - first);
            ulong key = 0x9E3779B97F4A7C15UL;
            for (int r = 0; r < count; r++) key = SplitMix64.Mix(key ^ (ulong)BitConverter.DoubleToInt64Bits(inputs[(first + r) * k + k - 1]));
            return new BlockItem((long)(key >> 1), count, first);
        }

        public void Prepare(long index, BlockWorkspace[] workspaces)
        {
            var ws = workspaces[0];
            var given = ws.GivenLevelUniforms ??= new double[ws.LevelUniforms.Length];
            Array.Fill(given, 0.5);
            int first = (firstChunk + (int)index) * ChunkRows, count = Math.Min(ChunkRows, rows - first);
            for (int r = 0; r < count; r++)
                for (int j = 0; j < drivers.Length; j++) given[drivers[j] * BlockWorkspace.BlockSize + r] = inputs[(first + r) * k + j];
        }
    }
}
