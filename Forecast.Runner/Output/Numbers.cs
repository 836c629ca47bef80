using System.Globalization;

namespace Forecast.Runner.Output;

/// <summary>Invariant-culture number formatting for every output file.</summary>
internal static class Numbers
{
    /// <summary>Shortest round-trip form; empty for NaN.</summary>
    public static string Csv(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);

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

    public static string Percent(double x, int decimals = 1) =>
        double.IsNaN(x) ? "-" : (x * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
}
