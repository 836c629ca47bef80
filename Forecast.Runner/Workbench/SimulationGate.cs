using System.Collections.Concurrent;
using System.Globalization;

namespace Forecast.Runner.Workbench;

/// <summary>
/// Lets at most <see cref="Slots"/> simulations run at once (the rest wait up to <see cref="Wait"/>, then are refused with
/// <see cref="ServerBusyException"/>), and cancels a client's earlier request on the same channel when a newer one
/// arrives (<c>supersede</c>), so the page follows the hand instead of a queue of stale lever positions.
/// </summary>
internal sealed class SimulationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _latest = new(StringComparer.Ordinal);
    private long _running;

    public SimulationGate(int slots, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        Wait = wait;
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>Simulations that may run at once.</summary>
    public int Slots { get; }

    /// <summary>How long a request waits for a slot before it is refused.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Simulations running now.</summary>
    public long Running => Interlocked.Read(ref _running);

    /// <summary>
    /// Runs <paramref name="work"/> on a worker once a slot is free. <paramref name="supersede"/> (a client's session and
    /// channel, or null) cancels the previous request with the same key; <paramref name="cancellationToken"/> is the
    /// request's (a closed tab).
    /// </summary>
    /// <exception cref="ServerBusyException">No slot came free within <see cref="Wait"/>.</exception>
    /// <exception cref="OperationCanceledException">The client went away or a newer request superseded this one.</exception>
    public async Task<T> Run<T>(string? supersede, Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        using var mine = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (supersede is not null)
        {
            _latest.AddOrUpdate(supersede, mine, (_, earlier) =>
            {
                try
                {
                    earlier.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The earlier request has finished meanwhile.
                }
                return mine;
            });
        }
        try
        {
            if (!await _slots.WaitAsync(Wait, mine.Token).ConfigureAwait(false))
                throw new ServerBusyException(Output.Words.F(Resources.AnalysisStrings.WbBusySimulations,
                    Slots, Wait.TotalSeconds));
            try
            {
                Interlocked.Increment(ref _running);
                return await Task.Run(() => work(mine.Token), mine.Token).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _slots.Release();
            }
        }
        finally
        {
            if (supersede is not null) _latest.TryRemove(new KeyValuePair<string, CancellationTokenSource>(supersede, mine));
        }
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>Every simulation slot stayed busy for the whole wait: the request is refused with this message (HTTP 503).</summary>
internal sealed class ServerBusyException(string message) : Exception(message);
