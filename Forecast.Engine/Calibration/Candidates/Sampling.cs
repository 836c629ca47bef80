using Forecast.Engine.Randomness;
using MathNet.Numerics;

namespace Forecast.Engine.Calibration;

/// <summary>Draws and densities the candidates' predictives use; every draw comes from the caller's generator.</summary>
internal static class Sampling
{
    public static double Normal(ref Xoshiro256StarStar rng)
    {
        Span<double> z = stackalloc double[1];
        rng.FillStandardNormal(z);
        return z[0];
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000); shape &lt; 1 by the boost U^(1/shape).</summary>
    public static double Gamma(ref Xoshiro256StarStar rng, double shape)
    {
        if (shape < 1)
        {
            double boost = Math.Pow(rng.NextOpenDouble(), 1 / shape);
            return Gamma(ref rng, shape + 1) * boost;
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(ref rng);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = rng.NextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>σ² from its scaled inverse chi-square posterior: ν·s²/χ²_ν.</summary>
    public static double ScaledInverseChiSquare(ref Xoshiro256StarStar rng, double nu, double s2) => nu * s2 / (2 * Gamma(ref rng, nu / 2));

    /// <summary>ln of the Student t density with ν degrees of freedom, location m and scale s at x.</summary>
    public static double StudentTLogDensity(double x, double m, double s, double nu)
    {
        double z = (x - m) / s;
        return SpecialFunctions.GammaLn((nu + 1) / 2) - SpecialFunctions.GammaLn(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - Math.Log(s)
            - (nu + 1) / 2 * Math.Log(1 + z * z / nu);
    }

    /// <summary>ln of the normal density N(m, v) at x.</summary>
    public static double NormalLogDensity(double x, double m, double v) => -0.5 * (Math.Log(2 * Math.PI * v) + (x - m) * (x - m) / v);

    /// <summary>ln Σ exp(aᵢ) without overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<double> a)
    {
        double max = double.NegativeInfinity;
        foreach (double x in a) max = Math.Max(max, x);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double x in a) sum += Math.Exp(x - max);
        return max + Math.Log(sum);
    }
}

/// <summary>The scale a candidate walks on: the level, its logarithm, or the logit of a bounded share.</summary>
internal sealed record WorkingScale(WorkingScaleKind Kind, ShareBounds? Bounds = null)
{
    public static WorkingScale Level { get; } = new(WorkingScaleKind.Level);

    public static WorkingScale Log { get; } = new(WorkingScaleKind.Log);

    public double To(double x) => Kind switch
    {
        WorkingScaleKind.Log => Math.Log(x),
        WorkingScaleKind.Logit => Bounds!.Logit(x),
        _ => x,
    };

    public double From(double y) => Kind switch
    {
        WorkingScaleKind.Log => Math.Exp(y),
        WorkingScaleKind.Logit => Bounds!.FromLogit(y),
        _ => Bounds is null ? y : Math.Clamp(y, Bounds.Lower, Bounds.Upper),
    };

    /// <summary>ln |dy/dx| at x: the Jacobian that turns a density of y into one of x.</summary>
    public double LogJacobian(double x) => Kind switch
    {
        WorkingScaleKind.Log => -Math.Log(x),
        WorkingScaleKind.Logit => Math.Log(Bounds!.Range) - Math.Log(x - Bounds.Lower) - Math.Log(Bounds.Upper - x),
        _ => 0,
    };

    /// <summary>
    /// The random walk with drift through <paramref name="o"/> on this scale: the drift b̂ = (y_last − y_first)/S over the span S in
    /// years, and the scatter SS = Σ(dᵢ − b̂Δᵢ)²/Δᵢ of the m changes dᵢ over Δᵢ years (m − 1 degrees of freedom).
    /// </summary>
    public (double Drift, double Scatter, double Span, int Changes) Walk(IReadOnlyList<Observation> o)
    {
        double span = o[^1].Year - o[0].Year;
        double drift = o.Count > 1 ? (To(o[^1].Value) - To(o[0].Value)) / span : double.NaN, scatter = 0;
        for (int i = 1; i < o.Count; i++)
        {
            double delta = o[i].Year - o[i - 1].Year;
            double e = To(o[i].Value) - To(o[i - 1].Value) - drift * delta;
            scatter += e * e / delta;
        }
        return (drift, scatter, span, o.Count - 1);
    }

    /// <summary>True when x can be put on this scale.</summary>
    public bool Accepts(double x) => Kind switch
    {
        WorkingScaleKind.Log => x > 0,
        WorkingScaleKind.Logit => Bounds!.StrictlyContains(x),
        _ => double.IsFinite(x),
    };
}

/// <summary>See <see cref="WorkingScale"/>.</summary>
internal enum WorkingScaleKind
{
    Level,
    Log,
    Logit,
}
