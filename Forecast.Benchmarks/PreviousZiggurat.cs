using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Forecast.Engine.Randomness;

namespace Forecast.Benchmarks;

/// <summary>
/// The ziggurat's vector part as it was at main 5edf1be (the benchmark's baseline only), with the eight-lane generator of
/// that commit (<see cref="PreviousXoshiro256x8"/>): the layers' offsets taken out of the register lane by lane, the
/// generator's products by 5 and 9 as 64-bit vector multiplies. The tables, constants and scalar rejection steps are the
/// engine's own (unchanged).
/// </summary>
internal static class PreviousZiggurat
{
    private const ulong LayerMask = Ziggurat.LayerMask;
    private const double Unit52 = Ziggurat.Unit52;
    private const int Pass = Ziggurat.Pass;
    private static readonly double[] X = Ziggurat.X;
    private static readonly double[] Ratio = Ziggurat.Ratio;
    private static readonly double[] Pairs = Enumerable.Range(0, 2 * 1024).Select(j => j % 2 == 0 ? X[j / 2] : Ratio[j / 2]).ToArray();

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
        var lanes = PreviousXoshiro256x8.Of(Xoshiro256x8.Split(ref generator));
        // The buffers are the thread's own, made once: a stackalloc is zeroed on every call (the assembly keeps locals
        // initialised), which cost bench-gbm8 about 6% of its time; every entry read here is written first in this call.
        var buffers = t_buffers ??= new Buffers();
        int n = destination.Length;
        for (int first = 0; first < n; first += Pass)
        {
            // The lanes outside the sure part of their layer, in draw order: where they go and their 64 bits. They are
            // finished after the vector pass (no call inside it, which would spill the pass's registers); the scalar
            // steps use the parent stream in the same order as finishing each lane at once would.
            int rejected = DrawPass(ref lanes, destination, first, buffers);
            for (int r = 0; r < rejected; r++)
            {
                ulong b = buffers.RejectedBits[r];
                // Lanes past the end of the span are finished too (and dropped), so the stream moves as it always has.
                double value = Ziggurat.Slow(ref generator, (int)(b & LayerMask), ((b >> 11) + 0.5) * Unit52 - 1);
                int at = buffers.RejectedAt[r];
                if (at < n) destination[at] = value;
            }
        }
    }

    /// <summary>
    /// The vector part of one pass: the draws [<paramref name="first"/>, first + <see cref="Pass"/>) of
    /// <paramref name="destination"/> (the last, partial eight drawn whole and cut), eight at a time. Returns how many
    /// lanes it noted in <paramref name="buffers"/> for the scalar steps. A method of its own, with the lanes' state
    /// copied into locals: nothing is live across a call, so the generator's state stays in registers (in
    /// <see cref="Fill"/>, around the call to <see cref="Ziggurat.Slow"/>, it went to the stack and back on every eight).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DrawPass(ref PreviousXoshiro256x8 state, Span<double> destination, int first, Buffers buffers)
    {
        var lanes = state;
        ref double edges = ref MemoryMarshal.GetArrayDataReference(X);
        ref double ratios = ref MemoryMarshal.GetArrayDataReference(Ratio);
        ref double pairs = ref MemoryMarshal.GetArrayDataReference(Pairs);
        Span<ulong> laneBits = buffers.LaneBits;
        Span<int> rejectedAt = buffers.RejectedAt;
        Span<ulong> rejectedBits = buffers.RejectedBits;
        ref double target = ref MemoryMarshal.GetReference(destination);
        int n = destination.Length, whole = n & ~7;
        int end = Math.Min(whole, first + Pass), rejected = 0;
        int i = first;
        for (; i < end; i += 8)
        {
            var bits = lanes.Next();
            var (z, outside) = Draw(ref edges, ref ratios, ref pairs, bits);
            z.StoreUnsafe(ref target, (nuint)i);
            if (outside != 0) rejected = Note(bits, outside, i, laneBits, rejectedAt, rejectedBits, rejected);
        }
        if (i < n && i < first + Pass)
        {
            // The last, partial eight: all eight lanes are drawn (and finished), as many as the span takes are kept.
            var bits = lanes.Next();
            var (z, outside) = Draw(ref edges, ref ratios, ref pairs, bits);
            Span<double> rest = buffers.Rest;
            z.CopyTo(rest);
            rest[..(n - i)].CopyTo(destination[i..]);
            if (outside != 0) rejected = Note(bits, outside, i, laneBits, rejectedAt, rejectedBits, rejected);
        }
        state = lanes;
        return rejected;
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
    private static (Vector512<double> Z, ulong Outside) Draw(ref double edges, ref double ratios, ref double pairs, Vector512<ulong> bits)
    {
        // u = ((bits >> 11) + 0.5)·2⁻⁵² − 1, in (−1, 1); the sum is exact.
        var u = (Vector512.ConvertToDouble(Vector512.ShiftRightLogical(bits, 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit52)
            - Vector512.Create(1.0);
        Vector512<double> x, ratio;
        if (Avx512F.IsSupported)
        {
            // .NET has no AVX-512 gather: each lane loads its layer's (X, Ratio) pair in one 128-bit load, and two
            // permutes sort the eight pairs into X and Ratio.
            var index = Vector512.ShiftLeft(bits & Vector512.Create(LayerMask), 1);
            var low = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(0)), Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(1))),
                Vector256.Create(Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(2)), Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(3))));
            var high = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(4)), Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(5))),
                Vector256.Create(Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(6)), Vector128.LoadUnsafe(ref pairs, (nuint)index.GetElement(7))));
            x = Avx512F.PermuteVar8x64x2(low, Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14), high);
            ratio = Avx512F.PermuteVar8x64x2(low, Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15), high);
        }
        else
        {
            var layer = bits & Vector512.Create(LayerMask);
            nuint l0 = (nuint)layer.GetElement(0), l1 = (nuint)layer.GetElement(1), l2 = (nuint)layer.GetElement(2), l3 = (nuint)layer.GetElement(3);
            nuint l4 = (nuint)layer.GetElement(4), l5 = (nuint)layer.GetElement(5), l6 = (nuint)layer.GetElement(6), l7 = (nuint)layer.GetElement(7);
            // Eight loads from each table (0 ≤ layer < 1,024, both tables that long or longer).
            x = Vector512.Create(Unsafe.Add(ref edges, l0), Unsafe.Add(ref edges, l1), Unsafe.Add(ref edges, l2), Unsafe.Add(ref edges, l3),
                Unsafe.Add(ref edges, l4), Unsafe.Add(ref edges, l5), Unsafe.Add(ref edges, l6), Unsafe.Add(ref edges, l7));
            ratio = Vector512.Create(Unsafe.Add(ref ratios, l0), Unsafe.Add(ref ratios, l1), Unsafe.Add(ref ratios, l2), Unsafe.Add(ref ratios, l3),
                Unsafe.Add(ref ratios, l4), Unsafe.Add(ref ratios, l5), Unsafe.Add(ref ratios, l6), Unsafe.Add(ref ratios, l7));
        }
        ulong outside = ~Vector512.LessThan(Vector512.Abs(u), ratio).ExtractMostSignificantBits() & 0xFF;
        return (u * x, outside);
    }

}
