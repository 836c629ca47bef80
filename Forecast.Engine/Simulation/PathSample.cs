using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The first paths of a run, kept whole for analysis outside the tool (a notebook): every indicator's value, every
/// driver's yearly value and the level in force, year by year, and each mixture indicator's structure. The paths are
/// the run's own first paths (the same blocks, keys and sampling), so the sample is fixed by the seed.
/// </summary>
/// <param name="Years">The years, FirstYear to the last simulated year (index s is step s: year FirstYear + s).</param>
/// <param name="Paths">Paths kept.</param>
/// <param name="IndicatorIds">Indicators, in scenario order.</param>
/// <param name="DriverIds">Drivers, in scenario order.</param>
/// <param name="MixtureIds">Indicators with a mixture of structures.</param>
/// <param name="Indicators">Indicator i's value of path p in year s at [i][p·Years + s]; NaN before its base year.</param>
/// <param name="Drivers">Driver d's yearly value of path p in year s at [d][p·Years + s]; NaN in the first year (no draw).</param>
/// <param name="Levels">Driver d's level in force for path p in year s (its drawn level moved by its trend), same layout.</param>
/// <param name="Structures">Mixture m's structure of path p (0-based, the order of its components) at [m][p].</param>
public sealed record PathSample(int[] Years, long Paths, string[] IndicatorIds, string[] DriverIds, string[] MixtureIds,
    double[][] Indicators, double[][] Drivers, double[][] Levels, int[][] Structures)
{
    /// <summary>Most paths a sample keeps.</summary>
    public const long MaxPaths = 1_000_000;

    /// <summary>The first <paramref name="paths"/> paths of the scenario's run under <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 or more than <see cref="MaxPaths"/> paths, or more than the run has.</exception>
    public static PathSample Take(Scenario scenario, SimulationOptions? options, long paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var run = RunSpec.Resolve(scenario, options);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paths, Math.Min(MaxPaths, run.Paths));
        var plan = SimulationPlan.Compile(scenario);
        var record = new Recorder(plan, paths);
        var observer = new Observer(record);
        long blocks = (paths + BlockWorkspace.BlockSize - 1) / BlockWorkspace.BlockSize;
        BlockRunner.Run([plan], run, new BlockRange(run.Paths, 0, blocks), observer, () => observer, cancellationToken);
        var inds = plan.Indicators;
        var indicatorOrder = new int[inds.Length];
        for (int k = 0; k < inds.Length; k++) indicatorOrder[inds[k].ScenarioIndex] = k;
        var mixtures = Enumerable.Range(0, inds.Length).Where(k => inds[k].Source.Model is MixtureModel).OrderBy(k => inds[k].ScenarioIndex).ToArray();
        return new PathSample(Enumerable.Range(0, plan.Steps + 1).Select(plan.Year).ToArray(), paths,
            indicatorOrder.Select(k => inds[k].Source.Id).ToArray(), scenario.Drivers.Select(d => d.Id).ToArray(),
            mixtures.Select(k => inds[k].Source.Id).ToArray(),
            indicatorOrder.Select(k => record.Indicators[k]).ToArray(), record.Drivers, record.Levels,
            mixtures.Select(k => record.Structures[k]).ToArray());
    }

    /// <summary>The arrays the observer fills: each block writes its own paths' entries, so shards need no merge.</summary>
    private sealed class Recorder
    {
        public Recorder(SimulationPlan plan, long paths)
        {
            Plan = plan;
            Paths = paths;
            Years = plan.Steps + 1;
            long cells = paths * Years;
            Indicators = new double[plan.Indicators.Length][];
            for (int k = 0; k < Indicators.Length; k++)
            {
                Indicators[k] = new double[cells];
                Array.Fill(Indicators[k], double.NaN);
                int baseStep = plan.Indicators[k].BaseStep;
                if (baseStep < 0) continue;
                for (long p = 0; p < paths; p++) Indicators[k][p * Years + baseStep] = plan.Indicators[k].BaseValue;
            }
            Drivers = new double[plan.ScenarioDriverCount][];
            Levels = new double[plan.ScenarioDriverCount][];
            for (int d = 0; d < Drivers.Length; d++)
            {
                Drivers[d] = new double[cells];
                Levels[d] = new double[cells];
                Array.Fill(Drivers[d], double.NaN);
                Array.Fill(Levels[d], double.NaN);
            }
            Structures = plan.Indicators.Select(i => i.Source.Model is MixtureModel ? new int[paths] : []).ToArray();
        }

        public SimulationPlan Plan { get; }
        public long Paths { get; }
        public int Years { get; }
        public double[][] Indicators { get; }
        public double[][] Drivers { get; }
        public double[][] Levels { get; }
        public int[][] Structures { get; }
    }

    private readonly struct Observer(Recorder recorder) : IBlockObserver<Observer>
    {
        /// <summary>The sample records every driver's level and value on every path, whichever structure the path took.</summary>
        public static bool ReadsDriversOfEveryPath => true;

        public void Year(int plan, int k, int step, BlockWorkspace ws, int count)
        {
            long first = ws.FirstPath;
            int n = (int)Math.Min(count, recorder.Paths - first);
            if (n <= 0) return;
            int years = recorder.Years;
            var x = BlockWorkspace.Row(ws.State, k, n);
            for (int i = 0; i < n; i++) recorder.Indicators[k][(first + i) * years + step] = x[i];
            // The drivers' draws of the year, once (with the year's first indicator that steps).
            if (!double.IsNaN(recorder.Drivers.Length > 0 ? recorder.Drivers[0][first * years + step] : 0)) return;
            for (int d = 0; d < recorder.Drivers.Length; d++)
            {
                var values = BlockWorkspace.Row(ws.Values, d, n);
                var levels = BlockWorkspace.Row(ws.Levels, d, n);
                for (int i = 0; i < n; i++)
                {
                    recorder.Drivers[d][(first + i) * years + step] = values[i];
                    recorder.Levels[d][(first + i) * years + step] = levels[i];
                }
            }
        }

        public void Block(in SimulatedBlock block)
        {
            var ws = block.Workspaces[0];
            long first = block.FirstPath;
            int n = (int)Math.Min(block.Count, recorder.Paths - first);
            if (n <= 0) return;
            var plan = recorder.Plan;
            for (int k = 0; k < plan.Indicators.Length; k++)
            {
                if (recorder.Structures[k].Length == 0) continue;
                var structure = BlockWorkspace.Row(ws.Own, plan.OwnRowStart[k], n);
                for (int i = 0; i < n; i++) recorder.Structures[k][first + i] = (int)structure[i];
            }
        }

        public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel) { }
    }
}
