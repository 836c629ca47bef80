using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Draws a driver's level by inversion, L = F⁻¹(u). Closed-form quantiles (MathNet.Numerics) serve
/// where they are cheap; Beta and PERT, whose quantile is a root search, are tabulated once on a
/// fine grid of u and interpolated linearly (error far below the Monte Carlo error).
/// </summary>
internal sealed class LevelSampler
{
    private const int TableSize = 8192;
    private readonly Distribution _distribution;
    private readonly double[]? _table;
    private readonly double _fixed;
    private readonly bool _isFixed;

    /// <summary>Whether every path draws the same level (a degenerate distribution).</summary>
    public bool IsFixed => _isFixed;

    public LevelSampler(Distribution distribution)
    {
        _distribution = distribution;
        if (distribution.IsDegenerate)
        {
            _isFixed = true;
            _fixed = distribution.Quantile(0.5);
        }
        else if (distribution is BetaDistribution beta)
        {
            _table = BetaTable(beta);
        }
    }

    /// <summary>
    /// Quantiles of a scaled Beta at u = i/8192: Min + (Max − Min)·x_i with x_i the standard Beta(α, β) quantile
    /// (<see cref="StandardBetaTable"/>), shared by every Beta or PERT of the same shape (PERTs of symmetric ranges all
    /// have α = β = 3), so each shape's root search runs once per process.
    /// </summary>
    private static double[] BetaTable(BetaDistribution beta)
    {
        if (StandardTables.Count >= 512) StandardTables.Clear(); // a bound for a long-lived server whose levers change shapes
        double[] x = StandardTables.GetOrAdd((beta.Alpha, beta.Beta), shape => new Lazy<double[]>(() => StandardBetaTable(shape.A, shape.B))).Value;
        var table = new double[TableSize + 1];
        for (int i = 0; i <= TableSize; i++) table[i] = beta.Min + (beta.Max - beta.Min) * x[i];
        return table;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double A, double B), Lazy<double[]>> StandardTables = new();

    /// <summary>
    /// Standard Beta(a, b) quantiles at u = i/8192 (0 and 1 moved in by 1e-12). Each is found by Newton's method
    /// on the regularised incomplete beta function from the previous quantile, two or three steps each; a step
    /// that fails (leaves (0, 1), or does not settle in eight) falls back to MathNet's Beta.InvCDF. About ten
    /// times faster than calling InvCDF for every entry, which dominated a short run's start-up.
    /// </summary>
    internal static double[] StandardBetaTable(double a, double b)
    {
        var table = new double[TableSize + 1];
        var cdf = new RegularizedBeta(a, b);
        double logB = MathNet.Numerics.SpecialFunctions.BetaLn(a, b);
        double x = double.NaN;
        for (int i = 0; i <= TableSize; i++)
        {
            double p = Math.Clamp((double)i / TableSize, 1e-12, 1 - 1e-12);
            x = (double.IsNaN(x) ? null : Newton(cdf, a, b, logB, p, x)) ?? MathNet.Numerics.Distributions.Beta.InvCDF(a, b, p);
            table[i] = x;
        }
        return table;
    }

    private static double? Newton(in RegularizedBeta cdf, double a, double b, double logB, double p, double x)
    {
        for (int step = 0; step < 8; step++)
        {
            // ln x and ln(1 − x) serve both I_x(a, b) and the density x^(a−1)(1 − x)^(b−1)/B(a, b).
            double logX = Math.Log(x), log1mX = Math.Log(1 - x);
            double f = cdf.At(x, logX, log1mX);
            double pdf = Math.Exp((a - 1) * logX + (b - 1) * log1mX - logB);
            if (!(pdf > 0) || !double.IsFinite(pdf)) return null;
            double next = x - (f - p) / pdf;
            if (!(next > 0 && next < 1)) return null;
            if (Math.Abs(next - x) <= 1e-13 * Math.Max(next, 1e-300)) return next;
            x = next;
        }
        return null;
    }

    /// <summary>
    /// I_x(a, b), the regularised incomplete beta function, for one shape: MathNet.Numerics 5.0's
    /// <c>SpecialFunctions.BetaRegularized</c> (Numerical Recipes' continued fraction, Lentz's method) operation for
    /// operation, so every result has the same bits, with what depends only on the shape done once:
    /// ln Γ(a + b) − ln Γ(a) − ln Γ(b), the leftmost part of MathNet's
    /// exp(ln Γ(a + b) − ln Γ(a) − ln Γ(b) + a ln x + b ln(1 − x)), which it recomputed at every call (about a third
    /// of a table's time). The logarithms of x and 1 − x come from the caller, which needs them for the density too.
    /// </summary>
    private readonly struct RegularizedBeta
    {
        /// <summary>MathNet's <c>Precision.DoublePrecision</c>, 2⁻⁵³.</summary>
        private const double Eps = 1.0 / (1L << 53);

        /// <summary>MathNet's <c>0.0.Increment() / eps</c>: the smallest positive double over 2⁻⁵³.</summary>
        private const double FpMin = double.Epsilon / Eps;

        private readonly double _a, _b, _logGammas;

        public RegularizedBeta(double a, double b)
        {
            _a = a;
            _b = b;
            _logGammas = MathNet.Numerics.SpecialFunctions.GammaLn(a + b) - MathNet.Numerics.SpecialFunctions.GammaLn(a) - MathNet.Numerics.SpecialFunctions.GammaLn(b);
        }

        /// <summary>I_x(a, b) for x in (0, 1), given ln x and ln(1 − x).</summary>
        public double At(double x, double logX, double log1mX)
        {
            double a = _a, b = _b;
            double bt = x == 0.0 || x == 1.0 ? 0.0 : Math.Exp(_logGammas + (a * logX) + (b * log1mX));
            bool symmetryTransformation = x >= (a + 1.0) / (a + b + 2.0);
            if (symmetryTransformation)
            {
                x = 1.0 - x;
                (a, b) = (b, a);
            }
            double qab = a + b, qap = a + 1.0, qam = a - 1.0;
            double c = 1.0;
            double d = 1.0 - (qab * x / qap);
            if (Math.Abs(d) < FpMin) d = FpMin;
            d = 1.0 / d;
            double h = d;
            for (int m = 1, m2 = 2; m <= 50000; m++, m2 += 2)
            {
                double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
                d = 1.0 + (aa * d);
                if (Math.Abs(d) < FpMin) d = FpMin;
                c = 1.0 + (aa / c);
                if (Math.Abs(c) < FpMin) c = FpMin;
                d = 1.0 / d;
                h *= d * c;
                aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
                d = 1.0 + (aa * d);
                if (Math.Abs(d) < FpMin) d = FpMin;
                c = 1.0 + (aa / c);
                if (Math.Abs(c) < FpMin) c = FpMin;
                d = 1.0 / d;
                double del = d * c;
                h *= del;
                if (Math.Abs(del - 1.0) <= Eps) break;
            }
            return symmetryTransformation ? 1.0 - (bt * h / a) : bt * h / a;
        }
    }

    /// <summary>The level for uniform <paramref name="u"/> in (0, 1).</summary>
    public double Quantile(double u)
    {
        if (_isFixed) return _fixed;
        if (_table is not null)
        {
            double x = u * TableSize;
            int i = Math.Min((int)x, TableSize - 1);
            double f = x - i;
            return _table[i] + f * (_table[i + 1] - _table[i]);
        }
        return _distribution.Quantile(u);
    }

    /// <summary>Fills <paramref name="levels"/> with the quantiles of <paramref name="uniforms"/>.</summary>
    public void Fill(ReadOnlySpan<double> uniforms, Span<double> levels)
    {
        if (_isFixed)
        {
            levels[..uniforms.Length].Fill(_fixed);
            return;
        }
        for (int i = 0; i < uniforms.Length; i++) levels[i] = Quantile(uniforms[i]);
    }

    /// <summary>Sets the levels of the paths of <paramref name="lanes"/> to the quantiles of their uniforms (the others are left as they are).</summary>
    public void Fill(ReadOnlySpan<double> uniforms, Span<double> levels, ReadOnlySpan<int> lanes)
    {
        if (lanes.Length == uniforms.Length)
        {
            // Every path (the lanes of a driver all paths read are 0, 1, ...).
            Fill(uniforms, levels);
            return;
        }
        if (_isFixed)
        {
            foreach (int i in lanes) levels[i] = _fixed;
            return;
        }
        foreach (int i in lanes) levels[i] = Quantile(uniforms[i]);
    }
}
