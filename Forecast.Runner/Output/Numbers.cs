using System.Globalization;

namespace Forecast.Runner.Output;

/// <summary>Invariant-culture number formatting for every output file.</summary>
internal static class Numbers
{
    /// <summary>
    /// A number in a CSV file: 6 significant digits (a Monte Carlo estimate has fewer meaningful ones), fixed notation
    /// (never 8E-06), trailing zeros dropped; whole numbers stay whole; empty for NaN. Fractions stay fractions.
    /// </summary>
    public static string Csv(double x) => double.IsNaN(x) ? "" : double.IsInfinity(x) ? (x > 0 ? "Infinity" : "-Infinity") : Significant(x, 6, keepZeros: false);

    /// <summary>A probability (a fraction 0-1) in a CSV file: 4 decimals, or 3 significant digits below 0.01 (a joint target's 0.00052).</summary>
    public static string CsvProbability(double p) =>
        double.IsNaN(p) ? "" : p != 0 && Math.Abs(p) < 0.01 ? Significant(p, 3, keepZeros: false) : Math.Round(p, 4).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A field quoted per RFC 4180 when it holds a comma, quote or line break.</summary>
    public static string CsvText(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>A human-readable number with a sensible number of digits for the console.</summary>
    public static string Human(double x)
    {
        if (double.IsNaN(x)) return "-";
        double a = Math.Abs(x);
        string format = a >= 1000 ? "0" : a >= 100 ? "0.#" : a >= 10 ? "0.##" : a >= 1 ? "0.###" : "0.####";
        return x.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A number with at most <paramref name="decimals"/> decimals, trailing zeros dropped: "0.0049".</summary>
    public static string Fixed(double x, int decimals) =>
        double.IsNaN(x) ? "-" : Math.Round(x, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="x"/> to <paramref name="digits"/> significant digits in fixed notation (never scientific), whole
    /// numbers kept whole: 0.6586 → "0.659", 5.1 → "5.10" (or "5.1" without <paramref name="keepZeros"/>), 1471 → "1471", 8E-06 → "0.00000800".
    /// </summary>
    public static string Significant(double x, int digits, bool keepZeros = true)
    {
        if (double.IsNaN(x)) return "-";
        if (x == 0 || double.IsInfinity(x)) return x.ToString(CultureInfo.InvariantCulture);
        // "G" rounds to significant digits correctly at any magnitude; the custom format then writes it without an exponent.
        if (Math.Abs(x) >= Math.Pow(10, digits - 1)) return Math.Round(x, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
        double rounded = double.Parse(x.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        int decimals = Math.Max(0, digits - 1 - magnitude);
        return rounded.ToString("0." + new string(keepZeros ? '0' : '#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A count with thousands separators: "100,000".</summary>
    public static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double x, int decimals = 1) =>
        double.IsNaN(x) ? "-" : (x * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
}
