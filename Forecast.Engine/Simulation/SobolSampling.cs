using Forecast.Engine.Randomness;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Scrambled Sobol points for a run, as a Latin supercube (Owen 1998): each driver is a group of
/// dimensions (its level, then its shock in each step) and each indicator another (its two binomial
/// uniforms in each step). A group takes its coordinates from its own scrambled Sobol sequence, so the
/// dimensions that act together get the low, well-spread dimensions of a sequence; within each block of
/// 1,024 paths the group's points are handed to the paths in a random order of its own, which makes
/// groups independent of one another, as in Latin hypercube sampling. Every scramble and order comes from
/// the run's seed and the group's key, so the result does not depend on the thread count.
/// </summary>
/// <remarks>
/// The run is <see cref="Replicates"/> independent randomised-QMC replicates: every group has one independently
/// scrambled sequence per replicate, block b belongs to replicate b mod 16 and takes its points
/// ⌊b/16⌋·1024 onwards. Each replicate is a Sobol sequence of its own (its first 2^m points a net), and the spread
/// of the replicates' estimates is what the intervals of a Sobol run are computed from (<see cref="ClusterTotals"/>):
/// the points of one sequence are not independent, but its replicates are.
/// </remarks>
internal sealed class SobolSampling
{
    /// <summary>Independently scrambled replicates of a run (block b in replicate b mod this).</summary>
    public const int Replicates = 16;

    private readonly SobolSequence[][] _drivers;
    private readonly SobolSequence[][] _indicators;

    private SobolSampling(SobolSequence[][] drivers, SobolSequence[][] indicators)
    {
        _drivers = drivers;
        _indicators = indicators;
    }

    /// <summary>Scrambled sequences for every driver and indicator of <paramref name="plan"/>, one per replicate.</summary>
    public static SobolSampling Create(SimulationPlan plan, ulong seed)
    {
        var drivers = new SobolSequence[Replicates][];
        var indicators = new SobolSequence[Replicates][];
        for (int r = 0; r < Replicates; r++)
        {
            // Replicate r's scrambles come from the stream keyed (seed, −1 − r, group).
            drivers[r] = new SobolSequence[plan.DriverCount];
            for (int d = 0; d < plan.DriverCount; d++)
                drivers[r][d] = SobolSequence.Create(1 + plan.Steps, StreamKey.Derive(seed, -1 - r, plan.DriverKeys[d]).NextUInt64());
            indicators[r] = new SobolSequence[plan.Indicators.Length];
            for (int k = 0; k < plan.Indicators.Length; k++)
                indicators[r][k] = SobolSequence.Create(2 * plan.Steps, StreamKey.Derive(seed, -1 - r, plan.Indicators[k].StreamKey).NextUInt64());
        }
        return new SobolSampling(drivers, indicators);
    }

    /// <summary>The replicate of block <paramref name="block"/>.</summary>
    public static int ReplicateOf(long block) => (int)(block % Replicates);

    /// <summary>The index, in its replicate's sequence, of the first point of block <paramref name="block"/>.</summary>
    public static long FirstPointOf(long block) => block / Replicates * BlockWorkspace.BlockSize;

    /// <summary>The sequence of a group in a replicate.</summary>
    public SobolSequence Sequence(SobolCoordinate coordinate, int replicate) =>
        coordinate.IsIndicator ? _indicators[replicate][coordinate.Group] : _drivers[replicate][coordinate.Group];
}
