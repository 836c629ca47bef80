using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// A phase of a command that can take more than a second (a what-if analysis, calibration, chart writing, the
/// report): it runs on a worker, and after a second a Spectre.Console progress line shows it on an interactive
/// console (a bar where the work reports its progress, else an elapsed-time spinner). A redirected console shows
/// nothing. Ctrl+C is answered at once, as for run's simulation.
/// </summary>
internal static class Phase
{
    /// <summary>Runs <paramref name="work"/>, which may report (done, total) through the progress it is given.</summary>
    public static T Run<T>(IAnsiConsole console, string label, Func<IProgress<(long Done, long Total)>, T> work, CancellationToken cancellationToken)
    {
        long done = 0, total = 0;
        var progress = new Progress(p => { Interlocked.Exchange(ref done, p.Done); Interlocked.Exchange(ref total, p.Total); });
        var task = Task.Run(() => work(progress), cancellationToken);
        if (!WaitFor(task, TimeSpan.FromSeconds(1), cancellationToken) && console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                    while (!task.IsCompleted && !cancellationToken.IsCancellationRequested)
                    {
                        long t = Interlocked.Read(ref total);
                        bar.IsIndeterminate = t <= 0;
                        if (t > 0)
                        {
                            bar.MaxValue = t;
                            bar.Value = Interlocked.Read(ref done);
                        }
                        Thread.Sleep(100);
                    }
                    bar.IsIndeterminate = false;
                    bar.Value = bar.MaxValue;
                });
        }
        WaitFor(task, Timeout.InfiniteTimeSpan, cancellationToken);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/>, which reports nothing (a spinner with the elapsed time).</summary>
    public static T Run<T>(IAnsiConsole console, string label, Func<T> work, CancellationToken cancellationToken) =>
        Run(console, label, _ => work(), cancellationToken);

    /// <summary>Runs <paramref name="work"/> that returns nothing.</summary>
    public static void Run(IAnsiConsole console, string label, Action work, CancellationToken cancellationToken) =>
        Run(console, label, _ => { work(); return 0; }, cancellationToken);

    private static bool WaitFor(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        WaitHandle.WaitAny([((IAsyncResult)task).AsyncWaitHandle, cancellationToken.WaitHandle], timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return task.IsCompleted;
    }

    private sealed class Progress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
