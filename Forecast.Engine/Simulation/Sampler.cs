using Forecast.Engine.Randomness;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Simulation;

/// <summary>Draws a block's uniforms and shocks by the chosen <see cref="SamplingMethod"/>.</summary>
internal static class Sampler
{
    /// <summary>Level uniforms in (0, 1).</summary>
    public static void Uniforms(ref Xoshiro256StarStar stream, Span<double> u, BlockWorkspace ws, SamplingMethod sampling, SobolCoordinate coordinate = default)
    {
        switch (sampling)
        {
            case SamplingMethod.Sobol:
                SobolPoints(ref stream, u, ws, coordinate);
                break;
            case SamplingMethod.Antithetic:
            {
                int half = (u.Length + 1) / 2;
                stream.FillOpenUniform(u[..half]);
                for (int i = half; i < u.Length; i++) u[i] = 1 - u[i - half];
                break;
            }
            case SamplingMethod.LatinHypercube:
                Stratify(ref stream, u, ws.Permutation);
                break;
            default:
                stream.FillOpenUniform(u);
                break;
        }
    }

    /// <summary>Standard normal shocks.</summary>
    public static void Normals(ref Xoshiro256StarStar stream, Span<double> z, BlockWorkspace ws, SamplingMethod sampling, SobolCoordinate coordinate = default)
    {
        switch (sampling)
        {
            case SamplingMethod.Sobol:
            {
                SobolPoints(ref stream, z, ws, coordinate);
                for (int i = 0; i < z.Length; i++) z[i] = Normal.InvCDF(0, 1, z[i]);
                break;
            }
            case SamplingMethod.Antithetic:
            {
                int half = (z.Length + 1) / 2;
                stream.FillStandardNormal(z[..half]);
                for (int i = half; i < z.Length; i++) z[i] = -z[i - half];
                break;
            }
            case SamplingMethod.LatinHypercube:
            {
                var u = ws.Scratch.AsSpan(0, z.Length);
                Stratify(ref stream, u, ws.Permutation);
                for (int i = 0; i < z.Length; i++) z[i] = Normal.InvCDF(0, 1, u[i]);
                break;
            }
            default:
                stream.FillStandardNormal(z);
                break;
        }
    }

    /// <summary>Uniforms for binomial exits and conversions: mirrored for antithetic sampling, independent otherwise.</summary>
    public static void BinomialUniforms(ref Xoshiro256StarStar stream, Span<double> u, BlockWorkspace ws, SamplingMethod sampling, SobolCoordinate coordinate = default)
    {
        if (sampling == SamplingMethod.Sobol)
        {
            SobolPoints(ref stream, u, ws, coordinate);
        }
        else if (sampling == SamplingMethod.Antithetic)
        {
            int half = (u.Length + 1) / 2;
            stream.FillOpenUniform(u[..half]);
            for (int i = half; i < u.Length; i++) u[i] = 1 - u[i - half];
        }
        else
        {
            stream.FillOpenUniform(u);
        }
    }

    /// <summary>Draws the order in which an indicator's Sobol points go to the block's paths (at the start of each block).</summary>
    public static void SobolOrder(ref Xoshiro256StarStar stream, BlockWorkspace ws, int indicator, int count) =>
        Shuffle(ref stream, BlockWorkspace.Row(ws.SobolOrder, ws.OrderRowOfIndicators + indicator, count));

    /// <summary>A uniformly random permutation of 0..n−1 (Fisher-Yates).</summary>
    private static void Shuffle(ref Xoshiro256StarStar stream, Span<int> order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)((stream.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>
    /// The block's points of a Sobol coordinate (from the sequence of the block's replicate), handed to the paths in
    /// the group's order for this block. A driver's order is drawn from its stream with its level; an indicator's by
    /// <see cref="SobolOrder"/>.
    /// </summary>
    private static void SobolPoints(ref Xoshiro256StarStar stream, Span<double> destination, BlockWorkspace ws, SobolCoordinate coordinate)
    {
        var sobol = ws.Sobol ?? throw new InvalidOperationException("a Sobol run needs the workspace's sequences");
        int n = destination.Length;
        int row = coordinate.IsIndicator ? ws.OrderRowOfIndicators + coordinate.Group : coordinate.Group;
        var order = BlockWorkspace.Row(ws.SobolOrder, row, n);
        if (!coordinate.IsIndicator && coordinate.Dimension == 0) Shuffle(ref stream, order);
        var points = ws.Scratch.AsSpan(0, n);
        long block = ws.FirstPath / BlockWorkspace.BlockSize;
        sobol.Sequence(coordinate, SobolSampling.ReplicateOf(block)).Fill(coordinate.Dimension, SobolSampling.FirstPointOf(block), points);
        for (int i = 0; i < n; i++) destination[i] = points[order[i]];
    }

    /// <summary>u_i = (π(i) + v_i)/n: one uniform in each of n equal strata, in an order π drawn by Fisher-Yates.</summary>
    private static void Stratify(ref Xoshiro256StarStar stream, Span<double> u, int[] permutation)
    {
        int n = u.Length;
        var order = permutation.AsSpan(0, n);
        Shuffle(ref stream, order);
        stream.FillOpenUniform(u);
        for (int i = 0; i < n; i++) u[i] = (order[i] + u[i]) / n;
    }
}
