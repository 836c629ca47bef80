using FsCheck.Xunit;
using Forecast.Engine.Sensitivity;

namespace Forecast.Tests.Sensitivity;

/// <summary>
/// Defining properties of Spearman's ρ (Kendall and Gibbons 1990, ch. 2-3) on arbitrary paired samples.
/// FsCheck's small integers give many ties, which is where rank handling goes wrong. Two fixed pairs,
/// (−1000, −1000) and (1000, 1000), are appended so every sample has at least two distinct points; the
/// properties hold for any data, so this only rules out the undefined constant case.
/// </summary>
public sealed class SpearmanRankCorrelationProperties
{
    [Property]
    public bool Rho_IsUnchangedByStrictlyIncreasingTransformOfEitherSample(int[] xs, int[] ys)
    {
        (double[] x, double[] y) = Paired(xs, ys);
        // x ↦ x³ + x is strictly increasing and exact in double for |x| ≤ 1000.
        double[] transformed = [.. x.Select(v => v * v * v + v)];
        double rho = SpearmanRankCorrelation.Between(x, y);
        return rho == SpearmanRankCorrelation.Between(transformed, y)
            && rho == SpearmanRankCorrelation.Between(x, [.. y.Select(v => v * v * v + v)]);
    }

    [Property]
    public bool Rho_ChangesSignWhenOneSampleIsReversed(int[] xs, int[] ys)
    {
        (double[] x, double[] y) = Paired(xs, ys);
        double[] negated = [.. x.Select(v => -v)];
        return Math.Abs(SpearmanRankCorrelation.Between(x, y) + SpearmanRankCorrelation.Between(negated, y)) <= 1e-12;
    }

    [Property]
    public bool Rho_IsSymmetricAndBetweenMinusOneAndOne(int[] xs, int[] ys)
    {
        (double[] x, double[] y) = Paired(xs, ys);
        double rho = SpearmanRankCorrelation.Between(x, y);
        // 1e-12 absorbs the rounding of a Pearson correlation of at most a few hundred ranks.
        return Math.Abs(rho - SpearmanRankCorrelation.Between(y, x)) <= 1e-12
            && rho >= -1.0 - 1e-12 && rho <= 1.0 + 1e-12;
    }

    private static (double[] X, double[] Y) Paired(int[] xs, int[] ys)
    {
        int n = Math.Min(xs.Length, ys.Length);
        double[] x = [.. xs.Take(n).Select(v => (double)Math.Clamp(v, -999, 999)), -1000, 1000];
        double[] y = [.. ys.Take(n).Select(v => (double)Math.Clamp(v, -999, 999)), -1000, 1000];
        return (x, y);
    }
}
