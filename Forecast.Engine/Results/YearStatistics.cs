namespace Forecast.Engine.Results;

/// <summary>The simulated distribution of an indicator in one year.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Mean">Mean over paths.</param>
/// <param name="P5">5th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Probability">Share of paths at or beyond the target's threshold in this year. Range: 0-1.</param>
/// <param name="Deterministic">The deterministic projection (every driver at its mean, no shocks).</param>
/// <param name="Sd">Standard deviation over paths (n − 1 in the denominator); NaN when not known (one path, or a summary written before it was kept).</param>
public sealed record YearStatistics(int Year, double Mean, double P5, double P25, double P50, double P75, double P95,
    double Probability, double Deterministic, double Sd = double.NaN)
{
    /// <summary>Where the year's variance comes from (model choice, parameters, year-to-year), or null when not computed.</summary>
    public VarianceDecomposition? Variance { get; init; }
}
