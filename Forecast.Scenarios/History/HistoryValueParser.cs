using System.Globalization;
using System.Text.RegularExpressions;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios.History;

/// <summary>
/// Parses numbers and years of history files strictly: '.' is the only decimal point, no grouping, no
/// units. Ambiguous forms are rejected with a message saying what they look like ("1,234" may be a
/// thousands separator or a decimal comma; "1,87" is a decimal comma), so that nothing is misread.
/// </summary>
internal static partial class HistoryValueParser
{
    public const int EarliestYear = 1900;
    public const int LatestYear = 2100;

    /// <summary>Parses <paramref name="text"/> (already trimmed) as a finite number, or explains why not.</summary>
    public static bool TryParseValue(string text, out double value, out string problem)
    {
        value = double.NaN;
        problem = string.Empty;
        if (text.Length == 0)
        {
            problem = Messages.HistoryEmptyValue;
            return false;
        }
        if (PlainNumber().IsMatch(text))
        {
            value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(value))
            {
                return true;
            }
            problem = MessageText.Format(Messages.HistoryTooLarge, text);
            return false;
        }
        problem = "'" + text + "'" + Explain(text);
        return false;
    }

    /// <summary>Parses <paramref name="text"/> (trimmed) as a year between 1900 and 2100, or explains why not.</summary>
    public static bool TryParseYear(string text, out int year, out string problem)
    {
        year = 0;
        problem = string.Empty;
        if (text.Length == 0)
        {
            problem = Messages.HistoryEmptyYear;
            return false;
        }
        if (!WholeNumber().IsMatch(text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            problem = MessageText.Format(Messages.HistoryNotWholeYear, text);
            return false;
        }
        if (year is < EarliestYear or > LatestYear)
        {
            problem = MessageText.Format(Messages.HistoryYearOutside, year, EarliestYear, LatestYear);
            return false;
        }
        return true;
    }

    private static string Explain(string text)
    {
        if (ThousandsGrouping().IsMatch(text))
        {
            return Messages.HistoryThousands;
        }
        if (DecimalComma().IsMatch(text))
        {
            return Messages.HistoryDecimalComma;
        }
        if (text.Contains(',', StringComparison.Ordinal))
        {
            return Messages.HistoryComma;
        }
        if (text.EndsWith('%'))
        {
            return Messages.HistoryPercent;
        }
        if (SpaceGrouping().IsMatch(text))
        {
            return Messages.HistorySpaces;
        }
        string lower = text.ToUpperInvariant();
        if (lower is "NAN" or "INF" or "INFINITY" or "-INFINITY" or "+INFINITY" or "NA" or "N/A" or "-" or "NULL")
        {
            return Messages.HistoryNoValue;
        }
        return Messages.HistoryNotNumber;
    }

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGrouping();

    [GeneratedRegex(@"^[+-]?[0-9]*,[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}([\s\u00A0\u202F][0-9]{3})+([.,][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceGrouping();
}
