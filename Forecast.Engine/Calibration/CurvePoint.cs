namespace Forecast.Engine.Calibration;

/// <summary>A point of a fitted curve: the fit's central value in a year, in the indicator's unit.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Value">The fitted value.</param>
public sealed record CurvePoint(int Year, double Value);
