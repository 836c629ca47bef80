using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Forecast.Runner.Workbench;

/// <summary>A longer analysis (sweep, tornado, goal seek) the page started and polls for its progress and result.</summary>
internal sealed class WorkbenchJob(string id, string kind)
{
    private double _progress = -1;

    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>Fraction done in [0, 1], or −1 when the analysis cannot say (goal seek's bisection).</summary>
    public double Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    /// <summary>"running", "done", "failed" or "cancelled".</summary>
    public volatile string State = "running";
    public volatile object? Result;
    public volatile object? Error;
    public long LastSeen = Environment.TickCount64;
}

/// <summary>
/// The running analyses: each runs through the <see cref="SimulationGate"/> like any simulation, and is cancelled when its
/// page stops polling (a closed tab) for <see cref="Abandoned"/>. Ids are random, so one client cannot guess another's.
/// </summary>
internal sealed class WorkbenchJobs : IDisposable
{
    private readonly ConcurrentDictionary<string, WorkbenchJob> _jobs = new(StringComparer.Ordinal);
    private readonly SimulationGate _gate;
    private readonly Timer _sweeper;

    public WorkbenchJobs(SimulationGate gate)
    {
        _gate = gate;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    /// <summary>A job not polled for this long is cancelled (running) or forgotten (finished).</summary>
    public static TimeSpan Abandoned { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>At most this many jobs at once, running or finished and not yet collected.</summary>
    public int MaxJobs => 4 * _gate.Slots;

    /// <summary>Starts <paramref name="work"/>; its progress goes to the job.</summary>
    /// <exception cref="ServerBusyException">Too many jobs.</exception>
    public WorkbenchJob Start(string kind, Func<WorkbenchJob, CancellationToken, object> work)
    {
        if (_jobs.Count >= MaxJobs)
            throw new ServerBusyException(Output.Words.F(Resources.AnalysisStrings.WbBusyAnalyses, _jobs.Count));
        var job = new WorkbenchJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(), kind);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                job.Result = await _gate.Run(null, token => work(job, token), job.Cancel.Token).ConfigureAwait(false);
                job.State = "done";
            }
            catch (OperationCanceledException)
            {
                job.State = "cancelled";
            }
            catch (Exception e)
            {
                job.Error = WorkbenchErrors.Describe(e);
                job.State = "failed";
            }
        });
        return job;
    }

    /// <summary>The job, marked as seen; null when there is none with this id.</summary>
    public WorkbenchJob? Poll(string id)
    {
        if (!_jobs.TryGetValue(id, out var job)) return null;
        Interlocked.Exchange(ref job.LastSeen, Environment.TickCount64);
        return job;
    }

    /// <summary>Cancels and forgets the job.</summary>
    public bool Stop(string id)
    {
        if (!_jobs.TryRemove(id, out var job)) return false;
        job.Cancel.Cancel();
        return true;
    }

    private void Sweep()
    {
        long now = Environment.TickCount64;
        foreach (var job in _jobs.Values)
            if (now - Interlocked.Read(ref job.LastSeen) > Abandoned.TotalMilliseconds) Stop(job.Id);
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var job in _jobs.Values) job.Cancel.Cancel();
    }
}
