namespace Forecast.Engine.Randomness;

/// <summary>
/// Stable 64-bit keys for random streams. A stream is identified by (seed, block index, key),
/// where the key names what the draws mean (a driver id, an indicator id); two scenarios that
/// share a driver therefore share its draws (common random numbers), whatever else differs.
/// </summary>
public static class StreamKey
{
    /// <summary>FNV-1a hash of the UTF-16 code units of <paramref name="name"/>, stable across runs and platforms.</summary>
    public static ulong Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    /// <summary>
    /// Derives the generator for stream <paramref name="key"/> of block <paramref name="block"/>
    /// under <paramref name="seed"/>. Different inputs give statistically independent streams.
    /// </summary>
    public static Xoshiro256StarStar Derive(ulong seed, long block, ulong key)
    {
        ulong s = SplitMix64.Mix(seed ^ 0x5DEECE66DUL);
        s = SplitMix64.Mix(s ^ (ulong)block * 0xD1B54A32D192ED03UL);
        s = SplitMix64.Mix(s ^ key);
        return Xoshiro256StarStar.FromSeed(s);
    }
}
