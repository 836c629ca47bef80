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
internal sealed class SobolSampling
{
    private readonly SobolSequence[] _drivers;
    private readonly SobolSequence[] _indicators;

    private SobolSampling(SobolSequence[] drivers, SobolSequence[] indicators)
    {
        _drivers = drivers;
        _indicators = indicators;
    }

    /// <summary>Scrambled sequences for every driver and indicator of <paramref name="plan"/>.</summary>
    public static SobolSampling Create(SimulationPlan plan, ulong seed)
    {
        var drivers = new SobolSequence[plan.DriverCount];
        for (int d = 0; d < drivers.Length; d++)
            drivers[d] = SobolSequence.Create(1 + plan.Steps, StreamKey.Derive(seed, -1, plan.DriverKeys[d]).NextUInt64());
        var indicators = new SobolSequence[plan.Indicators.Length];
        for (int k = 0; k < indicators.Length; k++)
            indicators[k] = SobolSequence.Create(2 * plan.Steps, StreamKey.Derive(seed, -1, plan.Indicators[k].StreamKey).NextUInt64());
        return new SobolSampling(drivers, indicators);
    }

    /// <summary>The sequence of a group.</summary>
    public SobolSequence Sequence(SobolCoordinate coordinate) =>
        coordinate.IsIndicator ? _indicators[coordinate.Group] : _drivers[coordinate.Group];
}
