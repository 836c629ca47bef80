using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Forecast.Engine.Statistics;

/// <summary>
/// The standard normal distribution function Φ by W. J. Cody's rational Chebyshev approximations
/// (Cody 1969; ACM TOMS Algorithm 715, 1993), the algorithm of R's <c>pnorm</c>: relative error near
/// double precision on the whole line, three branches, no special-function call. MathNet's
/// <c>Normal.CDF</c> computes the same function through erfc and is used as the test oracle. The row version
/// evaluates the same operations eight lanes at a time, so its results equal the scalar function's bit for bit.
/// </summary>
public static class StandardNormal
{
    private const double SqrtThirtyTwo = 5.656854249492380195206754896838;
    private const double OneOverSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>Φ(x) = P(Z ≤ x) for Z ~ N(0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cdf(double x)
    {
        double y = Math.Abs(x);
        if (y <= 0.67448975)
        {
            double xsq = x * x;
            double xnum = 0.065682337918207449113 * xsq, xden = xsq;
            xnum = (xnum + 2.2352520354606839287) * xsq; xden = (xden + 47.20258190468824187) * xsq;
            xnum = (xnum + 161.02823106855587881) * xsq; xden = (xden + 976.09855173777669322) * xsq;
            xnum = (xnum + 1067.6894854603709582) * xsq; xden = (xden + 10260.932208618978205) * xsq;
            return 0.5 + x * (xnum + 18154.981253343561249) / (xden + 45507.789335026729956);
        }
        double tail;
        if (y <= SqrtThirtyTwo)
        {
            double xnum = 1.0765576773720192317e-8 * y, xden = y;
            xnum = (xnum + 0.39894151208813466764) * y; xden = (xden + 22.266688044328115691) * y;
            xnum = (xnum + 8.8831497943883759412) * y; xden = (xden + 235.38790178262499861) * y;
            xnum = (xnum + 93.506656132177855979) * y; xden = (xden + 1519.377599407554805) * y;
            xnum = (xnum + 597.27027639480026226) * y; xden = (xden + 6485.558298266760755) * y;
            xnum = (xnum + 2494.5375852903726711) * y; xden = (xden + 18615.571640885098091) * y;
            xnum = (xnum + 6848.1904505362823326) * y; xden = (xden + 34900.952721145977266) * y;
            xnum = (xnum + 11602.651437647350124) * y; xden = (xden + 38912.003286093271411) * y;
            tail = (xnum + 9842.7148383839780218) / (xden + 19685.429676859990727);
        }
        else
        {
            double xsq = 1 / (x * x);
            double xnum = 0.02307344176494017303 * xsq, xden = xsq;
            xnum = (xnum + 0.21589853405795699) * xsq; xden = (xden + 1.28426009614491121) * xsq;
            xnum = (xnum + 0.1274011611602473639) * xsq; xden = (xden + 0.468238212480865118) * xsq;
            xnum = (xnum + 0.022235277870649807) * xsq; xden = (xden + 0.0659881378689285515) * xsq;
            xnum = (xnum + 0.001421619193227893466) * xsq; xden = (xden + 0.00378239633202758244) * xsq;
            tail = xsq * (xnum + 2.9112874951168792e-5) / (xden + 7.29751555083966205e-5);
            tail = (OneOverSqrtTwoPi - tail) / y;
        }
        // exp(−y²/2) split as exp(−s²/2)·exp(−(y−s)(y+s)/2) with s = y rounded down to 1/16, for accuracy.
        double s = Math.Truncate(y * 16) / 16;
        double del = (y - s) * (y + s);
        // The exp of VectorMath, so the vector Φ below gives the same bits whatever the instruction set.
        double upper = VectorMath.Exp(-s * s * 0.5) * VectorMath.Exp(-del * 0.5) * tail;
        return x > 0 ? 1 - upper : upper;
    }

    /// <summary>
    /// destination[i] = Φ(x[i]), eight at a time with AVX-512: both rational approximations of <see cref="Cdf(double)"/>
    /// are evaluated for every lane and the lane's own one is kept, so there is no branch to mispredict; the
    /// exp is <see cref="VectorMath.ExpInRange(Vector512{double})"/>, the vector twin of the scalar's <see cref="VectorMath.Exp(double)"/>. Eight values with any beyond
    /// √32 (probability 10⁻⁸) or NaN are computed by the scalar function.
    /// </summary>
    public static void Cdf(ReadOnlySpan<double> x, Span<double> destination)
    {
        if (destination.Length < x.Length) throw new ArgumentException("the destination is shorter than the input", nameof(destination));
        int i = 0, n = x.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector512.Create(x.Slice(i, 8));
                var y = Vector512.Abs(v);
                if (!Vector512.LessThanOrEqualAll(y, Vector512.Create(SqrtThirtyTwo)))
                {
                    for (int j = i; j < i + 8; j++) destination[j] = Cdf(x[j]);
                    continue;
                }
                var c = Central(v);
                var central = Vector512.LessThanOrEqual(y, Vector512.Create(0.67448975));
                (central == Vector512<double>.AllBitsSet ? c : Vector512.ConditionalSelect(central, c, Tail(v, y))).CopyTo(destination[i..]);
            }
        }
        for (; i < n; i++) destination[i] = Cdf(x[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Central(Vector512<double> x)
    {
        var xsq = x * x;
        var xnum = Vector512.Create(0.065682337918207449113) * xsq;
        var xden = xsq;
        xnum = (xnum + Vector512.Create(2.2352520354606839287)) * xsq; xden = (xden + Vector512.Create(47.20258190468824187)) * xsq;
        xnum = (xnum + Vector512.Create(161.02823106855587881)) * xsq; xden = (xden + Vector512.Create(976.09855173777669322)) * xsq;
        xnum = (xnum + Vector512.Create(1067.6894854603709582)) * xsq; xden = (xden + Vector512.Create(10260.932208618978205)) * xsq;
        return Vector512.Create(0.5) + x * (xnum + Vector512.Create(18154.981253343561249)) / (xden + Vector512.Create(45507.789335026729956));
    }

    /// <summary>Φ for 0.674 &lt; |x| ≤ √32, operation for operation as the scalar function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Tail(Vector512<double> x, Vector512<double> y)
    {
        var xnum = Vector512.Create(1.0765576773720192317e-8) * y;
        var xden = y;
        xnum = (xnum + Vector512.Create(0.39894151208813466764)) * y; xden = (xden + Vector512.Create(22.266688044328115691)) * y;
        xnum = (xnum + Vector512.Create(8.8831497943883759412)) * y; xden = (xden + Vector512.Create(235.38790178262499861)) * y;
        xnum = (xnum + Vector512.Create(93.506656132177855979)) * y; xden = (xden + Vector512.Create(1519.377599407554805)) * y;
        xnum = (xnum + Vector512.Create(597.27027639480026226)) * y; xden = (xden + Vector512.Create(6485.558298266760755)) * y;
        xnum = (xnum + Vector512.Create(2494.5375852903726711)) * y; xden = (xden + Vector512.Create(18615.571640885098091)) * y;
        xnum = (xnum + Vector512.Create(6848.1904505362823326)) * y; xden = (xden + Vector512.Create(34900.952721145977266)) * y;
        xnum = (xnum + Vector512.Create(11602.651437647350124)) * y; xden = (xden + Vector512.Create(38912.003286093271411)) * y;
        var tail = (xnum + Vector512.Create(9842.7148383839780218)) / (xden + Vector512.Create(19685.429676859990727));
        var s = Vector512.Truncate(y * Vector512.Create(16.0)) / Vector512.Create(16.0);
        var del = (y - s) * (y + s);
        var upper = VectorMath.ExpInRange(-s * s * Vector512.Create(0.5)) * VectorMath.ExpInRange(-del * Vector512.Create(0.5)) * tail;
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), Vector512<double>.One - upper, upper);
    }
}
