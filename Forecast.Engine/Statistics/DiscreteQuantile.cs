using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace Forecast.Engine.Statistics;

/// <summary>
/// Exact inverse CDFs (quantile functions) of the discrete distributions the engine draws from:
/// the smallest k with F(k) ≥ u. Drawing a count as F⁻¹(u) of a uniform u (or of Φ(z) for a
/// correlated normal z) is what lets counts take part in the Gaussian copula and in common random
/// numbers. The search walks the probability mass function from a start point: 0 for means below 8,
/// otherwise the mode, with pmf(mode) from log-gamma and F(mode) summed down the pmf recurrence (or, for
/// very wide counts, from the regularized incomplete gamma or beta function).
/// MathNet.Numerics' CDFs serve as the test oracle. A <see cref="DiscreteStart"/> can be computed once and reused for many draws from the
/// same distribution (a path's yearly draws at a fixed level), so the special functions are paid once.
/// </summary>
public static class DiscreteQuantile
{
    private const double SmallMean = 8;

    /// <summary>Variance (35²) above which F(mode) comes from a special function rather than the pmf sum.</summary>
    private const double SpecialFunctionVariance = 35 * 35;

    /// <summary>Poisson(λ) quantile. Range: λ ≥ 0, 0 &lt; u &lt; 1.</summary>
    public static int Poisson(double u, double lambda) => lambda <= 0 ? 0 : Poisson(u, lambda, PoissonStart(lambda));

    /// <summary>Poisson(λ) quantile from a start computed by <see cref="PoissonStart"/> for the same λ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Poisson(double u, double lambda, in DiscreteStart start) =>
        lambda <= 0 ? 0 : Walk(new PoissonFamily(lambda), start, u);

    /// <summary>The start point of the Poisson(λ) search.</summary>
    public static DiscreteStart PoissonStart(double lambda) => lambda <= 0 ? default : Start(new PoissonFamily(lambda));

    /// <summary>Binomial(n, p) quantile: the number of successes in n trials. Range: n ≥ 0, 0 ≤ p ≤ 1, 0 &lt; u &lt; 1.</summary>
    public static int Binomial(double u, int n, double p) => n <= 0 || p <= 0 ? 0 : p >= 1 ? n : Binomial(u, n, BinomialRate.Of(p));

    /// <summary>
    /// Binomial(n, p) quantile with p's logarithms and odds from <paramref name="rate"/> (<see cref="BinomialRate.Of"/>), so
    /// draws at one p (a path's exits, year after year) pay for them once; the same value as <see cref="Binomial(double, int, double)"/>.
    /// </summary>
    public static int Binomial(double u, int n, in BinomialRate rate)
    {
        double p = rate.P;
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        var family = new BinomialFamily(n, rate);
        return Walk(family, Start(family), u);
    }

    /// <summary>
    /// Negative binomial quantile with mean m and dispersion (size) r: variance m + m²/r; as r → ∞ it
    /// tends to Poisson(m). In MathNet's parameterisation NB(r, p) with p = r / (r + m).
    /// Range: m ≥ 0, r &gt; 0, 0 &lt; u &lt; 1.
    /// </summary>
    public static int NegativeBinomial(double u, double mean, double dispersion) =>
        mean <= 0 ? 0 : NegativeBinomial(u, mean, dispersion, NegativeBinomialStart(mean, dispersion));

    /// <summary>Negative binomial quantile from a start computed by <see cref="NegativeBinomialStart"/> for the same parameters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NegativeBinomial(double u, double mean, double dispersion, in DiscreteStart start) =>
        mean <= 0 ? 0 : Walk(new NegativeBinomialFamily(dispersion, dispersion / (dispersion + mean)), start, u);

    /// <summary>The start point of the negative binomial search.</summary>
    public static DiscreteStart NegativeBinomialStart(double mean, double dispersion) =>
        mean <= 0 ? default : Start(new NegativeBinomialFamily(dispersion, dispersion / (dispersion + mean)));

    /// <summary>
    /// The start points of negative binomial searches of one dispersion r at the means of <paramref name="lanes"/>: for
    /// each lane i, starts[i] = <see cref="NegativeBinomialStart"/>(means[i], r), value for value. A path whose entries
    /// grow draws at a new mean every year, so its start is paid every year; here what the lanes share is paid once:
    /// ln Γ(r); ln Γ(mode + 1) and ln Γ(mode + r) come from tables; a lane's ln p and ln(1 − p) serve both pmf(mode) and the incomplete
    /// beta function's prefactor; and F(mode) of wide counts, I_p(r, mode + 1), whose continued fraction is a chain of
    /// dependent divisions, is evaluated for four lanes at once (<see cref="BetaRegularized4"/>).
    /// Range: r &gt; 0; means ≥ 0.
    /// </summary>
    public static void NegativeBinomialStarts(ReadOnlySpan<double> means, double dispersion, ReadOnlySpan<int> lanes, Span<DiscreteStart> starts)
    {
        double r = dispersion;
        double logGammaR = SpecialFunctions.GammaLn(r);
        var logGamma = ShiftedLogGamma.Of(r);
        // The wide lanes wait here, four at a time, for their continued fractions: lane, mode, pmf(mode), b = mode + 1, p, prefactor.
        Span<int> waiting = stackalloc int[4];
        Span<int> modes = stackalloc int[4];
        Span<double> pmfs = stackalloc double[4];
        Span<double> bs = stackalloc double[4];
        Span<double> ps = stackalloc double[4];
        Span<double> prefactors = stackalloc double[4];
        Span<double> cdfs = stackalloc double[4];
        int queued = 0;
        foreach (int i in lanes)
        {
            double mean = means[i];
            if (mean <= 0)
            {
                starts[i] = default;
                continue;
            }
            double p = r / (r + mean);
            var family = new NegativeBinomialFamily(r, p);
            if (family.Mean < SmallMean || !(p > 0 && p < 1))
            {
                starts[i] = Start(family);
                continue;
            }
            int mode = family.Mode;
            // ln pmf(k) = ln Γ(k + r) − ln Γ(r) − ln k! + r ln p + k ln(1 − p), as NegativeBinomialFamily.LogPmf.
            double logP = Math.Log(p), logQ = Math.Log(1 - p);
            double pmfMode = Math.Exp(logGamma.At(mode) - logGammaR - LogFactorial(mode) + r * logP + mode * logQ);
            if (!(family.Variance > SpecialFunctionVariance))
            {
                starts[i] = SumDown(family, mode, pmfMode);
                continue;
            }
            // F(mode) = I_p(r, mode + 1) (MathNet's BetaRegularized(a, b, x)): its prefactor
            // exp(ln Γ(a + b) − ln Γ(a) − ln Γ(b) + a ln x + b ln(1 − x)), with ln Γ(mode + 1) = ln mode! and
            // ln Γ(r + (mode + 1)) the table's entry mode + 1 (the same sum of the same doubles).
            double b = mode + 1.0;
            waiting[queued] = i;
            modes[queued] = mode;
            pmfs[queued] = pmfMode;
            bs[queued] = b;
            ps[queued] = p;
            prefactors[queued] = Math.Exp(logGamma.At(mode + 1) - logGammaR - LogFactorial(mode) + r * logP + b * logQ);
            if (++queued == 4)
            {
                FinishWide(r, waiting, modes, pmfs, bs, ps, prefactors, cdfs, 4, starts);
                queued = 0;
            }
        }
        if (queued > 0)
        {
            // The free slots repeat the first lane's arguments; their results are dropped.
            for (int j = queued; j < 4; j++)
            {
                bs[j] = bs[0];
                ps[j] = ps[0];
                prefactors[j] = prefactors[0];
            }
            FinishWide(r, waiting, modes, pmfs, bs, ps, prefactors, cdfs, queued, starts);
        }
    }

    private static void FinishWide(double r, ReadOnlySpan<int> waiting, ReadOnlySpan<int> modes, ReadOnlySpan<double> pmfs, ReadOnlySpan<double> bs,
        ReadOnlySpan<double> ps, ReadOnlySpan<double> prefactors, Span<double> cdfs, int queued, Span<DiscreteStart> starts)
    {
        BetaRegularized4(Vector256.Create(r), Vector256.Create(bs), Vector256.Create(ps), Vector256.Create(prefactors)).CopyTo(cdfs);
        for (int j = 0; j < queued; j++) starts[waiting[j]] = new DiscreteStart(modes[j], pmfs[j], Math.Min(1, cdfs[j]));
    }

    /// <summary>
    /// ln Γ(j + r) for whole j below 16,384 and one r, each entry MathNet's GammaLn(j + r) computed the first time it is
    /// read (a negative binomial start reads ln Γ(mode + r), and ln Γ(mode + 1 + r) for wide counts; the modes of a driver's
    /// paths repeat from block to block). Entries are written by whichever thread reads them first, all with the same value.
    /// Tables are kept for the first 64 dispersions seen; others are computed each time.
    /// </summary>
    private readonly struct ShiftedLogGamma
    {
        // The kept tables by dispersion. A struct, so that past the 64th dispersion (a long-lived server, a test process)
        // a draw allocates nothing: it computes each value.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, double[]> Tables = new();
        private readonly double _shift;
        private readonly double[]? _values;

        private ShiftedLogGamma(double shift, double[]? values)
        {
            _shift = shift;
            _values = values;
        }

        public static ShiftedLogGamma Of(double r) =>
            new(r, Tables.TryGetValue(r, out var values) ? values : Tables.Count < 64 ? Tables.GetOrAdd(r, _ => NewTable()) : null);

        private static double[] NewTable()
        {
            var values = new double[16_384];
            values.AsSpan().Fill(double.NaN);
            return values;
        }

        /// <summary>ln Γ(j + r). Range: j ≥ 0.</summary>
        public double At(int j)
        {
            if (_values is null || (uint)j >= (uint)_values.Length) return SpecialFunctions.GammaLn(j + _shift);
            double value = _values[j];
            if (double.IsNaN(value)) _values[j] = value = SpecialFunctions.GammaLn(j + _shift);
            return value;
        }
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) of four lanes, each given its prefactor
    /// bt = exp(ln Γ(a + b) − ln Γ(a) − ln Γ(b) + a ln x + b ln(1 − x)): MathNet.Numerics 5.0's
    /// <c>SpecialFunctions.BetaRegularized</c> (the continued fraction of Numerical Recipes' betacf, evaluated by the
    /// modified Lentz method, with the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) for x ≥ (a + 1)/(a + b + 2)), the same
    /// operations in the same order in each lane, so each lane's result is the library's to the bit (the tests compare
    /// them). One lane's fraction is a chain of dependent divisions, ~20 steps of ~45 cycles for the counts of a plan;
    /// four chains side by side take about the time of one. A lane that has converged keeps its value while the
    /// others go on. Range: a, b &gt; 0; 0 &lt; x &lt; 1 (at x = 0 or 1 the library's prefactor is 0: not for here).
    /// </summary>
    internal static Vector256<double> BetaRegularized4(Vector256<double> a, Vector256<double> b, Vector256<double> x, Vector256<double> bt)
    {
        var one = Vector256<double>.One;
        const double eps = 1.0 / (1UL << 53); // MathNet's Precision.DoublePrecision
        var fpmin = Vector256.Create(double.Epsilon / eps);
        var symmetric = Vector256.GreaterThanOrEqual(x, (a + one) / (a + b + Vector256.Create(2.0)));
        x = Vector256.ConditionalSelect(symmetric, one - x, x);
        (a, b) = (Vector256.ConditionalSelect(symmetric, b, a), Vector256.ConditionalSelect(symmetric, a, b));
        var qab = a + b;
        var qap = a + one;
        var qam = a - one;
        var c = one;
        var d = one - (qab * x / qap);
        d = AtLeastTiny(d, fpmin);
        d = one / d;
        var h = d;
        var active = Vector256<double>.AllBitsSet;
        for (int m = 1, m2 = 2; m <= 50000; m++, m2 += 2)
        {
            var vm = Vector256.Create((double)m);
            var vm2 = Vector256.Create((double)m2);
            // Even step: aa = m(b − m)x / ((qam + 2m)(a + 2m)).
            var aa = vm * (b - vm) * x / ((qam + vm2) * (a + vm2));
            d = AtLeastTiny(one + (aa * d), fpmin);
            c = AtLeastTiny(one + (aa / c), fpmin);
            d = one / d;
            var next = h * (d * c);
            // Odd step: aa = −(a + m)(a + b + m)x / ((a + 2m)(a + 1 + 2m)).
            aa = -(a + vm) * (qab + vm) * x / ((a + vm2) * (qap + vm2));
            d = AtLeastTiny(one + (aa * d), fpmin);
            c = AtLeastTiny(one + (aa / c), fpmin);
            d = one / d;
            var del = d * c;
            next *= del;
            h = Vector256.ConditionalSelect(active, next, h);
            active = Vector256.AndNot(active, Vector256.LessThanOrEqual(Vector256.Abs(del - one), Vector256.Create(eps)));
            if (active == Vector256<double>.Zero) break;
        }
        var result = bt * h / a;
        return Vector256.ConditionalSelect(symmetric, one - result, result);
    }

    /// <summary>MathNet's guard of the Lentz method: a value below fpmin in magnitude becomes fpmin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> AtLeastTiny(Vector256<double> v, Vector256<double> fpmin) =>
        Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(v), fpmin), fpmin, v);

    /// <summary>ln k! for k below 16,384 (stocks and counts of a plan), built once by MathNet's GammaLn(k + 1).</summary>
    private static readonly double[] LogFactorials = Enumerable.Range(0, 16_384).Select(k => SpecialFunctions.GammaLn(k + 1.0)).ToArray();

    /// <summary>ln k! = GammaLn(k + 1), from the table when k is in it (the same value, without the Lanczos series).</summary>
    private static double LogFactorial(int k) => (uint)k < (uint)LogFactorials.Length ? LogFactorials[k] : SpecialFunctions.GammaLn(k + 1.0);

    /// <summary>The lane offsets of four consecutive steps of a walk or sum.</summary>
    private static Vector256<double> Steps => Vector256.Create(0.0, 1, 2, 3);

    private static DiscreteStart Start<TFamily>(TFamily family) where TFamily : struct, IDiscreteFamily
    {
        if (family.Mean < SmallMean)
        {
            double pmf0 = family.Pmf0;
            return new DiscreteStart(0, pmf0, pmf0);
        }
        // F(mode) by summing the mass below the mode with the pmf recurrence, down to where the terms no
        // longer change the sum in double precision: O(σ) multiplications instead of an incomplete
        // gamma or beta function. pmf(mode) comes from log-gamma (MathNet's SpecialFunctions.GammaLn).
        int mode = family.Mode;
        double pmfMode = Math.Exp(family.LogPmf(mode));
        // The sum takes about nine standard deviations of steps; beyond ~300 steps one regularized incomplete
        // gamma or beta function (MathNet, a continued fraction) is cheaper. Both carry the ~1e-13 relative
        // error of pmf(mode)'s log-gamma, so which one is used moves a draw only when u lies that close to F.
        if (family.Variance > SpecialFunctionVariance) return new DiscreteStart(mode, pmfMode, Math.Min(1, family.Cdf(mode)));
        return SumDown(family, mode, pmfMode);
    }

    /// <summary>The start at the mode with F(mode) summed down the pmf recurrence from pmf(mode).</summary>
    private static DiscreteStart SumDown<TFamily>(TFamily family, int mode, double pmfMode) where TFamily : struct, IDiscreteFamily
    {
        double sum = pmfMode, term = pmfMode;
        int k = mode;
        // Four terms a step: their four ratios in one vector division, and each term from the step's first by
        // products of the ratios, so the chain of dependent multiplications is one long per four terms, not four.
        for (; k >= 4; k -= 4)
        {
            var r = family.RatioDown(Vector256.Create((double)k) - Steps);
            double r0 = r.GetElement(0), r01 = r0 * r.GetElement(1), r012 = r01 * r.GetElement(2), r0123 = r012 * r.GetElement(3);
            double t1 = term * r0, t2 = term * r01, t3 = term * r012, t4 = term * r0123;
            sum += (t1 + t2) + (t3 + t4);
            term = t4;
            if (term < sum * 1e-17) return new DiscreteStart(mode, pmfMode, Math.Min(1, sum));
        }
        for (; k > 0; k--)
        {
            term *= family.RatioDown(Vector256.Create((double)k)).ToScalar();
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return new DiscreteStart(mode, pmfMode, Math.Min(1, sum));
    }

    /// <summary>
    /// Walks the pmf from the start to the smallest k with F(k) ≥ u: down while the CDF one step below still covers u,
    /// else up until the CDF reaches u. The steps' ratios are computed four at a time in one vector division; the steps
    /// themselves, and so the result, are exactly those of a walk one ratio at a time.
    /// </summary>
    private static int Walk<TFamily>(TFamily family, in DiscreteStart start, double u) where TFamily : struct, IDiscreteFamily =>
        start.Cdf >= u ? WalkDown(family, start.K, start.Pmf, start.Cdf, u) : WalkUp(family, start.K, start.Pmf, start.Cdf, u);

    /// <summary>The downward walk from k (with F(k) = cdf ≥ u): the smallest k whose CDF one step below is under u.</summary>
    private static int WalkDown<TFamily>(TFamily family, int k, double pmf, double cdf, double u) where TFamily : struct, IDiscreteFamily
    {
        while (k >= 4)
        {
            // The four steps written out, each ratio taken by a constant index (a register shuffle) where a loop over j
            // stored the vector and loaded r[j] back every step: the same steps, ~15% less CPU time per NB(645, 50) draw.
            var r = family.RatioDown(Vector256.Create((double)k) - Steps);
            double below = cdf - pmf;
            if (below < u) return k;
            pmf *= r.GetElement(0);
            cdf = below;
            k--;
            below = cdf - pmf;
            if (below < u) return k;
            pmf *= r.GetElement(1);
            cdf = below;
            k--;
            below = cdf - pmf;
            if (below < u) return k;
            pmf *= r.GetElement(2);
            cdf = below;
            k--;
            below = cdf - pmf;
            if (below < u) return k;
            pmf *= r.GetElement(3);
            cdf = below;
            k--;
        }
        while (k > 0)
        {
            double below = cdf - pmf;
            if (below < u) break;
            pmf *= family.RatioDown(Vector256.Create((double)k)).ToScalar();
            cdf = below;
            k--;
        }
        return k;
    }

    /// <summary>
    /// The upward walk from k (F(k) = cdf): up until the CDF reaches u, or stops where it can no longer grow in floating
    /// point (<see cref="Frozen"/>).
    /// </summary>
    private static int WalkUp<TFamily>(TFamily family, int k, double pmf, double cdf, double u) where TFamily : struct, IDiscreteFamily
    {
        while (k < family.Max - 4)
        {
            // Written out as in WalkDown.
            var r = family.RatioUp(Vector256.Create((double)k) + Steps);
            if (cdf >= u) return k;
            pmf *= r.GetElement(0);
            k++;
            cdf += pmf;
            if (Frozen(pmf, cdf) && k > family.Mode) return k;
            if (cdf >= u) return k;
            pmf *= r.GetElement(1);
            k++;
            cdf += pmf;
            if (Frozen(pmf, cdf) && k > family.Mode) return k;
            if (cdf >= u) return k;
            pmf *= r.GetElement(2);
            k++;
            cdf += pmf;
            if (Frozen(pmf, cdf) && k > family.Mode) return k;
            if (cdf >= u) return k;
            pmf *= r.GetElement(3);
            k++;
            cdf += pmf;
            if (Frozen(pmf, cdf) && k > family.Mode) return k;
        }
        while (cdf < u && k < family.Max)
        {
            pmf *= family.RatioUp(Vector256.Create((double)k)).ToScalar();
            k++;
            cdf += pmf;
            if (Frozen(pmf, cdf) && k > family.Mode) break;
        }
        return k;
    }

    /// <summary>
    /// Whether adding this and every later (smaller) term leaves the CDF unchanged in double precision: a term below
    /// cdf·2⁻⁵⁴ is under half an ulp of cdf, so cdf + pmf rounds to cdf. Beyond the mode the terms only shrink, so a
    /// u above this CDF can never be reached; the walk stops there, in the far tail. (Without the rule a walk to such
    /// a u went on while subnormal terms refused to round to 0: a negative binomial with mean 100 and dispersion 0.01
    /// walked 2·10⁹ steps, two minutes for one draw; a Poisson(10⁶) draw at u = 1 − 10⁻¹² returned 2,000,000, where
    /// F(mode) from the incomplete gamma function left the CDF 2.5·10⁻¹² short of 1.) Every draw whose walk reaches
    /// u before this point is unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Frozen(double pmf, double cdf) => pmf < cdf * FrozenFraction;

    /// <summary>2⁻⁵⁴: a term below this fraction of the CDF cannot change it.</summary>
    private const double FrozenFraction = 1.0 / (1UL << 54);

    private interface IDiscreteFamily
    {
        double Mean { get; }
        int Mode { get; }
        int Max { get; }
        double Pmf0 { get; }
        double Variance { get; }
        double LogPmf(int k);
        /// <summary>F(k) by a regularized incomplete gamma or beta function.</summary>
        double Cdf(int k);
        /// <summary>pmf(k+1) / pmf(k) for each lane's k (four steps at a time, or one as Vector256.Create(k)).</summary>
        Vector256<double> RatioUp(Vector256<double> k);
        /// <summary>pmf(k-1) / pmf(k) for each lane's k.</summary>
        Vector256<double> RatioDown(Vector256<double> k);
    }

    private readonly struct PoissonFamily(double lambda) : IDiscreteFamily
    {
        public double Mean => lambda;
        public int Mode => (int)Math.Floor(lambda);
        public int Max => int.MaxValue - 1;
        public double Pmf0 => Math.Exp(-lambda);
        public double Variance => lambda;
        public double Cdf(int k) => SpecialFunctions.GammaUpperRegularized(k + 1.0, lambda);
        public double LogPmf(int k) => k * Math.Log(lambda) - lambda - LogFactorial(k);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioUp(Vector256<double> k) => Vector256.Create(lambda) / (k + Vector256<double>.One);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioDown(Vector256<double> k) => k / Vector256.Create(lambda);
    }

    private readonly struct BinomialFamily(int n, BinomialRate rate) : IDiscreteFamily
    {
        private readonly double p = rate.P;
        private readonly double _odds = rate.Odds;
        public double Mean => n * p;
        public int Mode => Math.Min(n, (int)Math.Floor((n + 1) * p));
        public int Max => n;
        public double Pmf0 => Math.Pow(1 - p, n);
        public double Variance => n * p * (1 - p);
        public double Cdf(int k) => k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1.0, 1 - p);
        public double LogPmf(int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k)
            + k * rate.LogP + (n - k) * rate.LogQ;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioUp(Vector256<double> k) => (Vector256.Create((double)n) - k) / (k + Vector256<double>.One) * Vector256.Create(_odds);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioDown(Vector256<double> k) => k / ((Vector256.Create(n + 1.0) - k) * Vector256.Create(_odds));
    }

    private readonly struct NegativeBinomialFamily(double r, double p) : IDiscreteFamily
    {
        public double Mean => r * (1 - p) / p;
        public int Mode => r > 1 ? (int)Math.Floor((r - 1) * (1 - p) / p) : 0;
        public int Max => int.MaxValue - 1;
        public double Pmf0 => Math.Pow(p, r);
        public double Variance => r * (1 - p) / (p * p);
        public double Cdf(int k) => SpecialFunctions.BetaRegularized(r, k + 1.0, p);
        public double LogPmf(int k) => SpecialFunctions.GammaLn(k + r) - SpecialFunctions.GammaLn(r) - LogFactorial(k)
            + r * Math.Log(p) + k * Math.Log(1 - p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioUp(Vector256<double> k) => (k + Vector256.Create(r)) / (k + Vector256<double>.One) * Vector256.Create(1 - p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> RatioDown(Vector256<double> k) => k / ((k - Vector256<double>.One + Vector256.Create(r)) * Vector256.Create(1 - p));
    }
}

/// <summary>
/// A binomial success probability p with what every draw at it computes: its odds p / (1 − p), ln p and ln(1 − p) (each by
/// the same operation as a draw that computes it itself, so draws through it are the same to the bit).
/// </summary>
/// <param name="P">The success probability.</param>
/// <param name="Odds">p / (1 − p).</param>
/// <param name="LogP">ln p.</param>
/// <param name="LogQ">ln(1 − p).</param>
public readonly record struct BinomialRate(double P, double Odds, double LogP, double LogQ)
{
    /// <summary>The rate p. Range: 0 ≤ p ≤ 1 (outside (0, 1) the draws need none of the rest).</summary>
    public static BinomialRate Of(double p) => new(p, p / (1 - p), Math.Log(p), Math.Log(1 - p));
}

/// <summary>Where a discrete quantile search starts: a value k with its probability and cumulative probability.</summary>
/// <param name="K">The start value.</param>
/// <param name="Pmf">P(X = K).</param>
/// <param name="Cdf">P(X ≤ K).</param>
public readonly record struct DiscreteStart(int K, double Pmf, double Cdf);
