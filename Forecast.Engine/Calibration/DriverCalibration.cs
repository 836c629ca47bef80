using Forecast.Engine.Model;

namespace Forecast.Engine.Calibration;

/// <summary>A driver before and after calibration.</summary>
/// <param name="Driver">The driver's id.</param>
/// <param name="Role">Its role in the indicator's model, e.g. "growth", "step", "entries", "numerator growth".</param>
/// <param name="Before">The base scenario's level distribution.</param>
/// <param name="After">The calibrated level distribution (the estimate's sampling distribution), or <paramref name="Before"/> when unchanged.</param>
/// <param name="YearlyBefore">The base scenario's yearly variation.</param>
/// <param name="YearlyAfter">The calibrated yearly variation, or <paramref name="YearlyBefore"/>.</param>
/// <param name="Changed">True when the level or the yearly variation was replaced.</param>
/// <param name="Note">What was calibrated from which data (the text added to the driver's note), or why not.</param>
public sealed record DriverCalibration(string Driver, string Role, Distribution Before, Distribution After,
    YearlyVariation YearlyBefore, YearlyVariation YearlyAfter, bool Changed, string Note);
