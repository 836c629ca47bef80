using System.Numerics;
using System.Runtime.CompilerServices;

namespace Forecast.Engine.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna 2018), the generator behind every draw of the engine.
/// A mutable value type: copy it into a local in hot loops and write it back once.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four state words from <paramref name="seed"/> through SplitMix64, as the authors recommend.</summary>
    public static Xoshiro256StarStar FromSeed(ulong seed)
    {
        ulong sm = seed;
        var g = new Xoshiro256StarStar
        {
            _s0 = SplitMix64.Next(ref sm),
            _s1 = SplitMix64.Next(ref sm),
            _s2 = SplitMix64.Next(ref sm),
            _s3 = SplitMix64.Next(ref sm),
        };
        return g;
    }

    /// <summary>A generator with the given raw state (not all zero), for reference-vector tests.</summary>
    internal static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new() { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in the open interval (0, 1): safe for inverse CDFs and logarithms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>
    /// Fills <paramref name="destination"/> with standard normal draws by the ziggurat method, eight at a
    /// time in the lanes of a <see cref="Xoshiro256x8"/> split off this stream (see <see cref="Ziggurat"/>),
    /// so the draws depend on the stream and the destination length only, never on the thread.
    /// </summary>
    public void FillStandardNormal(Span<double> destination) => Ziggurat.Fill(ref this, destination);

    /// <summary>
    /// Fills <paramref name="destination"/> with uniforms in the open interval (0, 1): one at a time for
    /// short spans, from a <see cref="Xoshiro256x8"/> split off this stream for spans of 64 or more.
    /// </summary>
    public void FillOpenUniform(Span<double> destination)
    {
        if (destination.Length >= 64)
        {
            Xoshiro256x8.Split(ref this).FillOpenUniform(destination);
            return;
        }
        var g = this;
        for (int i = 0; i < destination.Length; i++) destination[i] = g.NextOpenDouble();
        this = g;
    }
}
