using System.Collections.Concurrent;
using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Shares <see cref="LevelSampler"/>s between compilations of scenarios that use the same level
/// distribution (records compare by value). A Beta or PERT sampler tabulates 8,193 quantiles (a few
/// milliseconds); a lever sweep or goal seek compiles one scenario per lever value, all but one driver
/// unchanged, so the cache saves that work on every compilation but the first. Samplers are immutable,
/// so sharing them changes no result. The cache is emptied when it holds more than
/// <see cref="Capacity"/> samplers (about 64 kB each).
/// </summary>
internal static class LevelSamplerCache
{
    public const int Capacity = 512;
    private static readonly ConcurrentDictionary<Distribution, LevelSampler> Samplers = new();

    public static LevelSampler For(Distribution distribution)
    {
        if (Samplers.TryGetValue(distribution, out var sampler)) return sampler;
        if (Samplers.Count >= Capacity) Samplers.Clear();
        return Samplers.GetOrAdd(distribution, d => new LevelSampler(d));
    }
}
