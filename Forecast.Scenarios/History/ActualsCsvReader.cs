using System.Text;
using System.Text.RegularExpressions;
using Forecast.Engine.Evaluation;
using Forecast.Scenarios.Resources;

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
    private static string NumberExpected => Messages.NumberExpected;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, unreadable or has any problem; every problem is listed.</exception>
    public static IReadOnlyList<Actual> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path)) throw Error(path, 0, 0, "", Messages.ActualsFolder);
            if (!File.Exists(path)) throw Error(path, 0, 0, "", MessageText.Format(Messages.ActualsNoFile, Path.GetFullPath(path)));
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error(path, 0, 0, "", MessageText.Format(Messages.ActualsUnreadable, e.Message));
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of a file named <paramref name="file"/> (used in messages).</summary>
    public static IReadOnlyList<Actual> Parse(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            throw Error(file, 0, 0, "", Messages.ActualsUtf16);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            int at = offset + Math.Max(0, e.Index);
            int line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw Error(file, line, 0, "", Messages.ActualsNotUtf8);
        }
        return ParseText(text, file);
    }

    /// <summary>Parses CSV text of a file named <paramref name="file"/>.</summary>
    public static IReadOnlyList<Actual> ParseText(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw Error(file, 0, 0, "", Messages.ActualsEmpty);
        var (records, syntax) = CsvTokenizer.Split(text);
        var errors = syntax.Select(e => new InputError(file, e.Line, 0, "", MessageText.Format(Messages.FoundExpected, e.Found, e.Expected))).ToList();
        if (records.IsEmpty) throw new InputException(errors.Count > 0 ? errors : [new InputError(file, 0, 0, "", Messages.ActualsNoHeader)]);

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < header.Fields.Length; c++)
        {
            string name = header.Fields[c].Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new InputError(file, header.Line, c + 1, name, MessageText.Format(Messages.ActualsUnknownColumn, name, string.Join(", ", Columns))));
            else if (!index.TryAdd(name, c))
                errors.Add(new InputError(file, header.Line, c + 1, name, MessageText.Format(Messages.ActualsColumnTwice, name)));
        }
        foreach (string required in new[] { "indicator", "year", "value" })
            if (!index.ContainsKey(required))
                errors.Add(new InputError(file, header.Line, 0, required, MessageText.Format(Messages.ActualsNoColumn, required)));
        if (errors.Count > 0) throw new InputException(errors);
        if (records.Length == 1) throw Error(file, header.Line, 0, "", Messages.ActualsNoRows);

        var actuals = new List<Actual>();
        for (int r = 1; r < records.Length; r++)
        {
            var record = records[r];
            int line = record.Line;
            if (record.Fields.Length != header.Fields.Length)
            {
                errors.Add(new InputError(file, line, 0, "", MessageText.Format(Messages.ActualsFields, record.Fields.Length, header.Fields.Length)));
                continue;
            }
            string? Cell(string column) => index.TryGetValue(column, out int c) ? record.Fields[c].Trim() : null;
            string? Optional(string column) => Cell(column) is { Length: > 0 } v ? v : null;
            int Column(string column) => index[column] + 1;
            int before = errors.Count;

            string indicator = Cell("indicator")!;
            if (!IndicatorId().IsMatch(indicator))
                errors.Add(new InputError(file, line, Column("indicator"), "indicator",
                    MessageText.Format(Messages.ActualsIndicator, indicator.Length == 0 ? Messages.FoundEmptyIndicator : MessageText.Format(Messages.FoundQuoted, indicator))));
            if (!HistoryValueParser.TryParseYear(Cell("year")!, out int year, out string yearProblem))
                errors.Add(new InputError(file, line, Column("year"), "year", MessageText.Format(Messages.ActualsYear, yearProblem, HistoryValueParser.EarliestYear, HistoryValueParser.LatestYear)));
            if (!HistoryValueParser.TryParseValue(Cell("value")!, out double value, out string valueProblem))
                errors.Add(new InputError(file, line, Column("value"), "value", MessageText.Format(Messages.FoundExpected, valueProblem, NumberExpected)));
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
                        MessageText.Format(Messages.ActualsBound, b)));
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
