using Forecast.Engine.Randomness;

namespace Forecast.Engine.Sensitivity;

/// <summary>
/// Which design rows an estimator visits, and in what order: every row once (the point estimate)
/// or N rows drawn with replacement (one bootstrap replicate). A struct constraint lets the JIT
/// specialise the estimator loop for each, with no interface dispatch and no allocation.
/// </summary>
internal interface IRowSelection
{
    /// <summary>The index of the next row to visit, in [0, N).</summary>
    int NextRow();
}

/// <summary>Visits rows 0, 1, …, N − 1 in order.</summary>
internal struct EveryRow : IRowSelection
{
    private int _next;

    /// <inheritdoc />
    public int NextRow() => _next++;
}

/// <summary>
/// Draws row indices uniformly with replacement from [0, N) for one bootstrap replicate. The index
/// is the high word of a 64-bit draw times N (Lemire 2019, without the rejection step): its bias is
/// below N / 2^64, far under any Monte Carlo error here.
/// </summary>
internal struct ResampledRows : IRowSelection
{
    private Xoshiro256StarStar _generator;
    private readonly ulong _rowCount;

    /// <summary>Resamples from <paramref name="rowCount"/> rows with <paramref name="generator"/> (copied).</summary>
    public ResampledRows(Xoshiro256StarStar generator, int rowCount)
    {
        _generator = generator;
        _rowCount = (ulong)rowCount;
    }

    /// <inheritdoc />
    public int NextRow() => (int)Math.BigMul(_generator.NextUInt64(), _rowCount, out _);
}

/// <summary>Visits the rows of one replicate of a quasi-random design: r, r + R, r + 2R, …</summary>
internal struct ReplicateRows(int replicate, int replicates) : IRowSelection
{
    private int _next = replicate;

    /// <inheritdoc />
    public int NextRow()
    {
        int row = _next;
        _next += replicates;
        return row;
    }
}
