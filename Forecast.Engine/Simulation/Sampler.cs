using Forecast.Engine.Randomness;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Simulation;

/// <summary>Draws a block's uniforms and shocks by the chosen <see cref="SamplingMethod"/>.</summary>
internal static class Sampler
{
    /// <summary>Level uniforms in (0, 1).</summary>
    public static void Uniforms(ref Xoshiro256StarStar stream, Span<double> u, BlockWorkspace ws, SamplingMethod sampling, int dimension = 0)
    {
        switch (sampling)
        {
            case SamplingMethod.Sobol:
                SobolOf(ws).Fill(dimension, ws.FirstPath, u);
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
    public static void Normals(ref Xoshiro256StarStar stream, Span<double> z, BlockWorkspace ws, SamplingMethod sampling, int dimension = 0)
    {
        switch (sampling)
        {
            case SamplingMethod.Sobol:
            {
                var u = ws.Scratch.AsSpan(0, z.Length);
                SobolOf(ws).Fill(dimension, ws.FirstPath, u);
                for (int i = 0; i < z.Length; i++) z[i] = Normal.InvCDF(0, 1, u[i]);
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
    public static void BinomialUniforms(ref Xoshiro256StarStar stream, Span<double> u, BlockWorkspace ws, SamplingMethod sampling, int dimension = 0)
    {
        if (sampling == SamplingMethod.Sobol)
        {
            SobolOf(ws).Fill(dimension, ws.FirstPath, u);
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

    private static SobolSequence SobolOf(BlockWorkspace ws) =>
        ws.Sobol ?? throw new InvalidOperationException("a Sobol run needs the workspace's sequence");

    /// <summary>u_i = (π(i) + v_i)/n: one uniform in each of n equal strata, in an order π drawn by Fisher-Yates.</summary>
    private static void Stratify(ref Xoshiro256StarStar stream, Span<double> u, int[] permutation)
    {
        int n = u.Length;
        var order = permutation.AsSpan(0, n);
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)((stream.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        stream.FillOpenUniform(u);
        for (int i = 0; i < n; i++) u[i] = (order[i] + u[i]) / n;
    }
}
