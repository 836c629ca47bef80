using Forecast.Engine.Randomness;
using Forecast.Engine.Results;

namespace Forecast.Engine.Simulation;

/// <summary>
/// A forecast that starts from what has been observed. Every observed indicator takes its observed value on every
/// path in its year and goes on from it (<see cref="IndicatorStep.Observe"/>); the paths' parameters (driver levels,
/// trends, model structures) are conditioned on the observations by importance sampling with resampling:
/// <list type="number">
/// <item>A first pass draws P parameter sets (the run's paths) and simulates them with the observations forced,
/// recording each path's simulated value just before each observation. Its weight is the likelihood of the
/// observations, w = Π_o φ((v_o − y_o)/τ_o): with an observation's stated error τ this is an unbiased estimate of the
/// likelihood of y under that error (one simulated draw of the value given the parameters), otherwise τ is a kernel
/// bandwidth (Silverman: 1.06·σ̂·P^(−1/5), σ̂ the simulated spread), an approximate-Bayesian likelihood.</item>
/// <item>The weights' effective sample size (Σw)²/Σw² says how many draws they are worth; systematic resampling picks
/// the run's paths from the first pass in proportion to w.</item>
/// <item>A second pass simulates the resampled parameter sets (their level and trend uniforms given, the correlations
/// already in them) with fresh yearly noise (block keys of their own) and the observations forced: the conditioned
/// forecast, summarised as any run.</item>
/// <item>Its paths are copies of the draws chosen, so they are not independent: every probability's interval comes from the
/// spread between groups of draws (<see cref="IntervalUnit.ParameterDraws"/>), and a probability on which every path agrees
/// is given Wilson's interval on the effective sample size, not on the paths.</item>
/// </list>
/// Deterministic for a seed and independent of the number of threads, like every run.
/// </summary>
internal static class Nowcast
{
    /// <summary>Most first-pass paths kept (their uniforms are held in memory): beyond it the second pass resamples with replacement.</summary>
    public const long MaxParticles = 200_000;

    /// <summary>Second-pass block keys start here, far from the first pass's, so its yearly noise is fresh.</summary>
    private const long SecondPassKeys = 1L << 40;

    public static SimulationResult Run(SimulationPlan plan, RunSpec run, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        var (total, conditioning) = Simulate(plan, run, progress, cancellationToken);
        return MonteCarlo.Summarise(plan, total, run.Seed) with { Conditioning = conditioning };
    }

    /// <summary>The conditioned paths' accumulator (for a result and a stored distribution alike) and how they were conditioned.</summary>
    public static (SimulationAccumulator Total, NowcastConditioning Conditioning) Simulate(SimulationPlan plan, RunSpec run,
        IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        if (run.Precision is not null) throw new ArgumentException("a nowcast runs a fixed number of paths; precision mode is not supported");
        if (run.Sampling != SamplingMethod.Random) throw new ArgumentException($"a nowcast uses plain random sampling (its resampled paths are not strata), not {run.Sampling}");
        long particles = Math.Min(run.Paths, MaxParticles);
        var record = new ParticleRecord(plan, particles);
        var observer = new ParticleRecord.Observer(record);
        BlockRunner.Run([plan], run with { Paths = particles }, observer, () => observer, cancellationToken, shardsPerWave: run.Workers);

        var (weights, bandwidths) = Weights(plan, record);
        double sum = 0, squares = 0;
        foreach (double w in weights)
        {
            sum += w;
            squares += w * w;
        }
        double ess = sum * sum / squares;
        string? warning = ess < Math.Max(50, 0.005 * particles)
            ? Resources.MessageText.Format(Resources.Messages.NowcastWeightsCollapsed, particles.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ess.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))
            : null;
        var chosen = Systematic(weights, run.Paths, run.Seed);
        var schedule = new ParticleSchedule(chosen, record, run.Paths);
        var total = MonteCarlo.Simulate(plan, run, schedule, progress, cancellationToken, new ResampledDraws(chosen, ess));
        return (total, new NowcastConditioning(plan.Observations.Length, particles, ess, bandwidths, warning));
    }

    /// <summary>w_i = exp(Σ_o −½((v_io − y_o)/τ_o)² − max), with τ_o the observation's error or a kernel bandwidth.</summary>
    private static (double[] Weights, double[] Bandwidths) Weights(SimulationPlan plan, ParticleRecord record)
    {
        int observations = plan.Observations.Length;
        long n = record.Particles;
        var logWeights = new double[n];
        var bandwidths = new double[observations];
        for (int o = 0; o < observations; o++)
        {
            var (k, step) = plan.Observations[o];
            double y = plan.ObservedAt[k][step];
            double mean = 0, m2 = 0;
            for (long i = 0; i < n; i++)
            {
                // Welford's running variance of the simulated values before the observation.
                double v = record.Before(i, o), delta = v - mean;
                mean += delta / (i + 1);
                m2 += delta * (v - mean);
            }
            double spread = Math.Sqrt(m2 / Math.Max(1, n - 1));
            double? stated = plan.Scenario.Observed[o].Sd;
            double tau = stated is > 0 ? stated.Value : 1.06 * spread * Math.Pow(n, -0.2);
            if (!(tau > 0)) tau = Math.Max(1e-12, 1e-9 * Math.Abs(y));
            bandwidths[o] = tau;
            for (long i = 0; i < n; i++)
            {
                double z = (record.Before(i, o) - y) / tau;
                logWeights[i] -= 0.5 * z * z;
            }
        }
        double max = logWeights.Max();
        var weights = new double[n];
        for (long i = 0; i < n; i++) weights[i] = Math.Exp(logWeights[i] - max);
        return (weights, bandwidths);
    }

    /// <summary>Systematic resampling: m indices, index i chosen ⌊m·w_i/Σw⌋ or one more times, from one uniform of the seed.</summary>
    private static int[] Systematic(double[] weights, long m, ulong seed)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        var chosen = new int[m];
        double step = total / m, position = step * Xoshiro256StarStar.FromSeed(SplitMix64.Mix(seed ^ 0x6E6F7763617374UL)).NextDouble();
        double cumulative = weights[0];
        int i = 0;
        for (long j = 0; j < m; j++)
        {
            while (position > cumulative && i < weights.Length - 1) cumulative += weights[++i];
            chosen[j] = i;
            position += step;
        }
        return chosen;
    }

    /// <summary>The first pass's record: each path's level and trend uniforms and its simulated values just before each observation.</summary>
    private sealed class ParticleRecord(SimulationPlan plan, long particles)
    {
        public long Particles { get; } = particles;
        public int Drivers { get; } = plan.DriverCount;
        public double[] Levels { get; } = new double[particles * plan.DriverCount];
        public double[]? Trends { get; } = plan.Trends.Any(t => t is not null) ? new double[particles * 2 * plan.DriverCount] : null;
        private readonly double[] _before = new double[particles * plan.Observations.Length];
        private readonly Dictionary<(int, int), int> _index = plan.Observations.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i);

        public double Before(long path, int observation) => _before[path * _index.Count + observation];

        public readonly struct Observer(ParticleRecord record) : IBlockObserver<Observer>
        {
            public void Year(int plan, int k, int step, BlockWorkspace ws, int count)
            {
                if (!record._index.TryGetValue((k, step), out int o)) return;
                var before = BlockWorkspace.Row(ws.BeforeObservation, k, count);
                long first = ws.FirstPath;
                for (int i = 0; i < count; i++) record._before[(first + i) * record._index.Count + o] = before[i];
            }

            public void Block(in SimulatedBlock block)
            {
                var ws = block.Workspaces[0];
                int d = record.Drivers;
                for (int j = 0; j < d; j++)
                {
                    var u = BlockWorkspace.Row(ws.LevelUniforms, j, block.Count);
                    for (int i = 0; i < block.Count; i++) record.Levels[(block.FirstPath + i) * d + j] = u[i];
                }
                if (record.Trends is { } trends)
                    for (int j = 0; j < 2 * d; j++)
                    {
                        var u = BlockWorkspace.Row(ws.TrendUniforms, j, block.Count);
                        for (int i = 0; i < block.Count; i++) trends[(block.FirstPath + i) * 2 * d + j] = u[i];
                    }
            }

            public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel) { }
        }
    }

    /// <summary>The second pass: path j takes the uniforms of first-pass path chosen[j], in blocks keyed apart from the first pass.</summary>
    private readonly struct ParticleSchedule(int[] chosen, ParticleRecord record, long paths) : IBlockSchedule
    {
        public long Blocks => (paths + BlockWorkspace.BlockSize - 1) / BlockWorkspace.BlockSize;

        public BlockItem Item(long index)
        {
            long start = index * BlockWorkspace.BlockSize;
            return new BlockItem(SecondPassKeys + index, (int)Math.Min(BlockWorkspace.BlockSize, paths - start), start);
        }

        public void Prepare(long index, BlockWorkspace[] workspaces)
        {
            var ws = workspaces[0];
            var item = Item(index);
            int d = record.Drivers;
            var levels = ws.GivenLevelUniforms ??= new double[ws.LevelUniforms.Length];
            ws.GivenUniformsAreFinal = true;
            for (int i = 0; i < item.Count; i++)
            {
                long source = chosen[item.FirstPath + i];
                for (int j = 0; j < d; j++) levels[j * BlockWorkspace.BlockSize + i] = record.Levels[source * d + j];
            }
            if (record.Trends is not { } trends) return;
            var given = ws.GivenTrendUniforms ??= new double[ws.TrendUniforms.Length];
            for (int i = 0; i < item.Count; i++)
            {
                long source = chosen[item.FirstPath + i];
                for (int j = 0; j < 2 * d; j++) given[j * BlockWorkspace.BlockSize + i] = trends[source * 2 * d + j];
            }
        }
    }
}
