using System.Collections.Immutable;
using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Gathers the history of one indicator for calibration: its own series (the scenario's region, or no region) completed by
/// the scenario's base value and history points, the counts of a count driver (yearly counts and period totals, the period
/// being data on the observation), and the other regions' series of the same indicator (the panel).
/// </summary>
internal sealed class HistoryGatherer(Scenario scenario, HistoricalPanel panel, string? region)
{
    /// <summary>The scenario's own region, or null when only series without a region are its own.</summary>
    public string? Region { get; } = string.IsNullOrWhiteSpace(region) ? null : region;

    /// <summary>True when the history has a series of the indicator (any region) or the scenario gives history points for it.</summary>
    public bool Covers(Indicator indicator) => !panel.ForIndicator(indicator.Id).IsEmpty || indicator.HistoryPoints.Count > 0;

    private bool IsOwn(HistoricalSeries s) => s.Region is null || string.Equals(s.Region, Region, StringComparison.Ordinal);

    private HistoricalSeries? Find(string id) => panel.Find(id, Region) ?? panel.Find(id);

    /// <summary>Other regions' series of <paramref name="indicator"/> with at least <paramref name="minimumPoints"/> yearly values that <paramref name="accepts"/> takes.</summary>
    public ImmutableArray<HistoricalSeries> Donors(string indicator, int minimumPoints, Func<Observation, bool> accepts) => panel.ForIndicator(indicator)
        .Where(s => !IsOwn(s) && s.Count >= minimumPoints && s.Observations.All(o => o.Period is null && accepts(o)))
        .ToImmutableArray();

    /// <summary>The own series of a level indicator: the history file's, completed by the scenario's base value and yearly history points.</summary>
    public (HistoricalSeries Series, ImmutableArray<string> Warnings) OwnSeries(Indicator indicator)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        HistoricalSeries? file = Find(indicator.Id);
        var byYear = new SortedDictionary<int, Observation>();
        if (file is not null)
        {
            foreach (Observation o in file.Observations.Where(o => o.Period is null)) byYear[o.Year] = o;
        }
        string? seriesRegion = file is null ? Region : file.Region;
        var fromScenario = indicator.HistoryPoints.Where(h => h.Years == 1).Select(h => (h.Year, h.Value, Source: h.Source ?? "scenario history"))
            .Append((Year: indicator.BaseYear, Value: indicator.BaseValue, Source: "scenario base value"));
        foreach (var (year, value, source) in fromScenario)
        {
            if (byYear.TryGetValue(year, out Observation? there))
            {
                if (Math.Abs(there.Value - value) > 1e-9 * Math.Max(1, Math.Abs(value)))
                    warnings.Add(CalibrationProse.FileAndScenarioDisagree(indicator.Id, year, there.Value, value, source));
                continue;
            }
            byYear[year] = new Observation(indicator.Id, year, value, seriesRegion, "scenario: " + source);
        }
        return (HistoricalSeries.Create(indicator.Id, seriesRegion, byYear.Values), warnings.ToImmutable());
    }

    /// <summary>
    /// Counts for a count driver: yearly counts under the driver's id (and, for a flow, the indicator's id), period totals
    /// under the driver's or the indicator's id (observations with a <see cref="YearPeriod"/>: exposure = its years), and the
    /// scenario's own period totals (history points with years &gt; 1).
    /// </summary>
    public CountHistory Counts(Indicator indicator, string driverId, bool includeIndicator, bool flow)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        var counts = new List<CountObservation>();
        var sources = new List<string>();
        var periods = new HashSet<YearPeriod>();
        foreach (HistoricalSeries s in panel.Series.Where(IsOwn))
        {
            bool yearlyId = s.Indicator == driverId || (flow && s.Indicator == indicator.Id);
            bool totalId = s.Indicator == driverId || (includeIndicator && s.Indicator == indicator.Id);
            var used = new List<Observation>();
            foreach (Observation o in s.Observations)
            {
                bool total = o.Period is { Years: > 1 };
                if (total ? !totalId : !yearlyId) continue;
                if (o.Value < 0 || o.Value != Math.Floor(o.Value))
                {
                    warnings.Add(CalibrationProse.NotAWholeCount(s.Label + " " + (o.Period?.ToString() ?? o.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), o.Value));
                    continue;
                }
                YearPeriod period = o.Period ?? new YearPeriod(o.Year, o.Year);
                periods.Add(period);
                counts.Add(new CountObservation(period.Centre, o.Value, period.Years));
                used.Add(o);
            }
            if (used.Count == 0) continue;
            sources.Add(used.All(o => o.Period is not { Years: > 1 })
                ? F(T.CountSourceYearly, s.Label, used[0].Year, used[^1].Year)
                : Invariant($"{s.Label} ({string.Join(", ", used.Select(o => o.Period is { Years: > 1 } p ? F(T.CountSourceValueIn, Num(o.Value), p) : Num(o.Value)))})"));
        }
        foreach (HistoryPoint h in indicator.HistoryPoints)
        {
            if (h.Years > 1)
            {
                var period = new YearPeriod(h.Year - h.Years + 1, h.Year);
                if (periods.Contains(period)) continue;
                if (h.Value < 0 || h.Value != Math.Floor(h.Value))
                {
                    warnings.Add(CalibrationProse.NotAWholeCount(F(T.HistoryLabel, indicator.Id, period), h.Value));
                    continue;
                }
                counts.Add(new CountObservation(period.Centre, h.Value, h.Years));
                sources.Add(F(T.CountSourceScenarioTotal, Num(h.Value), period, h.Source ?? T.NoSource));
            }
            else if (flow && !counts.Any(x => x.ExposureYears == 1 && x.Year == h.Year) && h.Value >= 0 && h.Value == Math.Floor(h.Value))
            {
                counts.Add(new CountObservation(h.Year, h.Value, 1));
                sources.Add(F(T.CountSourceScenarioYear, Num(h.Value), h.Year));
            }
        }
        return new CountHistory(counts.OrderBy(x => x.Year).ToImmutableArray(), string.Join(T.SourceSeparator, sources), warnings.ToImmutable());
    }

    /// <summary>History series that match no indicator or driver of the scenario ("region indicator").</summary>
    public ImmutableArray<string> UnusedSeries()
    {
        var known = new HashSet<string>(scenario.Indicators.Select(i => i.Id).Concat(scenario.Drivers.Select(d => d.Id)), StringComparer.Ordinal);
        return panel.Series.Where(s => !known.Contains(s.Indicator)).Select(s => s.Label).ToImmutableArray();
    }
}

/// <summary>The counts gathered for a count driver, where they come from, and what was left out.</summary>
/// <param name="Counts">Counts per period, oldest first.</param>
/// <param name="Source">Where they come from, for the notes and the console, in the UI culture.</param>
/// <param name="Warnings">Values left out (not whole counts).</param>
internal sealed record CountHistory(ImmutableArray<CountObservation> Counts, string Source, ImmutableArray<string> Warnings);
