namespace Forecast.Engine.Evaluation;

/// <summary>
/// The one-sample Kolmogorov-Smirnov test of uniformity on [0, 1], for PIT values: D = sup |F_n(u) − u| and its p-value
/// from Kolmogorov's limiting distribution Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²) at λ = (√n + 0.12 + 0.11/√n)·D
/// (Stephens 1970; Numerical Recipes 14.3), accurate to a few thousandths for n ≥ 5 and better for large n.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The statistic D and its p-value for <paramref name="values"/> drawn from U(0, 1).</summary>
    public static (double Statistic, double PValue) Uniform(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) return (double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double u = Math.Clamp(sorted[i], 0, 1);
            d = Math.Max(d, Math.Max((i + 1.0) / n - u, u - (double)i / n));
        }
        double root = Math.Sqrt(n);
        return (d, LimitingTail((root + 0.12 + 0.11 / root) * d));
    }

    /// <summary>Q(λ) = P(K &gt; λ) for Kolmogorov's K.</summary>
    public static double LimitingTail(double lambda)
    {
        if (lambda < 0.2) return 1;
        double sum = 0, sign = 1;
        for (int k = 1; k <= 100; k++)
        {
            double term = sign * Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-16 * Math.Abs(sum)) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
