using System.Collections.Immutable;
using CsvHelper;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios.History;

/// <summary>
/// Splits text into CSV records following RFC 4180 with CsvHelper: comma separators; fields may be enclosed in double
/// quotes, inside which commas, line breaks and doubled quotes ("") are literal; line breaks CRLF, LF or CR; blank lines
/// skipped; spaces and tabs around a field dropped (the reader trims every field anyway). A record that breaks the
/// quoting rules (a quote inside an unquoted field, text after a closing quote, a quote never closed) is reported with
/// the line it starts on and skipped, so that every problem of a file is found in one pass; the offending text is named
/// from the raw record.
/// </summary>
internal static class CsvTokenizer
{
    public static (ImmutableArray<CsvRecord> Records, ImmutableArray<(int Line, string Found, string Expected)> Errors) Split(string text)
    {
        var records = ImmutableArray.CreateBuilder<CsvRecord>();
        var errors = ImmutableArray.CreateBuilder<(int, string, string)>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => errors.Add(Describe(m.Reason, (int)m.LineNumber, m.RawRecord.ToString())),
        };
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            var fields = ImmutableArray.CreateBuilder<string>(reader.FieldCount);
            for (int i = 0; i < reader.FieldCount; i++) fields.Add(reader.GetString(i));
            records.Add(new CsvRecord((int)reader.LineNumber, fields.MoveToImmutable()));
        }
        return (records.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>The located problem of a malformed record, in the words the history reader's messages use.</summary>
    private static (int Line, string Found, string Expected) Describe(CsvMalformedReason reason, int line, string raw)
    {
        switch (reason)
        {
            case CsvMalformedReason.UnterminatedQuote:
                int open = OpeningQuoteOfUnclosedField(raw);
                return (line + LineBreaks(raw.AsSpan(0, open)), Messages.CsvUnclosedFound, Messages.CsvUnclosedExpected);
            case CsvMalformedReason.TextAfterClosingQuote:
                return (line, MessageText.Format(Messages.CsvAfterQuoteFound, TextAfterClosingQuote(raw)), Messages.CsvAfterQuoteExpected);
            default:
                return (line, MessageText.Format(Messages.CsvStrayQuoteFound, FieldWithStrayQuote(raw)), Messages.CsvStrayQuoteExpected);
        }
    }

    /// <summary>Walks the raw record field by field: for each field, where it starts, whether it is quoted, and where its quoted part closes (−1 if never).</summary>
    private static IEnumerable<(int Start, bool Quoted, int Close, int End)> Fields(string raw)
    {
        int i = 0;
        while (i <= raw.Length)
        {
            int start = i;
            while (i < raw.Length && raw[i] is ' ' or '\t') i++;
            if (i < raw.Length && raw[i] == '"')
            {
                int close = -1;
                for (int j = i + 1; j < raw.Length; j++)
                {
                    if (raw[j] != '"') continue;
                    if (j + 1 < raw.Length && raw[j + 1] == '"') { j++; continue; }
                    close = j;
                    break;
                }
                if (close < 0)
                {
                    yield return (i, true, -1, raw.Length);
                    yield break;
                }
                int end = close + 1;
                while (end < raw.Length && raw[end] is not (',' or '\r' or '\n')) end++;
                yield return (i, true, close, end);
                i = end + 1;
            }
            else
            {
                while (i < raw.Length && raw[i] is not (',' or '\r' or '\n')) i++;
                yield return (start, false, -1, i);
                i++;
            }
        }
    }

    private static int OpeningQuoteOfUnclosedField(string raw)
    {
        foreach (var f in Fields(raw))
            if (f.Quoted && f.Close < 0) return f.Start;
        return 0;
    }

    private static string TextAfterClosingQuote(string raw)
    {
        foreach (var f in Fields(raw))
        {
            if (!f.Quoted || f.Close < 0) continue;
            string after = raw[(f.Close + 1)..f.End].TrimStart(' ', '\t');
            if (after.Length > 0) return after;
        }
        return "";
    }

    private static string FieldWithStrayQuote(string raw)
    {
        foreach (var f in Fields(raw))
            if (!f.Quoted && raw.AsSpan(f.Start, f.End - f.Start).Contains('"')) return raw[f.Start..f.End].TrimStart(' ', '\t');
        return raw.TrimEnd('\r', '\n');
    }

    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        int breaks = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) breaks++;
        }
        return breaks;
    }
}
