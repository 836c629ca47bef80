using System.Collections.Immutable;
using Forecast.Engine.Resources;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The history of one indicator in one region: observations sorted by year, at most one per year.
/// Years may have gaps (e.g. 2015 and 2020 only).
/// </summary>
public sealed record HistoricalSeries
{
    private HistoricalSeries(string indicator, string? region, ImmutableArray<Observation> observations)
    {
        Indicator = indicator;
        Region = region;
        Observations = observations;
    }

    /// <summary>Indicator id, e.g. <c>hightech_enterprises</c>.</summary>
    public string Indicator { get; }

    /// <summary>Region, or <see langword="null"/> for a series without region.</summary>
    public string? Region { get; }

    /// <summary>Observations in increasing year order, one per year.</summary>
    public ImmutableArray<Observation> Observations { get; }

    /// <summary>Number of observations.</summary>
    public int Count => Observations.Length;

    /// <summary>
    /// Builds a series from observations that all share <paramref name="indicator"/> and
    /// <paramref name="region"/>. Throws <see cref="ArgumentException"/> for an empty indicator, a
    /// foreign observation, a repeated year or a non-finite value.
    /// </summary>
    public static HistoricalSeries Create(string indicator, string? region, IEnumerable<Observation> observations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indicator);
        ArgumentNullException.ThrowIfNull(observations);
        string? normalisedRegion = string.IsNullOrWhiteSpace(region) ? null : region;
        var sorted = observations.OrderBy(o => o.Year).ToImmutableArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            Observation o = sorted[i];
            string? r = string.IsNullOrWhiteSpace(o.Region) ? null : o.Region;
            if (!string.Equals(o.Indicator, indicator, StringComparison.Ordinal) || !string.Equals(r, normalisedRegion, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    MessageText.Format(Messages.SeriesForeign, $"{o.Region}/{o.Indicator}/{o.Year}", $"{normalisedRegion}/{indicator}"),
                    nameof(observations));
            }
            if (!double.IsFinite(o.Value))
            {
                throw new ArgumentException(MessageText.Format(Messages.SeriesNotFinite, indicator, o.Year, o.Value), nameof(observations));
            }
            if (o.Period is { } period && (period.Last != o.Year || period.Problem() is not null))
            {
                throw new ArgumentException(MessageText.Format(Messages.SeriesPeriodEnd, indicator, o.Year, period), nameof(observations));
            }
            if (i > 0 && sorted[i - 1].Year == o.Year)
            {
                throw new ArgumentException(MessageText.Format(Messages.SeriesTwoValues, indicator, o.Year), nameof(observations));
            }
        }
        return new HistoricalSeries(indicator, normalisedRegion, sorted);
    }

    /// <summary>Builds a series from (year, value) pairs.</summary>
    public static HistoricalSeries FromValues(string indicator, IEnumerable<(int Year, double Value)> points, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Create(indicator, region, points.Select(p => new Observation(indicator, p.Year, p.Value, region)));
    }

    /// <summary>The years, in increasing order.</summary>
    public ImmutableArray<int> Years => Observations.Select(o => o.Year).ToImmutableArray();

    /// <summary>The values, in year order.</summary>
    public ImmutableArray<double> Values => Observations.Select(o => o.Value).ToImmutableArray();

    /// <summary>The sub-series of observations up to and including <paramref name="year"/>.</summary>
    public HistoricalSeries Through(int year) =>
        new(Indicator, Region, Observations.Where(o => o.Year <= year).ToImmutableArray());

    /// <summary>"Region indicator" or just the indicator, for messages.</summary>
    public string Label => Region is null ? Indicator : Region + " " + Indicator;
}
