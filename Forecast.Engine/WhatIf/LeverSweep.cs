using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>One lever of a sweep and the values it takes.</summary>
/// <param name="Lever">The lever.</param>
/// <param name="Values">Its values, in the order swept.</param>
public sealed record LeverAxis(Lever Lever, IReadOnlyList<double> Values)
{
    /// <summary><paramref name="steps"/> + 1 evenly spaced values from <paramref name="from"/> to <paramref name="to"/>, both ends included.</summary>
    public static LeverAxis Even(Lever lever, double from, double to, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var values = new double[steps + 1];
        for (int j = 0; j <= steps; j++) values[j] = j == steps ? to : from + (to - from) * j / steps;
        return new LeverAxis(lever, values);
    }
}

/// <summary>The probabilities at one grid point of a sweep.</summary>
/// <param name="LeverValues">The value of each lever, in the order of <see cref="SweepResult.Axes"/>.</param>
/// <param name="Targets">Probability of each target, in the order of <see cref="SweepResult.IndicatorIds"/>.</param>
/// <param name="AllTargets">Every target met on the same path.</param>
/// <param name="AllHeadlineTargets">Every headline target met on the same path.</param>
public sealed record SweepPoint(IReadOnlyList<double> LeverValues, IReadOnlyList<ProbabilityEstimate> Targets,
    ProbabilityEstimate AllTargets, ProbabilityEstimate AllHeadlineTargets);

/// <summary>A lever sweep: the probability of each target at every point of a grid of lever values.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Axes">The levers (one or two) and their values.</param>
/// <param name="IndicatorIds">The targets, in scenario order.</param>
/// <param name="Points">Grid points, the last lever varying fastest.</param>
/// <param name="Paths">Paths simulated at every point.</param>
/// <param name="Seed">The seed, the same at every point (common random numbers).</param>
public sealed record SweepResult(string Scenario, IReadOnlyList<LeverAxis> Axes, IReadOnlyList<string> IndicatorIds,
    IReadOnlyList<SweepPoint> Points, long Paths, ulong Seed);

/// <summary>
/// Sweeps one or two levers over a grid. Each grid point is the scenario with the levers set
/// (<see cref="Lever.Apply"/>), simulated with the same seed and blocks as every other point, so the
/// points differ only through the levers (common random numbers): the surface is smooth, and where the
/// model is monotone in a lever the estimated probability is monotone along it path by path, not only on average.
/// </summary>
public static class LeverSweep
{
    /// <summary>Default paths per grid point.</summary>
    public const long DefaultPaths = 10_000;

    /// <summary>Runs the sweep.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="axes">One or two levers with their values; every combination must give valid distributions.</param>
    /// <param name="options">Paths per point (default <see cref="DefaultPaths"/>), seed (default the scenario's), threads.</param>
    /// <param name="progress">Reports the number of grid points done.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <exception cref="ArgumentException">No lever or more than two, a lever that does not fit the scenario, or a grid point with an invalid distribution.</exception>
    public static SweepResult Run(Scenario scenario, IReadOnlyList<LeverAxis> axes, SimulationOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var sweep = Prepare(scenario, axes, options);
        var points = new SweepPoint[sweep.Scenarios.Length];
        for (int g = 0; g < points.Length; g++)
        {
            points[g] = sweep.Point(g, cancellationToken);
            progress?.Report(g + 1);
        }
        return sweep.Result(points);
    }

    /// <summary>
    /// A sweep ready to run: every grid point's scenario (all checked before any is simulated), the run and the targets.
    /// Point g depends only on the scenario, the levers, the run and g, so any process may compute it
    /// (<see cref="ShardedAnalysis"/>).
    /// </summary>
    internal sealed record Prepared(string Name, IReadOnlyList<LeverAxis> Axes, Scenario[] Scenarios, double[][] Grid, string[] Ids, RunSpec Run)
    {
        /// <summary>Simulates grid point <paramref name="g"/>.</summary>
        public SweepPoint Point(int g, CancellationToken cancellationToken)
        {
            var plan = SimulationPlan.Compile(Scenarios[g]);
            var counts = TargetCounts.Simulate(plan, Ids, Run, cancellationToken);
            return new SweepPoint(Grid[g], Enumerable.Range(0, Ids.Length).Select(counts.Target).ToArray(), counts.All, counts.AllHeadline);
        }

        /// <summary>The sweep of every grid point's result, in grid order.</summary>
        public SweepResult Result(IReadOnlyList<SweepPoint> points) => new(Name, Axes, Ids, points, Run.Paths, Run.Seed);
    }

    /// <summary>Checks the levers and builds every grid point's scenario.</summary>
    /// <exception cref="ArgumentException">No lever or more than two, a lever that does not fit the scenario, or a grid point with an invalid distribution.</exception>
    internal static Prepared Prepare(Scenario scenario, IReadOnlyList<LeverAxis> axes, SimulationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count is < 1 or > 2) throw new ArgumentException("sweep one or two levers", nameof(axes));
        var run = RunSpec.Resolve(scenario, options, DefaultPaths).RequireFixedRun();
        var grid = Grid(axes);
        var scenarios = new Scenario[grid.Count];
        for (int g = 0; g < grid.Count; g++)
        {
            var point = scenario;
            for (int a = 0; a < axes.Count; a++)
            {
                var (applied, problem) = axes[a].Lever.TryApply(point, grid[g][a]);
                point = applied ?? throw new ArgumentException(problem, nameof(axes));
            }
            scenarios[g] = point;
        }
        return new Prepared(scenario.Name, axes, scenarios, [.. grid], scenario.Indicators.Select(i => i.Id).ToArray(), run);
    }

    private static List<double[]> Grid(IReadOnlyList<LeverAxis> axes)
    {
        var grid = new List<double[]>();
        if (axes.Count == 1)
        {
            foreach (double x in axes[0].Values) grid.Add([x]);
            return grid;
        }
        foreach (double x in axes[0].Values)
            foreach (double y in axes[1].Values)
                grid.Add([x, y]);
        return grid;
    }
}
