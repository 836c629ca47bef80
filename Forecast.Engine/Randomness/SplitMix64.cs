namespace Forecast.Engine.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit mixing generator used here only to turn
/// seeds and stream keys into well-spread generator states.
/// </summary>
public static class SplitMix64
{
    /// <summary>The increment: 2⁶⁴ divided by the golden ratio, odd.</summary>
    internal const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser's two multipliers (Stafford's variant 13).</summary>
    internal const ulong Multiplier1 = 0xBF58476D1CE4E5B9UL, Multiplier2 = 0x94D049BB133111EBUL;

    /// <summary>Advances <paramref name="state"/> by the golden-ratio increment and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of all 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Multiplier1;
        z = (z ^ (z >> 27)) * Multiplier2;
        return z ^ (z >> 31);
    }
}
