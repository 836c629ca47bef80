using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// A set of historical series, at most one per (region, indicator): the calibration input, e.g.
/// one indicator across the cities of a province.
/// </summary>
public sealed record HistoricalPanel
{
    private HistoricalPanel(ImmutableArray<HistoricalSeries> series) => Series = series;

    /// <summary>The series, ordered by indicator then region (series without region first).</summary>
    public ImmutableArray<HistoricalSeries> Series { get; }

    /// <summary>An empty panel.</summary>
    public static HistoricalPanel Empty { get; } = new(ImmutableArray<HistoricalSeries>.Empty);

    /// <summary>Total number of observations over all series.</summary>
    public int ObservationCount => Series.Sum(s => s.Count);

    /// <summary>
    /// Groups observations into series by (region, indicator). Throws <see cref="ArgumentException"/>
    /// when a (region, indicator, year) occurs twice.
    /// </summary>
    public static HistoricalPanel FromObservations(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var series = observations
            .GroupBy(o => (Region: string.IsNullOrWhiteSpace(o.Region) ? null : o.Region, o.Indicator))
            .Select(g => HistoricalSeries.Create(g.Key.Indicator, g.Key.Region, g))
            .OrderBy(s => s.Indicator, StringComparer.Ordinal)
            .ThenBy(s => s.Region ?? string.Empty, StringComparer.Ordinal)
            .ToImmutableArray();
        return new HistoricalPanel(series);
    }

    /// <summary>Builds a panel from whole series; throws <see cref="ArgumentException"/> if two share (region, indicator).</summary>
    public static HistoricalPanel FromSeries(IEnumerable<HistoricalSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return FromObservations(series.SelectMany(s => s.Observations));
    }

    /// <summary>The series of <paramref name="indicator"/> in <paramref name="region"/>, or <see langword="null"/>.</summary>
    public HistoricalSeries? Find(string indicator, string? region = null)
    {
        string? r = string.IsNullOrWhiteSpace(region) ? null : region;
        foreach (HistoricalSeries s in Series)
        {
            if (string.Equals(s.Indicator, indicator, StringComparison.Ordinal) && string.Equals(s.Region, r, StringComparison.Ordinal))
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>Every region's series of <paramref name="indicator"/>.</summary>
    public ImmutableArray<HistoricalSeries> ForIndicator(string indicator) =>
        Series.Where(s => string.Equals(s.Indicator, indicator, StringComparison.Ordinal)).ToImmutableArray();
}
