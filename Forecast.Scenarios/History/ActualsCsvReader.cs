using System.Text;
using System.Text.RegularExpressions;
using Forecast.Engine.Evaluation;

namespace Forecast.Scenarios.History;

/// <summary>
/// Reads outcomes to score a forecast against (scenarios/history/liaocheng-outcomes.csv and files like it): UTF-8 CSV with
/// RFC 4180 quoting and a header naming the columns <c>region,indicator,year,value,unit,bound,note,source</c> in any order;
/// <c>indicator</c>, <c>year</c> and <c>value</c> are required, the others optional. <c>bound</c> is empty for an exact
/// figure, <c>at-least</c> for one reported as "over X", <c>at-most</c> for "under X". Numbers and years follow the history
/// reader's rules (<see cref="HistoryValueParser"/>). Several rows for the same indicator and year (two sources) are all
/// kept. Every problem is reported at once, located by file, line and column, and nothing is returned unless the whole file
/// reads.
/// </summary>
internal static partial class ActualsCsvReader
{
    private static readonly string[] Columns = ["region", "indicator", "year", "value", "unit", "bound", "note", "source"];
    private const string NumberExpected = "a number with '.' as the decimal point and no grouping, e.g. 1234 or 1.87";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, unreadable or has any problem; every problem is listed.</exception>
    public static IReadOnlyList<Actual> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path)) throw Error(path, 0, 0, "", "found a folder; expected a CSV file of outcomes");
            if (!File.Exists(path)) throw Error(path, 0, 0, "", $"no such file; expected an existing CSV file of outcomes (check the path: {Path.GetFullPath(path)})");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error(path, 0, 0, "", $"the file cannot be read ({e.Message})");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of a file named <paramref name="file"/> (used in messages).</summary>
    public static IReadOnlyList<Actual> Parse(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            throw Error(file, 0, 0, "", "found a UTF-16 byte order mark; expected UTF-8 text (save the file as UTF-8)");
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            int at = offset + Math.Max(0, e.Index);
            int line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw Error(file, line, 0, "", "found bytes that are not UTF-8 (the file is probably in GBK/GB18030); expected UTF-8 text (save the file as UTF-8)");
        }
        return ParseText(text, file);
    }

    /// <summary>Parses CSV text of a file named <paramref name="file"/>.</summary>
    public static IReadOnlyList<Actual> ParseText(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw Error(file, 0, 0, "", "found an empty file; expected a header line (region,indicator,year,value,unit,bound,note,source), then one outcome a row");
        var (records, syntax) = CsvTokenizer.Split(text);
        var errors = syntax.Select(e => new InputError(file, e.Line, 0, "", $"found {e.Found}; expected {e.Expected}")).ToList();
        if (records.IsEmpty) throw new InputException(errors.Count > 0 ? errors : [new InputError(file, 0, 0, "", "found no header line")]);

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < header.Fields.Length; c++)
        {
            string name = header.Fields[c].Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new InputError(file, header.Line, c + 1, name, $"found the column '{name}'; expected only {string.Join(", ", Columns)}"));
            else if (!index.TryAdd(name, c))
                errors.Add(new InputError(file, header.Line, c + 1, name, $"found the column '{name}' a second time; expected each column once"));
        }
        foreach (string required in new[] { "indicator", "year", "value" })
            if (!index.ContainsKey(required))
                errors.Add(new InputError(file, header.Line, 0, required, $"found no '{required}' column; expected at least indicator, year and value"));
        if (errors.Count > 0) throw new InputException(errors);
        if (records.Length == 1) throw Error(file, header.Line, 0, "", "found a header but no outcome; expected one outcome a row after the header");

        var actuals = new List<Actual>();
        for (int r = 1; r < records.Length; r++)
        {
            var record = records[r];
            int line = record.Line;
            if (record.Fields.Length != header.Fields.Length)
            {
                errors.Add(new InputError(file, line, 0, "", FormattableString.Invariant(
                    $"found {record.Fields.Length} field(s); expected {header.Fields.Length} as in the header (text holding commas goes in double quotes)")));
                continue;
            }
            string? Cell(string column) => index.TryGetValue(column, out int c) ? record.Fields[c].Trim() : null;
            string? Optional(string column) => Cell(column) is { Length: > 0 } v ? v : null;
            int Column(string column) => index[column] + 1;
            int before = errors.Count;

            string indicator = Cell("indicator")!;
            if (!IndicatorId().IsMatch(indicator))
                errors.Add(new InputError(file, line, Column("indicator"), "indicator",
                    $"found {(indicator.Length == 0 ? "an empty indicator" : "'" + indicator + "'")}; expected an indicator id: a letter followed by letters, digits, '_', '-' or '.'"));
            if (!HistoryValueParser.TryParseYear(Cell("year")!, out int year, out string yearProblem))
                errors.Add(new InputError(file, line, Column("year"), "year", FormattableString.Invariant(
                    $"found {yearProblem}; expected a whole year between {HistoryValueParser.EarliestYear} and {HistoryValueParser.LatestYear}, e.g. 2024")));
            if (!HistoryValueParser.TryParseValue(Cell("value")!, out double value, out string valueProblem))
                errors.Add(new InputError(file, line, Column("value"), "value", $"found {valueProblem}; expected {NumberExpected}"));
            var bound = ActualBound.Exact;
            switch (Cell("bound"))
            {
                case null or "":
                    break;
                case var b when b.Equals("at-least", StringComparison.OrdinalIgnoreCase):
                    bound = ActualBound.AtLeast;
                    break;
                case var b when b.Equals("at-most", StringComparison.OrdinalIgnoreCase):
                    bound = ActualBound.AtMost;
                    break;
                case var b:
                    errors.Add(new InputError(file, line, Column("bound"), "bound",
                        $"found '{b}'; expected nothing for an exact figure, 'at-least' for a figure reported as over X, or 'at-most' for under X"));
                    break;
            }
            if (errors.Count == before)
                actuals.Add(new Actual(Optional("region"), indicator, year, value, bound, Optional("unit"), Optional("note"), Optional("source"), file, line));
        }
        if (errors.Count > 0) throw new InputException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        return actuals;
    }

    private static InputException Error(string file, int line, int column, string field, string message) =>
        new(new InputError(file, line, column, field, message));

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IndicatorId();
}
