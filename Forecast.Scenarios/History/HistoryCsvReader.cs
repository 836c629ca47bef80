using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Forecast.Engine.Calibration;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios.History;

/// <summary>
/// Reads historical figures from CSV (UTF-8, RFC 4180 quoting, header required) into a
/// <see cref="HistoricalPanel"/>. Two layouts:
/// <list type="bullet">
/// <item>long form: columns <c>indicator</c>, <c>year</c>, <c>value</c>, optional <c>region</c>, <c>unit</c>,
/// <c>source</c>, <c>period</c>, in any order; one fact per row; a <c>period</c> such as <c>2016-2020</c> says that the
/// value totals over those years (a count of new entries), and ends in the row's year;</item>
/// <item>wide form: a <c>year</c> column, optional <c>region</c> and <c>source</c>, and one column per
/// indicator; empty cells are gaps.</item>
/// </list>
/// Every problem is reported with file, line, column and what was found against what was expected; the
/// result is either the whole panel or the list of errors, never a partial panel.
/// </summary>
internal static partial class HistoryCsvReader
{
    private static readonly string[] LongColumns = ["region", "indicator", "year", "value", "unit", "source", "period"];
    private static string NumberExpected => Messages.NumberExpected;
    private static string IndicatorExpected => Messages.IndicatorExpected;

    /// <summary>Reads the file at <paramref name="path"/>; a missing or unreadable file is an error in the result, not an exception.</summary>
    public static HistoryReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return Fail(path, Messages.FoundFolder, Messages.ExpectedCsvFile);
            }
            if (!File.Exists(path))
            {
                return Fail(path, Messages.FoundNoSuchFile, MessageText.Format(Messages.ExpectedExistingCsv, Path.GetFullPath(path)));
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(path, MessageText.Format(Messages.FoundUnreadable, e.Message), Messages.ExpectedReadableCsv);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the raw bytes of a file named <paramref name="fileName"/> (used in messages).</summary>
    public static HistoryReadResult Parse(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        if (bytes.Length == 0)
        {
            return Fail(fileName, Messages.FoundEmptyFile, Messages.ExpectedHeaderThenRows);
        }
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return Fail(fileName, Messages.FoundUtf16, Messages.ExpectedUtf8);
        }
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var encodingErrors = InvalidUtf8(bytes, offset, fileName);
        if (!encodingErrors.IsEmpty)
        {
            return HistoryReadResult.Failure(encodingErrors);
        }
        string text = new UTF8Encoding(false, true).GetString(bytes, offset, bytes.Length - offset);
        return ParseText(text, fileName);
    }

    /// <summary>Parses CSV text of a file named <paramref name="fileName"/> (used in messages).</summary>
    public static HistoryReadResult ParseText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(fileName, Messages.FoundEmptyFile, Messages.ExpectedHeaderThenRows);
        }
        var (records, syntaxErrors) = CsvTokenizer.Split(text);
        var errors = new List<HistoryCsvError>();
        errors.AddRange(syntaxErrors.Select(e => new HistoryCsvError(fileName, e.Line, null, e.Found, e.Expected)));
        if (records.IsEmpty)
        {
            if (errors.Count == 0)
            {
                errors.Add(new HistoryCsvError(fileName, 0, null, Messages.FoundNoHeader, Messages.ExpectedHeaderThenRows));
            }
            return HistoryReadResult.Failure(errors);
        }

        CsvRecord header = records[0];
        Layout? layout = ReadHeader(header, fileName, errors);
        if (layout is null)
        {
            return HistoryReadResult.Failure(errors.OrderBy(e => e.Line));
        }
        if (records.Length == 1 && errors.Count == 0)
        {
            errors.Add(new HistoryCsvError(fileName, header.Line, null, Messages.FoundHeaderNoRows, Messages.ExpectedOneRow));
        }

        var observations = new List<Observation>();
        var seen = new Dictionary<(string Region, string Indicator, int Year), int>();
        for (int r = 1; r < records.Length; r++)
        {
            ReadRow(records[r], layout, fileName, errors, observations, seen);
        }
        if (errors.Count > 0)
        {
            return HistoryReadResult.Failure(errors.OrderBy(e => e.Line));
        }
        try
        {
            return HistoryReadResult.Success(HistoricalPanel.FromObservations(observations));
        }
        catch (ArgumentException e)
        {
            return Fail(fileName, MessageText.Format(Messages.FoundPanelRejects, e.Message), Messages.ExpectedOneValuePer);
        }
    }

    private static Layout? ReadHeader(CsvRecord header, string fileName, List<HistoryCsvError> errors)
    {
        var names = header.Fields.Select(f => f.Trim()).ToImmutableArray();
        int before = errors.Count;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < names.Length; c++)
        {
            string name = names[c];
            if (name.Length == 0)
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, null, MessageText.Format(Messages.FoundUnnamedColumn, c + 1), Messages.ExpectedEveryColumnNamed));
                continue;
            }
            if (!index.TryAdd(name, c))
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, name, MessageText.Format(Messages.FoundColumnTwice, name), Messages.ExpectedColumnOnce));
            }
        }

        bool isLong = index.ContainsKey("indicator") || index.ContainsKey("value");
        if (!index.ContainsKey("year"))
        {
            errors.Add(new HistoryCsvError(fileName, header.Line, null, MessageText.Format(Messages.FoundNoYearColumn, string.Join(",", names)),
                Messages.ExpectedHeaderForms));
        }
        if (isLong)
        {
            foreach (string required in new[] { "indicator", "value" })
            {
                if (!index.ContainsKey(required))
                {
                    errors.Add(new HistoryCsvError(fileName, header.Line, null, MessageText.Format(Messages.FoundNoColumn, required), Messages.ExpectedLongColumns));
                }
            }
            foreach (string name in names.Where(n => n.Length > 0 && !LongColumns.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, name, MessageText.Format(Messages.FoundUnknownColumn, name), Messages.ExpectedLongOnly));
            }
        }
        else
        {
            if (index.ContainsKey("unit"))
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, "unit", Messages.FoundWideUnit, Messages.ExpectedUnitsLong));
            }
            foreach (string name in names.Where(n => n.Length > 0 && !IsReserved(n) && !IndicatorId().IsMatch(n)))
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, name, MessageText.Format(Messages.FoundColumnName, name), IndicatorExpected));
            }
            if (index.ContainsKey("year") && !names.Any(n => n.Length > 0 && !IsReserved(n)))
            {
                errors.Add(new HistoryCsvError(fileName, header.Line, null, Messages.FoundYearNoIndicator, Messages.ExpectedWideForm));
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new Layout(isLong, names, index);
    }

    private static void ReadRow(CsvRecord record, Layout layout, string fileName, List<HistoryCsvError> errors,
        List<Observation> observations, Dictionary<(string, string, int), int> seen)
    {
        int line = record.Line;
        if (record.Fields.Length != layout.Names.Length)
        {
            errors.Add(new HistoryCsvError(fileName, line, null,
                MessageText.Format(Messages.FoundFields, record.Fields.Length),
                MessageText.Format(Messages.ExpectedFieldsAsHeader, layout.Names.Length, string.Join(",", layout.Names))));
            return;
        }
        string? Cell(string column) => layout.Index.TryGetValue(column, out int c) ? record.Fields[c].Trim() : null;
        string? Optional(string column) => Cell(column) is { Length: > 0 } v ? v : null;

        int errorsBefore = errors.Count;
        string? region = Optional("region");
        string? source = Optional("source");
        string yearText = Cell("year")!;
        bool yearOk = HistoryValueParser.TryParseYear(yearText, out int year, out string yearProblem);
        if (!yearOk)
        {
            errors.Add(new HistoryCsvError(fileName, line, layout.Names[layout.Index["year"]], yearProblem,
                MessageText.Format(Messages.ExpectedYear, HistoryValueParser.EarliestYear, HistoryValueParser.LatestYear)));
        }

        if (layout.IsLong)
        {
            string indicator = Cell("indicator")!;
            if (!IndicatorId().IsMatch(indicator))
            {
                errors.Add(new HistoryCsvError(fileName, line, layout.Names[layout.Index["indicator"]],
                    indicator.Length == 0 ? Messages.FoundEmptyIndicator : MessageText.Format(Messages.FoundQuoted, indicator), IndicatorExpected));
            }
            string valueColumn = layout.Names[layout.Index["value"]];
            if (!HistoryValueParser.TryParseValue(Cell("value")!, out double value, out string valueProblem))
            {
                errors.Add(new HistoryCsvError(fileName, line, valueColumn, valueProblem, Cell("value")!.Length == 0 ? MessageText.Format(Messages.ExpectedNumberOrOmit, NumberExpected) : NumberExpected));
            }
            YearPeriod? period = null;
            if (Optional("period") is { } periodText)
            {
                period = PeriodCell().Match(periodText) is { Success: true } m
                    ? new YearPeriod(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
                    : null;
                if (period is null || period.Problem() is not null || (yearOk && period.Last != year))
                {
                    errors.Add(new HistoryCsvError(fileName, line, layout.Names[layout.Index["period"]], MessageText.Format(Messages.FoundPeriod, periodText),
                        MessageText.Format(Messages.ExpectedPeriod, yearOk ? year - 4 : 2016, yearOk ? year : 2020)));
                }
            }
            if (errors.Count == errorsBefore)
            {
                Add(new Observation(indicator, year, value, region, source, Optional("unit"), period), fileName, line, valueColumn, errors, observations, seen);
            }
            return;
        }

        for (int c = 0; c < layout.Names.Length; c++)
        {
            string column = layout.Names[c];
            if (IsReserved(column))
            {
                continue;
            }
            string cell = record.Fields[c].Trim();
            if (cell.Length == 0)
            {
                continue;
            }
            if (!HistoryValueParser.TryParseValue(cell, out double value, out string problem))
            {
                errors.Add(new HistoryCsvError(fileName, line, column, problem, MessageText.Format(Messages.ExpectedNumberOrGap, NumberExpected)));
                continue;
            }
            if (yearOk)
            {
                Add(new Observation(column, year, value, region, source), fileName, line, column, errors, observations, seen);
            }
        }
    }

    private static void Add(Observation o, string fileName, int line, string column, List<HistoryCsvError> errors,
        List<Observation> observations, Dictionary<(string, string, int), int> seen)
    {
        var key = (o.Region ?? string.Empty, o.Indicator, o.Year);
        if (seen.TryGetValue(key, out int firstLine))
        {
            errors.Add(new HistoryCsvError(fileName, line, column,
                MessageText.Format(Messages.FoundSecondValue, o.Region ?? Messages.NoRegion, o.Indicator, o.Year, firstLine),
                Messages.ExpectedOneValuePer));
            return;
        }
        seen[key] = line;
        observations.Add(o);
    }

    private static ImmutableArray<HistoryCsvError> InvalidUtf8(byte[] bytes, int offset, string fileName)
    {
        var errors = ImmutableArray.CreateBuilder<HistoryCsvError>();
        int line = 1, lastReportedLine = 0;
        var span = bytes.AsSpan();
        int i = offset;
        while (i < span.Length)
        {
            var status = Rune.DecodeFromUtf8(span[i..], out Rune rune, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                if (line != lastReportedLine)
                {
                    errors.Add(new HistoryCsvError(fileName, line, null,
                        MessageText.Format(Messages.FoundNotUtf8, span[i], i),
                        Messages.ExpectedUtf8));
                    lastReportedLine = line;
                }
                i += Math.Max(consumed, 1);
                continue;
            }
            if (rune.Value == '\n')
            {
                line++;
            }
            i += consumed;
        }
        return errors.ToImmutable();
    }

    private static HistoryReadResult Fail(string fileName, string found, string expected) =>
        HistoryReadResult.Failure([new HistoryCsvError(fileName, 0, null, found, expected)]);

    private static bool IsReserved(string column) =>
        column.Equals("year", StringComparison.OrdinalIgnoreCase) || column.Equals("region", StringComparison.OrdinalIgnoreCase)
        || column.Equals("source", StringComparison.OrdinalIgnoreCase) || column.Equals("unit", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IndicatorId();

    [GeneratedRegex(@"^([12][0-9]{3})\s*-\s*([12][0-9]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCell();

    private sealed record Layout(bool IsLong, ImmutableArray<string> Names, Dictionary<string, int> Index);
}
