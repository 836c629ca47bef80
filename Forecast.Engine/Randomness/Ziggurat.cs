using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Engine.Randomness;

/// <summary>
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
internal static class Ziggurat
{
    private const int Layers = 1024;
    internal const ulong LayerMask = Layers - 1;
    private const double R = 4.038849846109505;
    private const double V = 0.0012263246463530852;
    internal const double Unit52 = 1.0 / (1UL << 52);

    /// <summary>X[0] = V/f(R) (the base strip's equivalent width), X[1] = R, decreasing to X[1024] = 0.</summary>
    internal static readonly double[] X = BuildEdges();

    /// <summary>F[i] = exp(−X[i]²/2), the curve at the layer edges (F[1024] = 1), for the wedge test's one exp.</summary>
    private static readonly double[] F = X.Select(x => Math.Exp(-0.5 * x * x)).ToArray();

    /// <summary>Ratio[i] = X[i+1]/X[i]: below it a point of layer i lies inside the curve for sure.</summary>
    internal static readonly double[] Ratio = BuildRatios(X);

    /// <summary>Pairs[2i] = X[i], Pairs[2i+1] = Ratio[i]: a layer's two numbers in one 128-bit load.</summary>
    private static readonly double[] Pairs = Enumerable.Range(0, 2 * Layers).Select(j => j % 2 == 0 ? X[j / 2] : Ratio[j / 2]).ToArray();

    /// <summary>
    /// Draws per pass: the lanes to finish by the scalar steps are kept in the thread's buffers until the pass ends,
    /// sized for the worst case (every lane). The pass length does not change the draws (the lanes and the scalar steps use separate streams, each in a fixed order).
    /// </summary>
    internal const int Pass = 128;

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
                double value = Slow(ref generator, (int)(b & LayerMask), ((b >> 11) + 0.5) * Unit52 - 1);
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
    /// <see cref="Fill"/>, around the call to <see cref="Slow"/>, it went to the stack and back on every eight).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DrawPass(ref Xoshiro256x8 state, Span<double> destination, int first, Buffers buffers)
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
        if (Avx512F.IsSupported)
        {
            // Two eights a turn, step by step side by side: each eight is one long chain (bits, layer, table loads,
            // permutes, test) that the out-of-order window cannot overlap with the next eight's; interleaved, the two
            // chains run together (1.55 → 1.22 ns per draw in isolation). The same draws and the same order of the
            // generator's outputs and of the lanes noted for the scalar steps.
            for (; i + 16 <= end; i += 16)
            {
                var bitsA = lanes.Next();
                var bitsB = lanes.Next();
                var (zA, outsideA, zB, outsideB) = DrawTwo(ref pairs, bitsA, bitsB);
                zA.StoreUnsafe(ref target, (nuint)i);
                zB.StoreUnsafe(ref target, (nuint)(i + 8));
                if ((outsideA | outsideB) != 0)
                {
                    if (outsideA != 0) rejected = Note(bitsA, outsideA, i, laneBits, rejectedAt, rejectedBits, rejected);
                    if (outsideB != 0) rejected = Note(bitsB, outsideB, i + 8, laneBits, rejectedAt, rejectedBits, rejected);
                }
            }
        }
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
        var u = Uniform(bits);
        Vector512<double> x, ratio;
        if (Avx512F.IsSupported)
        {
            // .NET has no AVX-512 gather: each lane loads its layer's (X, Ratio) pair in one 128-bit load, and two
            // permutes sort the eight pairs into X and Ratio.
            var index = PairIndices(bits);
            var low = PairsOf(ref pairs, index.GetLower());
            var high = PairsOf(ref pairs, index.GetUpper());
            x = Edges(low, high);
            ratio = Ratios(low, high);
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
        return (u * x, Outside(u, ratio));
    }

    /// <summary>
    /// <see cref="Draw"/> for two eights at once (AVX-512 only): the same steps, each taken for both eights before the
    /// next, so that the two chains interleave in the instruction stream.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> ZA, ulong OutsideA, Vector512<double> ZB, ulong OutsideB) DrawTwo(ref double pairs,
        Vector512<ulong> bitsA, Vector512<ulong> bitsB)
    {
        var uA = Uniform(bitsA);
        var uB = Uniform(bitsB);
        var indexA = PairIndices(bitsA);
        var indexB = PairIndices(bitsB);
        var lowA = PairsOf(ref pairs, indexA.GetLower());
        var lowB = PairsOf(ref pairs, indexB.GetLower());
        var highA = PairsOf(ref pairs, indexA.GetUpper());
        var highB = PairsOf(ref pairs, indexB.GetUpper());
        var xA = Edges(lowA, highA);
        var xB = Edges(lowB, highB);
        var ratioA = Ratios(lowA, highA);
        var ratioB = Ratios(lowB, highB);
        return (uA * xA, Outside(uA, ratioA), uB * xB, Outside(uB, ratioB));
    }

    /// <summary>u = ((bits >> 11) + 0.5)·2⁻⁵² − 1, in (−1, 1); the sum is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Uniform(Vector512<ulong> bits) =>
        (Vector512.ConvertToDouble(Vector512.ShiftRightLogical(bits, 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit52) - Vector512.Create(1.0);

    /// <summary>
    /// Where each lane's layer pair starts in <see cref="Pairs"/>, 2·layer, narrowed to 32 bits (AVX-512 only): two
    /// lanes' starts come out of a vector register in one 64-bit move and are split in general registers, where each
    /// 64-bit lane took a move of its own (the JIT extracted each lane's 128 bits anew, and filled each 512-bit half by
    /// an insert). Eight lanes' lookups now take 11 micro-ops on the two ports that run 512-bit work, against 22: the
    /// draws about 15% faster in isolation (1.18-1.35 → 0.95-1.2 ns each on a noisy machine), the same draws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> PairIndices(Vector512<ulong> bits) => Avx512F.ConvertToVector256UInt32(Vector512.ShiftLeft(bits & Vector512.Create(LayerMask), 1));

    /// <summary>The (X, Ratio) pairs of four lanes, a 128-bit load each, from their starts (two to a 64-bit word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PairsOf(ref double pairs, Vector128<uint> starts)
    {
        var words = starts.AsUInt64();
        return PairsOf(ref pairs, words.ToScalar()).ToVector512Unsafe().WithUpper(PairsOf(ref pairs, words.GetElement(1)));
    }

    /// <summary>The pairs of the two lanes whose starts a 64-bit word holds (the low half first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairsOf(ref double pairs, ulong starts) =>
        Vector256.Create(Vector128.LoadUnsafe(ref pairs, (nuint)(uint)starts), Vector128.LoadUnsafe(ref pairs, (nuint)(starts >> 32)));

    /// <summary>The eight layers' X from their pairs (the even halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Edges(Vector512<double> low, Vector512<double> high) =>
        Avx512F.PermuteVar8x64x2(low, Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14), high);

    /// <summary>The eight layers' Ratio from their pairs (the odd halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Ratios(Vector512<double> low, Vector512<double> high) =>
        Avx512F.PermuteVar8x64x2(low, Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15), high);

    /// <summary>The lanes (bit j) outside the sure part of their layer: |u| not below the layer's ratio.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Outside(Vector512<double> u, Vector512<double> ratio) =>
        ~Vector512.LessThan(Vector512.Abs(u), ratio).ExtractMostSignificantBits() & 0xFF;

    /// <summary>The rejection steps for a point outside the sure part of its layer: tail, wedge test, or a new point.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double Slow(ref Xoshiro256StarStar g, int i, double u)
    {
        while (true)
        {
            if (Math.Abs(u) < Ratio[i]) return u * X[i];
            if (i == 0) return Tail(ref g, u < 0);
            double x = u * X[i];
            // A uniform height in the layer, between f(X[i]) and f(X[i+1]), under the curve f(x)?
            if (F[i + 1] + g.NextOpenDouble() * (F[i] - F[i + 1]) < Math.Exp(-0.5 * x * x)) return x;
            ulong bits = g.NextUInt64();
            i = (int)(bits & LayerMask);
            u = ((bits >> 11) + 0.5) * Unit52 - 1;
        }
    }

    /// <summary>Marsaglia's tail method beyond R.</summary>
    private static double Tail(ref Xoshiro256StarStar g, bool negative)
    {
        double x, y;
        do
        {
            x = Math.Log(g.NextOpenDouble()) / R;
            y = Math.Log(g.NextOpenDouble());
        }
        while (-2 * y < x * x);
        return negative ? x - R : R - x;
    }

    /// <summary>
    /// Where the layers built from R and V end: V/X[n−1] + f(X[n−1]), the top of the last layer, which must be
    /// the curve's peak f(0) = 1 for the layers to tile the area under it (R and V are consistent).
    /// </summary>
    internal static double TopOfLayers => V / X[Layers - 1] + Math.Exp(-0.5 * X[Layers - 1] * X[Layers - 1]);

    private static double[] BuildEdges()
    {
        var edges = new double[Layers + 1];
        double f = Math.Exp(-0.5 * R * R);
        edges[0] = V / f;
        edges[1] = R;
        edges[Layers] = 0;
        for (int i = 2; i < Layers; i++)
        {
            edges[i] = Math.Sqrt(-2 * Math.Log(V / edges[i - 1] + f));
            f = Math.Exp(-0.5 * edges[i] * edges[i]);
        }
        return edges;
    }

    private static double[] BuildRatios(double[] edges)
    {
        var ratios = new double[Layers];
        for (int i = 0; i < Layers; i++) ratios[i] = edges[i + 1] / edges[i];
        return ratios;
    }
}
