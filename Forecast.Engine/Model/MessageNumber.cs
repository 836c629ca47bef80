using System.Globalization;

namespace Forecast.Engine.Model;

/// <summary>How numbers appear in messages about a scenario: six significant digits, invariant culture, and the exponent as a scenario file writes it (1e+08).</summary>
internal static class MessageNumber
{
    public static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
