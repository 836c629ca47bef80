using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>The independent units a run's paths come in, which an interval's variance is estimated from.</summary>
public enum IntervalUnit
{
    /// <summary>Each path (plain Monte Carlo): Wilson's interval.</summary>
    Path,

    /// <summary>Antithetic pairs: path i and path i + ⌈n/2⌉ of a block of n share their draws, mirrored.</summary>
    AntitheticPair,

    /// <summary>Blocks of 1,024 paths: each block of a Latin hypercube run is one independently permuted hypercube.</summary>
    Block,

    /// <summary>Independently scrambled Sobol sequences: block b belongs to replicate b mod <see cref="SobolSampling.Replicates"/>.</summary>
    SobolReplicate,

    /// <summary>
    /// A nowcast's resampled parameter draws: its paths are copies of few first-pass draws (as many copies as each draw's
    /// weight), so the paths that descend from one draw are one unit; the draws are put in <see cref="ResampledDraws.Groups"/>
    /// groups (draw i in group i mod G), independent because the draws are.
    /// </summary>
    ParameterDraws,
}

/// <summary>
/// Which first-pass parameter draw each path of a nowcast's second pass descends from (<see cref="IntervalUnit.ParameterDraws"/>).
/// </summary>
/// <param name="Source">Path j descends from draw Source[j].</param>
/// <param name="EffectiveSampleSize">The draws' effective sample size: when every unit agrees (a probability of 0 or 1),
/// the interval is Wilson's on this many draws, not on the paths.</param>
internal sealed record ResampledDraws(int[] Source, double EffectiveSampleSize)
{
    /// <summary>Groups of draws kept: enough degrees of freedom for Student's t, few enough to keep per group and outcome.</summary>
    public const int Groups = 256;

    /// <summary>The group of path j's draw.</summary>
    public int GroupOf(long path) => Source[path] % Groups;
}

/// <summary>
/// The unit sums behind the intervals of per-path outcomes (a target met, every target met, a scenario's gain over
/// the reference) under a sampling method whose paths are not independent (<see cref="ClusteredInterval"/>). Pairs and
/// blocks close within a block, so each block adds its units' x_c², x_c·n_c and n_c² at once; Sobol replicates span the
/// run, so their totals are kept per replicate. Everything is an integer: merging in any order gives the same result.
/// Plain Monte Carlo keeps nothing (its intervals need only the totals).
/// </summary>
internal sealed class ClusterTotals
{
    private readonly int _events;
    private readonly long[] _totals;
    private readonly long[] _squares;
    private readonly long[] _cross;
    private readonly long[] _replicateTotals;
    private readonly long[] _replicatePaths;
    private readonly ResampledDraws? _draws;
    private long _sizeSquares;
    private long _units;
    private long _paths;

    /// <param name="sampling">The run's sampling method.</param>
    /// <param name="events">Outcomes kept.</param>
    /// <param name="draws">For a nowcast's second pass: the draw each path descends from (then the unit is the draws' group, whatever the sampling).</param>
    public ClusterTotals(SamplingMethod sampling, int events, ResampledDraws? draws = null)
    {
        Unit = draws is null ? UnitOf(sampling) : IntervalUnit.ParameterDraws;
        _draws = draws;
        _events = events;
        bool perBlock = Unit is IntervalUnit.AntitheticPair or IntervalUnit.Block;
        _totals = new long[events];
        _squares = perBlock ? new long[events] : [];
        _cross = perBlock ? new long[events] : [];
        _replicateTotals = Unit switch
        {
            IntervalUnit.SobolReplicate => new long[events * SobolSampling.Replicates],
            IntervalUnit.ParameterDraws => new long[events * ResampledDraws.Groups],
            _ => [],
        };
        _replicatePaths = Unit switch
        {
            IntervalUnit.SobolReplicate => new long[SobolSampling.Replicates],
            IntervalUnit.ParameterDraws => new long[ResampledDraws.Groups],
            _ => [],
        };
    }

    /// <summary>Set for a nowcast's second pass: the draw behind each path.</summary>
    public ResampledDraws? Draws => _draws;

    /// <summary>The units of the method.</summary>
    public IntervalUnit Unit { get; }

    /// <summary>The independent units of a sampling method.</summary>
    public static IntervalUnit UnitOf(SamplingMethod sampling) => sampling switch
    {
        SamplingMethod.Antithetic => IntervalUnit.AntitheticPair,
        SamplingMethod.LatinHypercube => IntervalUnit.Block,
        SamplingMethod.Sobol => IntervalUnit.SobolReplicate,
        _ => IntervalUnit.Path,
    };

    /// <summary>Independent units recorded (paths, pairs, blocks, or replicates with paths).</summary>
    public long Units => Unit switch
    {
        IntervalUnit.Path => _paths,
        IntervalUnit.SobolReplicate or IntervalUnit.ParameterDraws => _replicatePaths.Count(n => n > 0),
        _ => _units,
    };

    /// <summary>Adds a block's outcome e: path i met it when <paramref name="met"/>[i].</summary>
    public void Add(int e, ReadOnlySpan<bool> met, long block) => Add(e, new Flags(met), met.Length, block);

    /// <summary>Adds a block's outcome e: path i met it when <paramref name="counts"/>[i] equals <paramref name="all"/>.</summary>
    public void Add(int e, ReadOnlySpan<int> counts, int all, long block) => Add(e, new CountEquals(counts, all), counts.Length, block);

    /// <summary>Adds a block's outcome e = met − reference per path (−1, 0 or 1: a scenario's gain over the reference).</summary>
    public void Add(int e, ReadOnlySpan<bool> met, ReadOnlySpan<bool> reference, long block) =>
        Add(e, new Difference(met, reference), met.Length, block);

    /// <summary>Adds a block's outcome e: path i gains (+1) when both flags hold for it and not for the reference, loses (−1) conversely.</summary>
    public void Add(int e, ReadOnlySpan<int> counts, int all, ReadOnlySpan<int> referenceCounts, int referenceAll, long block) =>
        Add(e, new CountDifference(counts, all, referenceCounts, referenceAll), counts.Length, block);

    /// <summary>Closes a block of <paramref name="count"/> paths (after every outcome of it was added).</summary>
    public void EndBlock(int count, long block)
    {
        _paths += count;
        switch (Unit)
        {
            case IntervalUnit.AntitheticPair:
            {
                int half = (count + 1) / 2, pairs = count - half, singles = half - pairs;
                _units += half;
                _sizeSquares += 4L * pairs + singles;
                break;
            }
            case IntervalUnit.Block:
                _units++;
                _sizeSquares += (long)count * count;
                break;
            case IntervalUnit.SobolReplicate:
                _replicatePaths[Replicate(block)] += count;
                break;
            case IntervalUnit.ParameterDraws:
                for (int i = 0; i < count; i++) _replicatePaths[_draws!.GroupOf(block * BlockWorkspace.BlockSize + i)]++;
                break;
        }
    }

    /// <summary>The estimated variance of outcome e's mean over the paths; null for plain Monte Carlo (whose interval is Wilson's).</summary>
    public EstimateVariance? Variance(int e)
    {
        if (_paths == 0) return null;
        return Unit switch
        {
            IntervalUnit.Path => null,
            IntervalUnit.SobolReplicate => ClusteredInterval.Of(_replicateTotals.AsSpan(e * SobolSampling.Replicates, SobolSampling.Replicates), _replicatePaths),
            IntervalUnit.ParameterDraws => ClusteredInterval.Of(_replicateTotals.AsSpan(e * ResampledDraws.Groups, ResampledDraws.Groups), _replicatePaths),
            _ => ClusteredInterval.Of(_totals[e], _paths, _squares[e], _cross[e], _sizeSquares, _units),
        };
    }

    /// <summary>Adds <paramref name="part"/> into this and empties it.</summary>
    public void Move(ClusterTotals part)
    {
        for (int e = 0; e < _events; e++) _totals[e] += part._totals[e];
        for (int e = 0; e < _squares.Length; e++)
        {
            _squares[e] += part._squares[e];
            _cross[e] += part._cross[e];
        }
        for (int j = 0; j < _replicateTotals.Length; j++) _replicateTotals[j] += part._replicateTotals[j];
        for (int r = 0; r < _replicatePaths.Length; r++) _replicatePaths[r] += part._replicatePaths[r];
        _sizeSquares += part._sizeSquares;
        _units += part._units;
        _paths += part._paths;
        part.Clear();
    }

    /// <summary>Writes every total (integers: adding them in any order is exact).</summary>
    public void Write(BinaryWriter writer)
    {
        foreach (var array in (long[][])[_totals, _squares, _cross, _replicateTotals, _replicatePaths]) StateIO.Write(writer, array);
        StateIO.Write(writer, [_sizeSquares, _units, _paths]);
    }

    /// <summary>Adds totals written by <see cref="Write"/> for the same method and outcomes.</summary>
    public void Add(BinaryReader reader)
    {
        foreach (var array in (long[][])[_totals, _squares, _cross, _replicateTotals, _replicatePaths]) StateIO.Add(reader, array);
        var scalars = new long[3];
        StateIO.Read(reader, scalars);
        _sizeSquares += scalars[0];
        _units += scalars[1];
        _paths += scalars[2];
    }

    private void Clear()
    {
        Array.Clear(_totals);
        Array.Clear(_squares);
        Array.Clear(_cross);
        Array.Clear(_replicateTotals);
        Array.Clear(_replicatePaths);
        _sizeSquares = _units = _paths = 0;
    }

    private static int Replicate(long block) => (int)(block % SobolSampling.Replicates);

    private void Add<TValues>(int e, TValues x, int count, long block) where TValues : struct, IPathValues, allows ref struct
    {
        long total = 0;
        switch (Unit)
        {
            case IntervalUnit.AntitheticPair:
            {
                // Path j pairs with j + half (the mirrored half of the block); with an odd count the middle path is alone.
                int half = (count + 1) / 2;
                long squares = 0, cross = 0;
                for (int j = 0; j < half; j++)
                {
                    int a = x.Value(j);
                    if (j + half < count)
                    {
                        int s = a + x.Value(j + half);
                        squares += s * s;
                        cross += 2 * s;
                        total += s;
                    }
                    else
                    {
                        squares += a * a;
                        cross += a;
                        total += a;
                    }
                }
                _squares[e] += squares;
                _cross[e] += cross;
                break;
            }
            case IntervalUnit.Block:
                for (int i = 0; i < count; i++) total += x.Value(i);
                _squares[e] += total * total;
                _cross[e] += total * count;
                break;
            case IntervalUnit.SobolReplicate:
                for (int i = 0; i < count; i++) total += x.Value(i);
                _replicateTotals[e * SobolSampling.Replicates + Replicate(block)] += total;
                break;
            case IntervalUnit.ParameterDraws:
            {
                long first = block * BlockWorkspace.BlockSize;
                for (int i = 0; i < count; i++)
                {
                    int value = x.Value(i);
                    total += value;
                    _replicateTotals[e * ResampledDraws.Groups + _draws!.GroupOf(first + i)] += value;
                }
                break;
            }
            default:
                for (int i = 0; i < count; i++) total += x.Value(i);
                break;
        }
        _totals[e] += total;
    }

    /// <summary>A block's per-path outcome, read by index (a struct, so the loops are specialised).</summary>
    private interface IPathValues
    {
        int Value(int i);
    }

    private readonly ref struct Flags(ReadOnlySpan<bool> met) : IPathValues
    {
        private readonly ReadOnlySpan<bool> _met = met;

        public int Value(int i) => _met[i] ? 1 : 0;
    }

    private readonly ref struct CountEquals(ReadOnlySpan<int> counts, int all) : IPathValues
    {
        private readonly ReadOnlySpan<int> _counts = counts;

        public int Value(int i) => _counts[i] == all ? 1 : 0;
    }

    private readonly ref struct Difference(ReadOnlySpan<bool> met, ReadOnlySpan<bool> reference) : IPathValues
    {
        private readonly ReadOnlySpan<bool> _met = met;
        private readonly ReadOnlySpan<bool> _reference = reference;

        public int Value(int i) => (_met[i] ? 1 : 0) - (_reference[i] ? 1 : 0);
    }

    private readonly ref struct CountDifference(ReadOnlySpan<int> counts, int all, ReadOnlySpan<int> referenceCounts, int referenceAll) : IPathValues
    {
        private readonly ReadOnlySpan<int> _counts = counts;
        private readonly ReadOnlySpan<int> _reference = referenceCounts;

        public int Value(int i) => (_counts[i] == all ? 1 : 0) - (_reference[i] == referenceAll ? 1 : 0);
    }
}
