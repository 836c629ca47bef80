using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// A sweep or a sensitivity analysis split over processes, as <see cref="ShardedRun"/> splits a run. The analysis is a
/// list of units of work by a fixed index, each giving the same numbers wherever and with whatever else it runs:
/// a sweep's grid points (each on the same seed and blocks), a sensitivity analysis's evaluations (the tornado's 2D + 1
/// runs, the Saltelli design's chunks of rows, the rank correlations' blocks of paths). Shard i of n takes a contiguous
/// range of units by their work: unit u, whose work starts at C_u of the total W (paths or rows simulated), belongs to
/// shard ⌊n·C_u / W⌋; for a sweep, whose points cost the same, shard i takes points [⌈G·i/n⌉, ⌈G·(i+1)/n⌉). A shard
/// with no unit (more shards than units) is allowed and writes an empty state. The merge reads every unit back by its
/// index and assembles the result as the single process does, so it is the single process's, bit for bit.
/// </summary>
public static class ShardedAnalysis
{
    private const int SweepState = 0x53575031; // "SWP1"
    private const int SensitivityState = 0x53454E31; // "SEN1"

    /// <summary>Units [First, End) of shard <paramref name="index"/> of <paramref name="count"/>, for units costing <paramref name="costs"/> each.</summary>
    /// <param name="costs">The work of each unit (paths or rows; each ≥ 0, their sum ≥ 1).</param>
    /// <param name="index">The shard, 0 ≤ index &lt; count.</param>
    /// <param name="count">Shards, ≥ 1.</param>
    public static (int First, int End) Units(IReadOnlyList<long> costs, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        long total = 0;
        foreach (long c in costs) total += c;
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1, nameof(costs));
        int first = costs.Count, end = costs.Count;
        long start = 0;
        for (int u = 0; u < costs.Count; u++)
        {
            long shard = (long)((Int128)start * count / total);
            if (shard >= index && first == costs.Count) first = u;
            if (shard >= index + 1) { end = u; break; }
            start += costs[u];
        }
        return (Math.Min(first, end), end);
    }

    /// <summary>The grid points of a sweep (every combination of the levers' values).</summary>
    public static int SweepPoints(IReadOnlyList<LeverAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return axes.Aggregate(1, (n, a) => n * a.Values.Count);
    }

    /// <summary>Grid points [First, End) of shard <paramref name="index"/> of <paramref name="count"/> of a sweep of <paramref name="points"/> points.</summary>
    public static (int First, int End) SweepShard(int points, int index, int count) => Units(Enumerable.Repeat(1L, points).ToArray(), index, count);

    /// <summary>
    /// Simulates shard <paramref name="index"/> of <paramref name="count"/> of the sweep (<see cref="LeverSweep.Run"/>'s
    /// arguments) and writes its grid points to <paramref name="state"/>. Every grid point is checked first, as the single sweep checks them.
    /// </summary>
    /// <returns>The shard's grid points [First, End).</returns>
    public static (int First, int End) RunSweep(Scenario scenario, IReadOnlyList<LeverAxis> axes, SimulationOptions? options, int index, int count,
        Stream state, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sweep = LeverSweep.Prepare(scenario, axes, options);
        var (first, end) = SweepShard(sweep.Scenarios.Length, index, count);
        using var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(SweepState);
        writer.Write(end - first);
        for (int g = first; g < end; g++)
        {
            var point = sweep.Point(g, cancellationToken);
            writer.Write(g);
            foreach (var target in point.Targets) Write(writer, target);
            Write(writer, point.AllTargets);
            Write(writer, point.AllHeadlineTargets);
            progress?.Report(g - first + 1);
        }
        return (first, end);
    }

    /// <summary>Merges the states of every shard of a sweep, in any order, into the result <see cref="LeverSweep.Run"/> gives.</summary>
    /// <exception cref="InvalidDataException">A state of another analysis, a grid point given twice or missing.</exception>
    public static SweepResult MergeSweep(Scenario scenario, IReadOnlyList<LeverAxis> axes, SimulationOptions? options, IEnumerable<Stream> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var sweep = LeverSweep.Prepare(scenario, axes, options);
        var points = new SweepPoint?[sweep.Scenarios.Length];
        foreach (var state in states)
            ReadState(() =>
        {
            using var reader = new BinaryReader(state, System.Text.Encoding.UTF8, leaveOpen: true);
            int units = Header(reader, SweepState, "sweep");
            for (int j = 0; j < units; j++)
            {
                int g = Unit(reader, points.Length, points, "grid point");
                var targets = new ProbabilityEstimate[sweep.Ids.Length];
                for (int m = 0; m < targets.Length; m++) targets[m] = ReadEstimate(reader);
                var all = ReadEstimate(reader);
                points[g] = new SweepPoint(sweep.Grid[g], targets, all, ReadEstimate(reader));
            }
        });
        Missing(points, "grid point");
        return sweep.Result(points.Select(p => p!).ToArray());
    }

    /// <summary>The work of each evaluation of a sensitivity analysis (<see cref="Tornado.Run"/>'s and <see cref="GlobalSensitivity.Run"/>'s options), in evaluation order.</summary>
    public static long[] SensitivityCosts(Scenario scenario, SimulationOptions? tornado, GlobalSensitivityOptions global)
    {
        var (t, g) = PrepareSensitivity(scenario, tornado, global);
        return Costs(t, g);
    }

    /// <summary>
    /// Simulates shard <paramref name="index"/> of <paramref name="count"/> of a sensitivity analysis (the tornado of
    /// <paramref name="tornado"/> and the global analysis of <paramref name="global"/>) and writes its evaluations to <paramref name="state"/>.
    /// </summary>
    /// <returns>The shard's evaluations [First, End) and the evaluations of the whole analysis.</returns>
    public static (int First, int End, int Evaluations) RunSensitivity(Scenario scenario, SimulationOptions? tornado, GlobalSensitivityOptions global,
        int index, int count, Stream state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (t, g) = PrepareSensitivity(scenario, tornado, global);
        var costs = Costs(t, g);
        var (first, end) = Units(costs, index, count);
        using var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(SensitivityState);
        writer.Write(end - first);
        for (int r = first; r < Math.Min(end, t.Runs); r++)
        {
            var run = t.Evaluate(r, cancellationToken);
            writer.Write(r);
            foreach (var target in run.Targets) Write(writer, target);
            foreach (double median in run.Medians) writer.Write(median);
            Write(writer, run.AllHeadline);
        }
        int globalFirst = Math.Max(first, t.Runs) - t.Runs, globalEnd = Math.Max(end, t.Runs) - t.Runs;
        g.Evaluate(globalFirst, globalEnd, cancellationToken);
        for (int e = globalFirst; e < globalEnd; e++)
        {
            writer.Write(t.Runs + e);
            g.Write(writer, e);
        }
        return (first, end, costs.Length);
    }

    /// <summary>Merges the states of every shard of a sensitivity analysis, in any order, into what <see cref="Tornado.Run"/> and <see cref="GlobalSensitivity.Run"/> give.</summary>
    /// <exception cref="InvalidDataException">A state of another analysis, an evaluation given twice or missing.</exception>
    public static (TornadoResult Tornado, GlobalSensitivityResult Global) MergeSensitivity(Scenario scenario, SimulationOptions? tornado,
        GlobalSensitivityOptions global, IEnumerable<Stream> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var (t, g) = PrepareSensitivity(scenario, tornado, global);
        int evaluations = t.Runs + g.Evaluations;
        var seen = new object?[evaluations];
        int targets = scenario.Indicators.Count;
        foreach (var state in states)
            ReadState(() =>
        {
            using var reader = new BinaryReader(state, System.Text.Encoding.UTF8, leaveOpen: true);
            int units = Header(reader, SensitivityState, "sensitivity");
            for (int j = 0; j < units; j++)
            {
                int u = Unit(reader, evaluations, seen, "evaluation");
                if (u < t.Runs)
                {
                    var estimates = new ProbabilityEstimate[targets];
                    for (int m = 0; m < targets; m++) estimates[m] = ReadEstimate(reader);
                    var medians = new double[targets];
                    for (int m = 0; m < targets; m++) medians[m] = reader.ReadDouble();
                    seen[u] = new Tornado.RunOutcome(estimates, medians, ReadEstimate(reader));
                }
                else
                {
                    g.Read(reader, u - t.Runs);
                    seen[u] = true;
                }
            }
        });
        Missing(seen, "evaluation");
        var runs = seen.Take(t.Runs).Cast<Tornado.RunOutcome>().ToArray();
        return (t.Result(runs), g.Result(cancellationToken));
    }

    private static (Tornado.Prepared Tornado, GlobalSensitivity.Prepared Global) PrepareSensitivity(Scenario scenario, SimulationOptions? tornado, GlobalSensitivityOptions global)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(global);
        return (Tornado.Prepare(scenario, tornado), GlobalSensitivity.Prepare(scenario, global));
    }

    private static long[] Costs(Tornado.Prepared tornado, GlobalSensitivity.Prepared global)
    {
        var costs = new long[tornado.Runs + global.Evaluations];
        for (int r = 0; r < tornado.Runs; r++) costs[r] = tornado.Options.Paths!.Value;
        for (int e = 0; e < global.Evaluations; e++) costs[tornado.Runs + e] = global.Cost(e);
        return costs;
    }

    /// <summary>Reads a state, a stream that ends early being invalid data.</summary>
    private static void ReadState(Action read)
    {
        try
        {
            read();
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the state ends early");
        }
    }

    private static int Header(BinaryReader reader, int expected, string analysis)
    {
        try
        {
            if (reader.ReadInt32() != expected) throw new InvalidDataException($"the state is not one of a {analysis}");
            int units = reader.ReadInt32();
            return units >= 0 ? units : throw new InvalidDataException("the state's count of units is negative");
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the state ends early");
        }
    }

    private static int Unit<T>(BinaryReader reader, int units, T?[] seen, string what)
    {
        int u;
        try
        {
            u = reader.ReadInt32();
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the state ends early");
        }
        if (u < 0 || u >= units) throw new InvalidDataException($"{what} {u} is not one of the analysis's {units}");
        if (seen[u] is not null) throw new InvalidDataException($"{what} {u} is given twice");
        return u;
    }

    private static void Missing<T>(T?[] seen, string what)
    {
        int missing = Array.FindIndex(seen, s => s is null);
        if (missing >= 0) throw new InvalidDataException($"{what} {missing} is missing");
    }

    private static void Write(BinaryWriter writer, ProbabilityEstimate estimate)
    {
        writer.Write(estimate.Successes);
        writer.Write(estimate.Trials);
        writer.Write(estimate.Variance.HasValue);
        if (estimate.Variance is { } v)
        {
            writer.Write(v.Variance);
            writer.Write(v.DegreesOfFreedom);
        }
    }

    private static ProbabilityEstimate ReadEstimate(BinaryReader reader)
    {
        try
        {
            long successes = reader.ReadInt64(), trials = reader.ReadInt64();
            EstimateVariance? variance = reader.ReadBoolean() ? new EstimateVariance(reader.ReadDouble(), reader.ReadInt64()) : null;
            return new ProbabilityEstimate(successes, trials, variance);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the state ends early");
        }
    }
}
