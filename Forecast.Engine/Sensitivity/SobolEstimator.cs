namespace Forecast.Engine.Sensitivity;

/// <summary>
/// The first-order and total index estimators over a selection of design rows (all rows for the
/// point estimate, a resample for a bootstrap replicate). Over the n = N visited rows, with outputs as
/// stored in <see cref="SaltelliOutputs"/> (already centred on the full-sample mean):
/// <list type="bullet">
/// <item><description>
/// V(Y) = 1/(2n) Σ (f(A)² + f(B)²) − m², with m = 1/(2n) Σ (f(A) + f(B)).
/// </description></item>
/// <item><description>
/// First order, the Saltelli 2010 estimator of Saltelli et al. 2010, Table 2, applied to outputs centred on m:
/// V_i = 1/n Σ (f(B) − m)(f(A_B^i) − f(A)), S1_i = V_i / V(Y).
/// </description></item>
/// <item><description>
/// Total, the Jansen 1999 estimator (Saltelli et al. 2010, Table 2):
/// VT_i = 1/(2n) Σ (f(A) − f(A_B^i))², ST_i = VT_i / V(Y).
/// </description></item>
/// </list>
/// </summary>
internal static class SobolEstimator
{
    /// <summary>
    /// Visits <see cref="SaltelliOutputs.BaseSamples"/> rows chosen by <paramref name="rows"/> and writes
    /// S1 and ST of every input. Uses <paramref name="scratch"/> (length 3k) and allocates nothing.
    /// </summary>
    /// <returns>V(Y) over the visited rows; when it is not positive, the indices are NaN.</returns>
    public static double Estimate<TRows>(
        SaltelliOutputs outputs, ref TRows rows, Span<double> scratch, Span<double> firstOrder, Span<double> total)
        where TRows : struct, IRowSelection => Estimate(outputs, ref rows, scratch, firstOrder, total, outputs.BaseSamples);

    /// <summary>As the other overload, over <paramref name="visits"/> rows chosen by <paramref name="rows"/> (one replicate's rows).</summary>
    public static double Estimate<TRows>(
        SaltelliOutputs outputs, ref TRows rows, Span<double> scratch, Span<double> firstOrder, Span<double> total, int visits)
        where TRows : struct, IRowSelection
    {
        int k = outputs.InputCount;
        int n = visits;
        int stride = outputs.Stride;
        ReadOnlySpan<double> all = outputs.Rows;

        // scratch: [0, k) Σ d_i, [k, 2k) Σ f(B)·d_i, [2k, 3k) Σ d_i², with d_i = f(A_B^i) − f(A).
        Span<double> sumD = scratch[..k];
        Span<double> sumBD = scratch.Slice(k, k);
        Span<double> sumDD = scratch.Slice(2 * k, k);
        scratch[..(3 * k)].Clear();
        double sumY = 0.0, sumYY = 0.0;

        for (int draw = 0; draw < n; draw++)
        {
            ReadOnlySpan<double> row = all.Slice(rows.NextRow() * stride, stride);
            double a = row[0];
            double b = row[1];
            sumY += a + b;
            sumYY += a * a + b * b;
            ReadOnlySpan<double> mixed = row[2..];
            for (int i = 0; i < mixed.Length; i++)
            {
                double d = mixed[i] - a;
                sumD[i] += d;
                sumBD[i] += b * d;
                sumDD[i] += d * d;
            }
        }

        double mean = sumY / (2.0 * n);
        double variance = sumYY / (2.0 * n) - mean * mean;
        if (!(variance > 0.0))
        {
            firstOrder[..k].Fill(double.NaN);
            total[..k].Fill(double.NaN);
            return Math.Max(variance, 0.0);
        }

        for (int i = 0; i < k; i++)
        {
            firstOrder[i] = (sumBD[i] - mean * sumD[i]) / n / variance;
            total[i] = sumDD[i] / (2.0 * n) / variance;
        }
        return variance;
    }
}
