using System.Globalization;
using static System.FormattableString;

namespace Forecast.Engine.Calibration;

/// <summary>Numbers as the planner-facing text of the calibration writes them, and the rounding of calibrated levels.</summary>
internal static class CalibrationText
{
    private static readonly double Z975 = IntervalQuantiles.Normal975;

    /// <summary>Four significant digits, invariant culture.</summary>
    public static string Num(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with two decimals: 0.3935 → "39.35%".</summary>
    public static string Percent(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>The 95% normal interval estimate ± 1.96·sd as "[lo, hi]".</summary>
    public static string Interval(double estimate, double sd) => Invariant($"[{Num(estimate - Z975 * sd)}, {Num(estimate + Z975 * sd)}]");

    /// <summary>"n point(s)".</summary>
    public static string Points(int n) => Invariant($"{n} point{(n == 1 ? "" : "s")}");

    /// <summary>Six significant digits: the calibrated scenario stays readable and its values round-trip.</summary>
    public static double Round(double x) => x == 0 || !double.IsFinite(x) ? x : double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The sd of a normal with the same 95% interval as the estimate's (t-intervals are wider than ±1.96·se).</summary>
    public static double ZSd(ParameterEstimate p) => p.HasInterval ? (p.Upper95 - p.Lower95) / (2 * Z975) : p.StandardError;
}
