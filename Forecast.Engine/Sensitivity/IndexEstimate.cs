namespace Forecast.Engine.Sensitivity;

/// <summary>
/// A point estimate of a sensitivity index with its bootstrap percentile interval
/// [<see cref="Lower"/>, <see cref="Upper"/>] at the analysis' confidence level.
/// </summary>
/// <remarks>
/// Sampling error can put an estimate or a bound slightly outside the index's mathematical range
/// [0, 1]; estimates are reported unclipped so that the interval stays an honest picture of that error.
/// </remarks>
/// <param name="Estimate">The point estimate from all base samples.</param>
/// <param name="Lower">Lower percentile bound; <see cref="double.NaN"/> when no bootstrap replicates were drawn.</param>
/// <param name="Upper">Upper percentile bound; <see cref="double.NaN"/> when no bootstrap replicates were drawn.</param>
public readonly record struct IndexEstimate(double Estimate, double Lower, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies in the closed interval [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">The value to locate, for example a known analytic index.</param>
    /// <returns><see langword="true"/> when <c>Lower ≤ value ≤ Upper</c>; <see langword="false"/> when a bound is NaN.</returns>
    public bool Contains(double value) => Lower <= value && value <= Upper;
}
