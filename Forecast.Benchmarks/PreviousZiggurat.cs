using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Forecast.Engine.Randomness;

namespace Forecast.Benchmarks;

/// <summary>The ziggurat's vector part as it was at main 1f1a541 (the benchmark's baseline only).
/// 
/// Standard normal draws by the ziggurat method of Marsaglia and Tsang (2000) in Doornik's ZIGNOR form
/// (2005): 1,024 layers of equal area V under exp(−x²/2), the base strip's edge at R (R solved so that the layers
/// end at the peak, V = R·f(R) + the tail's area; the same solver gives Marsaglia and Tsang's 128- and 256-layer
/// constants to all printed digits). Each draw takes one 64-bit output: its low 10 bits pick the layer i, its high
/// 53 bits a uniform u in (−1, 1); x = u·X[i] is accepted at once when |u| &lt; X[i+1]/X[i] (99.6% of draws;
/// 97.2% with 128 layers, whose rejected draws cost more than the layers' tables). Eight draws are made at once in the lanes of a
/// <see cref="Xoshiro256x8"/>; a lane that falls in a wedge or the tail is finished by the exact scalar
/// rejection steps, with further uniforms from the parent stream, so every draw is exactly N(0, 1) and
/// the sequence depends only on the stream and the span length.
/// </summary>
internal static class PreviousZiggurat
{
    // The tables, constants and scalar rejection steps are the engine's own (unchanged); only the vector part is the old one.
    private const ulong LayerMask = Ziggurat.LayerMask;
    private const double Unit52 = Ziggurat.Unit52;
    private const int Pass = Ziggurat.Pass;
    private static readonly double[] X = Ziggurat.X;
    private static readonly double[] Ratio = Ziggurat.Ratio;

    [ThreadStatic] private static Buffers? t_buffers;

    private sealed class Buffers
    {
        public readonly double[] Rest = new double[8];
        public readonly ulong[] LaneBits = new ulong[8];
        public readonly int[] RejectedAt = new int[Pass + 8];
        public readonly ulong[] RejectedBits = new ulong[Pass + 8];
    }

    public static void Fill(ref Xoshiro256StarStar generator, Span<double> destination)
    {
        if (destination.IsEmpty) return;
        var lanes = Xoshiro256x8.Split(ref generator);
        // The buffers are the thread's own, made once: a stackalloc is zeroed on every call (the assembly keeps locals
        // initialised), which cost bench-gbm8 about 6% of its time; every entry read here is written first in this call.
        var buffers = t_buffers ??= new Buffers();
        Span<double> rest = buffers.Rest;
        Span<ulong> laneBits = buffers.LaneBits;
        // The lanes outside the sure part of their layer, in draw order: where they go and their 64 bits. They are
        // finished after the vector loop (no call inside it, which would spill the loop's registers on every pass);
        // the scalar steps use the parent stream in the same order as finishing each lane at once would.
        Span<int> rejectedAt = buffers.RejectedAt;
        Span<ulong> rejectedBits = buffers.RejectedBits;
        ref double edges = ref MemoryMarshal.GetArrayDataReference(X);
        ref double ratios = ref MemoryMarshal.GetArrayDataReference(Ratio);
        int n = destination.Length, whole = n & ~7;
        for (int first = 0; first < n; first += Pass)
        {
            int end = Math.Min(whole, first + Pass), rejected = 0;
            int i = first;
            for (; i < end; i += 8)
            {
                var bits = lanes.Next();
                var (z, outside) = Draw(ref edges, ref ratios, bits);
                z.CopyTo(destination.Slice(i, 8));
                if (outside != 0) rejected = Note(bits, outside, i, laneBits, rejectedAt, rejectedBits, rejected);
            }
            if (i < n && i < first + Pass)
            {
                // The last, partial eight: all eight lanes are drawn (and finished), as many as the span takes are kept.
                var bits = lanes.Next();
                var (z, outside) = Draw(ref edges, ref ratios, bits);
                z.CopyTo(rest);
                rest[..(n - i)].CopyTo(destination[i..]);
                if (outside != 0) rejected = Note(bits, outside, i, laneBits, rejectedAt, rejectedBits, rejected);
            }
            for (int r = 0; r < rejected; r++)
            {
                ulong b = rejectedBits[r];
                // Lanes past the end of the span are finished too (and dropped), so the stream moves as it always has.
                double value = Slow(ref generator, (int)(b & LayerMask), ((b >> 11) + 0.5) * Unit52 - 1);
                if (rejectedAt[r] < n) destination[rejectedAt[r]] = value;
            }
        }
    }

    /// <summary>
    /// Notes the lanes of <paramref name="outside"/> (bit j: lane j), in lane order, for the scalar steps: where each
    /// goes (<paramref name="at"/> + j) and its 64 bits. Returns the new number of noted lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Note(Vector512<ulong> bits, ulong outside, int at, Span<ulong> laneBits, Span<int> rejectedAt, Span<ulong> rejectedBits, int rejected)
    {
        bits.CopyTo(laneBits);
        for (; outside != 0; outside &= outside - 1)
        {
            int j = BitOperations.TrailingZeroCount(outside);
            rejectedAt[rejected] = at + j;
            rejectedBits[rejected++] = laneBits[j];
        }
        return rejected;
    }

    /// <summary>Eight draws from eight 64-bit outputs: x = u·X[layer], and the lanes (bit j) outside the sure part of their layer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Z, ulong Outside) Draw(ref double edges, ref double ratios, Vector512<ulong> bits)
    {
        // u = ((bits >> 11) + 0.5)·2⁻⁵² − 1, in (−1, 1); the sum is exact.
        var u = (Vector512.ConvertToDouble(Vector512.ShiftRightLogical(bits, 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit52)
            - Vector512.Create(1.0);
        var layer = bits & Vector512.Create(LayerMask);
        nuint l0 = (nuint)layer.GetElement(0), l1 = (nuint)layer.GetElement(1), l2 = (nuint)layer.GetElement(2), l3 = (nuint)layer.GetElement(3);
        nuint l4 = (nuint)layer.GetElement(4), l5 = (nuint)layer.GetElement(5), l6 = (nuint)layer.GetElement(6), l7 = (nuint)layer.GetElement(7);
        // .NET has no AVX-512 gather: eight loads from each table (0 ≤ layer < 1,024, both tables that long or longer).
        var x = Vector512.Create(Unsafe.Add(ref edges, l0), Unsafe.Add(ref edges, l1), Unsafe.Add(ref edges, l2), Unsafe.Add(ref edges, l3),
            Unsafe.Add(ref edges, l4), Unsafe.Add(ref edges, l5), Unsafe.Add(ref edges, l6), Unsafe.Add(ref edges, l7));
        var ratio = Vector512.Create(Unsafe.Add(ref ratios, l0), Unsafe.Add(ref ratios, l1), Unsafe.Add(ref ratios, l2), Unsafe.Add(ref ratios, l3),
            Unsafe.Add(ref ratios, l4), Unsafe.Add(ref ratios, l5), Unsafe.Add(ref ratios, l6), Unsafe.Add(ref ratios, l7));
        ulong outside = ~Vector512.LessThan(Vector512.Abs(u), ratio).ExtractMostSignificantBits() & 0xFF;
        return (u * x, outside);
    }

    private static double Slow(ref Xoshiro256StarStar g, int i, double u) => Ziggurat.Slow(ref g, i, u);
}
