namespace Forecast.Engine.Calibration;

/// <summary>
/// One historical fact: the value of an indicator in a year, optionally for a region, with the
/// source that reports it. Example: Liaocheng, <c>hightech_enterprises</c>, 2015, 51 enterprises,
/// "plan L107".
/// </summary>
/// <param name="Indicator">Indicator id, e.g. <c>hightech_enterprises</c>; non-empty.</param>
/// <param name="Year">Calendar year the value refers to (for period totals: the last year of the period).</param>
/// <param name="Value">The reported value in <paramref name="Unit"/>; finite.</param>
/// <param name="Region">Region name, or <see langword="null"/> when the series has no region.</param>
/// <param name="Source">Where the value comes from (document and line), or <see langword="null"/>.</param>
/// <param name="Unit">Unit as written in the source data (e.g. "percent"), or <see langword="null"/>.</param>
/// <param name="Period">The years the value totals over (a count of new entries in 2016-2020), or <see langword="null"/>
/// for a value of the year itself; its last year is <paramref name="Year"/>.</param>
public sealed record Observation(
    string Indicator,
    int Year,
    double Value,
    string? Region = null,
    string? Source = null,
    string? Unit = null,
    YearPeriod? Period = null);
