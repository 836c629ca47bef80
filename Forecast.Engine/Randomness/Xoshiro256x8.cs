using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Engine.Randomness;

/// <summary>
/// Eight independent xoshiro256** generators advanced together in the lanes of 512-bit vectors, for
/// filling long spans of a block: one step yields eight 64-bit outputs (AVX-512 where present; on other
/// processors .NET runs the same lane arithmetic on narrower vectors or scalars, with the same bits).
/// A lane generator is split off a <see cref="Xoshiro256StarStar"/> stream, which gives one output per
/// lane as a SplitMix64 seed; so the draws depend only on the parent stream and the span length.
/// </summary>
public struct Xoshiro256x8
{
    private const double Unit = 1.0 / (1UL << 53);
    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Splits a lane generator off <paramref name="parent"/>, advancing the parent by eight outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Xoshiro256x8 Split(ref Xoshiro256StarStar parent)
    {
        // Lane j's state words are SplitMix64 run from the parent's j-th output: word w = Mix(seed + (w + 1)·γ). All eight
        // lanes at once (exact integer arithmetic, so the same words as SplitMix64.Next lane by lane): a split comes before
        // every span a lane generator fills, and 32 scalar mixes were some 1.5% of a bench-gbm8 run.
        var seeds = Vector512.Create(parent.NextUInt64(), parent.NextUInt64(), parent.NextUInt64(), parent.NextUInt64(),
            parent.NextUInt64(), parent.NextUInt64(), parent.NextUInt64(), parent.NextUInt64());
        var gamma = Vector512.Create(SplitMix64.Gamma);
        var s0 = seeds + gamma;
        var s1 = s0 + gamma;
        var s2 = s1 + gamma;
        var s3 = s2 + gamma;
        return new Xoshiro256x8 { _s0 = Mix(s0), _s1 = Mix(s1), _s2 = Mix(s2), _s3 = Mix(s3) };
    }

    /// <summary><see cref="SplitMix64.Mix"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(SplitMix64.Multiplier1);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(SplitMix64.Multiplier2);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    /// <summary>The next 64 random bits of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Next()
    {
        // result = rotl(s1·5, 7)·9. The products modulo 2⁶⁴ as a shift and an add (x·5 = (x << 2) + x, x·9 = (x << 3) + x):
        // the same bits, two one-cycle instructions where the 64-bit vector multiply (vpmullq) is three uops and 15 cycles.
        var s1 = _s1;
        var x = Vector512.ShiftLeft(s1, 2) + s1;
        var rotated = RotateLeft(x, 7);
        var result = Vector512.ShiftLeft(rotated, 3) + rotated;
        var t = Vector512.ShiftLeft(s1, 17);
        _s2 ^= _s0;
        _s3 ^= s1;
        _s1 = s1 ^ _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Each lane rotated left by <paramref name="bits"/>: one vprolq where AVX-512 has it, two shifts and an or elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> RotateLeft(Vector512<ulong> x, [ConstantExpected] byte bits) =>
        Avx512F.IsSupported ? Avx512F.RotateLeft(x, bits) : Vector512.ShiftLeft(x, bits) | Vector512.ShiftRightLogical(x, 64 - bits);

    /// <summary>Eight uniforms in the open interval (0, 1), 53 random bits each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> NextOpenDouble() =>
        (Vector512.ConvertToDouble(Vector512.ShiftRightLogical(Next(), 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit);

    /// <summary>Fills <paramref name="destination"/> with open uniforms, eight at a time (the last step's surplus is dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillOpenUniform(Span<double> destination)
    {
        var g = this;
        int i = 0;
        for (; i + 8 <= destination.Length; i += 8) g.NextOpenDouble().CopyTo(destination[i..]);
        if (i < destination.Length)
        {
            Span<double> rest = stackalloc double[8];
            g.NextOpenDouble().CopyTo(rest);
            rest[..(destination.Length - i)].CopyTo(destination[i..]);
        }
        this = g;
    }
}
