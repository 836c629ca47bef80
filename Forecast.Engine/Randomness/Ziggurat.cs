using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Forecast.Engine.Randomness;

/// <summary>
/// Standard normal draws by the ziggurat method of Marsaglia and Tsang (2000) in Doornik's ZIGNOR form
/// (2005): 128 layers of equal area under exp(−x²/2). Each draw takes one 64-bit output: its low 7 bits
/// pick the layer i, its high 53 bits a uniform u in (−1, 1); x = u·X[i] is accepted at once when
/// |u| &lt; X[i+1]/X[i] (98.8% of draws). Eight draws are made at once in the lanes of a
/// <see cref="Xoshiro256x8"/>; a lane that falls in a wedge or the tail is finished by the exact scalar
/// rejection steps, with further uniforms from the parent stream, so every draw is exactly N(0, 1) and
/// the sequence depends only on the stream and the span length.
/// </summary>
internal static class Ziggurat
{
    private const int Layers = 128;
    private const double R = 3.442619855899;
    private const double V = 9.91256303526217e-3;
    private const double Unit52 = 1.0 / (1UL << 52);

    /// <summary>X[0] = V/f(R) (the base strip's equivalent width), X[1] = R, decreasing to X[128] = 0.</summary>
    private static readonly double[] X = BuildEdges();

    /// <summary>F[i] = exp(−X[i]²/2), the curve at the layer edges (F[128] = 1), for the wedge test's one exp.</summary>
    private static readonly double[] F = X.Select(x => Math.Exp(-0.5 * x * x)).ToArray();

    /// <summary>Ratio[i] = X[i+1]/X[i]: below it a point of layer i lies inside the curve for sure.</summary>
    private static readonly double[] Ratio = BuildRatios(X);

    public static void Fill(ref Xoshiro256StarStar generator, Span<double> destination)
    {
        if (destination.IsEmpty) return;
        var lanes = Xoshiro256x8.Split(ref generator);
        Span<double> rest = stackalloc double[8];
        var edges = X;
        var ratios = Ratio;
        int n = destination.Length;
        for (int i = 0; i < n; i += 8)
        {
            var bits = lanes.Next();
            // u = ((bits >> 11) + 0.5)·2⁻⁵² − 1, in (−1, 1); the sum is exact.
            var u = (Vector512.ConvertToDouble(Vector512.ShiftRightLogical(bits, 11)) + Vector512.Create(0.5)) * Vector512.Create(Unit52)
                - Vector512.Create(1.0);
            var layer = bits & Vector512.Create(127UL);
            var (x, ratio) = Lookup(edges, ratios, layer);
            var z = u * x;
            var target = i + 8 <= n ? destination.Slice(i, 8) : rest;
            z.CopyTo(target);
            ulong inside = Vector512.LessThan(Vector512.Abs(u), ratio).ExtractMostSignificantBits();
            if (inside != 0xFF)
            {
                for (int j = 0; j < 8; j++)
                    if ((inside & (1UL << j)) == 0) target[j] = Slow(ref generator, (int)layer.GetElement(j), u.GetElement(j));
            }
            if (i + 8 > n) rest[..(n - i)].CopyTo(destination[i..]);
        }
    }

    /// <summary>The edge and ratio of each lane's layer (.NET has no AVX-512 gather; eight loads each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Edge, Vector512<double> Ratio) Lookup(double[] edges, double[] ratios, Vector512<ulong> layer)
    {
        int l0 = (int)layer.GetElement(0), l1 = (int)layer.GetElement(1), l2 = (int)layer.GetElement(2), l3 = (int)layer.GetElement(3);
        int l4 = (int)layer.GetElement(4), l5 = (int)layer.GetElement(5), l6 = (int)layer.GetElement(6), l7 = (int)layer.GetElement(7);
        return (Vector512.Create(edges[l0], edges[l1], edges[l2], edges[l3], edges[l4], edges[l5], edges[l6], edges[l7]),
            Vector512.Create(ratios[l0], ratios[l1], ratios[l2], ratios[l3], ratios[l4], ratios[l5], ratios[l6], ratios[l7]));
    }

    /// <summary>The rejection steps for a point outside the sure part of its layer: tail, wedge test, or a new point.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Slow(ref Xoshiro256StarStar g, int i, double u)
    {
        while (true)
        {
            if (Math.Abs(u) < Ratio[i]) return u * X[i];
            if (i == 0) return Tail(ref g, u < 0);
            double x = u * X[i];
            // A uniform height in the layer, between f(X[i]) and f(X[i+1]), under the curve f(x)?
            if (F[i + 1] + g.NextOpenDouble() * (F[i] - F[i + 1]) < Math.Exp(-0.5 * x * x)) return x;
            ulong bits = g.NextUInt64();
            i = (int)(bits & 127);
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
