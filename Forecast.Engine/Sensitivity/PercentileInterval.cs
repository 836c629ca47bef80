using MathNet.Numerics.Statistics;

namespace Forecast.Engine.Sensitivity;

/// <summary>
/// The bootstrap percentile interval (Efron and Tibshirani 1993, ch. 13): the (1 − c)/2 and (1 + c)/2
/// empirical quantiles of the replicates, with the R-7 (linear interpolation) quantile definition.
/// </summary>
internal static class PercentileInterval
{
    /// <summary>
    /// Sorts <paramref name="replicates"/> in place and returns the interval at <paramref name="confidenceLevel"/>.
    /// NaN replicates (a resample whose outputs are all equal) are left out; with no finite replicate
    /// both bounds are NaN.
    /// </summary>
    public static (double Lower, double Upper) Of(Span<double> replicates, double confidenceLevel)
    {
        replicates.Sort(); // NaN sorts first.
        int firstFinite = 0;
        while (firstFinite < replicates.Length && double.IsNaN(replicates[firstFinite])) firstFinite++;
        if (firstFinite == replicates.Length) return (double.NaN, double.NaN);

        double[] sorted = replicates[firstFinite..].ToArray();
        double tail = (1.0 - confidenceLevel) / 2.0;
        return (
            SortedArrayStatistics.QuantileCustom(sorted, tail, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 1.0 - tail, QuantileDefinition.R7));
    }
}
