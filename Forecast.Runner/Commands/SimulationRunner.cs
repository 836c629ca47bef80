using System.Diagnostics;
using System.Globalization;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// Runs a simulation for a command: estimates the run time first (asking for --yes when it would be
/// long), and shows a progress bar when the run lasts more than a second on an interactive console.
/// </summary>
internal static class SimulationRunner
{
    /// <summary>Runs longer than this need --yes.</summary>
    public static readonly TimeSpan LongRun = TimeSpan.FromMinutes(10);

    public static (SimulationResult Result, RunDistribution Distribution, TimeSpan Elapsed) Run(IAnsiConsole console, Scenario scenario,
        SimulationOptions options, bool yes, CancellationToken cancellationToken)
    {
        long planned = RunSpec.Resolve(scenario, options).Paths;
        // The estimate (a probe run of its own, with its own pilot) only matters when the answer could be "ask for --yes".
        if (!yes && options.Precision is null && Estimate(scenario, planned, options.Threads) is var estimate && estimate > LongRun)
            throw new LongRunException(planned, estimate);

        var clock = Stopwatch.StartNew();
        long done = 0, total = planned;
        var progress = new Progress(p => { Interlocked.Exchange(ref done, p.PathsDone); Interlocked.Exchange(ref total, p.PathsPlanned); });
        var task = Task.Run(() => ForecastRun.Run(scenario, options, progress, cancellationToken), cancellationToken);
        if (!WaitFor(task, TimeSpan.FromSeconds(1), cancellationToken) && console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask(Markup.Escape(Output.Words.F(Resources.Strings.ProgressSimulating, scenario.Name)), maxValue: Math.Max(1, Interlocked.Read(ref total)));
                    while (!task.IsCompleted && !cancellationToken.IsCancellationRequested)
                    {
                        bar.MaxValue = Math.Max(1, Interlocked.Read(ref total));
                        bar.Value = Interlocked.Read(ref done);
                        Thread.Sleep(100);
                    }
                    bar.Value = bar.MaxValue;
                });
        }
        WaitFor(task, Timeout.InfiniteTimeSpan, cancellationToken);
        var run = task.GetAwaiter().GetResult();
        return (run.Result, run.Distribution, clock.Elapsed);
    }

    /// <summary>
    /// Waits for the task or the token, whichever comes first: throws <see cref="OperationCanceledException"/> when
    /// cancelled, returns whether the task completed (its own exception comes, unwrapped, from GetResult). The
    /// engine checks the token only between shards; a slow block (huge counts) must not hold Ctrl+C hostage, and
    /// the abandoned task ends with the process.
    /// </summary>
    private static bool WaitFor(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        WaitHandle.WaitAny([((IAsyncResult)task).AsyncWaitHandle, cancellationToken.WaitHandle], timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return task.IsCompleted;
    }

    /// <summary>Times a small run of the scenario to estimate how long <paramref name="paths"/> would take.</summary>
    public static TimeSpan Estimate(Scenario scenario, long paths, int threads)
    {
        const long probe = 4096;
        if (paths <= 2_000_000) return TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        MonteCarlo.Run(scenario, new SimulationOptions(Paths: probe, Threads: 1));
        double perPath = clock.Elapsed.TotalSeconds / probe;
        int cores = threads > 0 ? Math.Min(threads, Environment.ProcessorCount) : Environment.ProcessorCount;
        // A path count near long.MaxValue would overflow TimeSpan: anything beyond it is "forever" all the same.
        double seconds = perPath * paths / cores;
        return seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
    }

    private sealed class Progress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}

/// <summary>Raised when a run would take longer than <see cref="SimulationRunner.LongRun"/> without --yes.</summary>
internal sealed class LongRunException(long paths, TimeSpan estimate)
    : Exception(Output.Words.F(Resources.Strings.LongRun, paths, Duration(estimate)))
{
    /// <summary>
    /// "about 25 minutes", "about 7 hours", "about 12 days", "about 317 years", "more than 1,000 years" (beyond that
    /// the figure says nothing a planner needs, and the wording no longer depends on how fast the probe ran).
    /// </summary>
    internal static string Duration(TimeSpan t) => t.TotalMinutes switch
    {
        _ when t.TotalDays >= 1000 * 365.25 => Resources.Strings.DurationForever,
        < 120 => Output.Words.F(Resources.Strings.DurationMinutes, t.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture)),
        < 48 * 60 => Output.Words.F(Resources.Strings.DurationHours, t.TotalHours.ToString("F0", CultureInfo.InvariantCulture)),
        < 365 * 24 * 60 => Output.Words.F(Resources.Strings.DurationDays, t.TotalDays.ToString("F0", CultureInfo.InvariantCulture)),
        _ => Output.Words.F(Resources.Strings.DurationYears, (t.TotalDays / 365.25).ToString("N0", CultureInfo.InvariantCulture)),
    };

    public long Paths { get; } = paths;
    public TimeSpan Estimate { get; } = estimate;
}
