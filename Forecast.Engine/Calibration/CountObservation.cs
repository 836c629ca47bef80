namespace Forecast.Engine.Calibration;

/// <summary>
/// A count of new entries over a period, e.g. 111 new provincial-or-higher innovation platforms in
/// 2016-2020 (<c>new CountObservation(2018, 111, 5)</c>).
/// </summary>
/// <param name="Year">Centre of the period in years (2018 for 2016-2020; 2020.5 when the year is taken as mid-year is also fine, as long as it is consistent).</param>
/// <param name="Count">Number of new entries in the period; a whole number ≥ 0.</param>
/// <param name="ExposureYears">Length of the period in years (&gt; 0); the expected count is rate × exposure.</param>
public sealed record CountObservation(double Year, double Count, double ExposureYears = 1.0);
