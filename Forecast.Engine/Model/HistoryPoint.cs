namespace Forecast.Engine.Model;

/// <summary>A historical observation of an indicator.</summary>
/// <param name="Year">Calendar year (for a period total, the period's last year).</param>
/// <param name="Value">Observed value, in the indicator's unit (for a period total, the total).</param>
/// <param name="Source">Where the figure comes from.</param>
/// <param name="Years">How many years the value covers: 1 for a level or a yearly flow, 5 for a 2016-2020 total.</param>
public sealed record HistoryPoint(int Year, double Value, string? Source = null, int Years = 1);
