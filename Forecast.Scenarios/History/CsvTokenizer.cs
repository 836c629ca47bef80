using System.Collections.Immutable;
using System.Text;

namespace Forecast.Scenarios.History;

/// <summary>
/// Splits text into CSV records following RFC 4180: comma separators; fields may be enclosed in double
/// quotes, inside which commas, line breaks and doubled quotes ("") are literal. Line breaks may be
/// CRLF, LF or CR. Blank lines are skipped. Syntax problems (a quote inside an unquoted field, text after
/// a closing quote, an unterminated quote) are reported and the rest of that line is skipped, so that
/// every problem of a file is found in one pass.
/// </summary>
internal static class CsvTokenizer
{
    public static (ImmutableArray<CsvRecord> Records, ImmutableArray<(int Line, string Found, string Expected)> Errors) Split(string text)
    {
        var records = ImmutableArray.CreateBuilder<CsvRecord>();
        var errors = ImmutableArray.CreateBuilder<(int, string, string)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        bool recordHasContent = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            if (recordHasContent)
            {
                records.Add(new CsvRecord(recordLine, fields.ToImmutableArray()));
            }
            fields.Clear();
            recordHasContent = false;
        }

        int SkipLineBreak(int at)
        {
            // at points to '\r' or '\n'; returns the index after the line break.
            if (text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n')
            {
                return at + 2;
            }
            return at + 1;
        }

        void SkipRestOfLine()
        {
            while (i < text.Length && text[i] != '\r' && text[i] != '\n')
            {
                i++;
            }
            if (i < text.Length)
            {
                i = SkipLineBreak(i);
                line++;
            }
            fields.Clear();
            field.Clear();
            recordHasContent = false;
        }

        while (i < text.Length)
        {
            if (fields.Count == 0 && field.Length == 0 && !recordHasContent)
            {
                recordLine = line;
            }
            char c = text[i];
            if (c == '"' && IsBlank(field))
            {
                // Quoted field (spaces before the opening quote are tolerated and dropped).
                field.Clear();
                recordHasContent = true;
                int openLine = line;
                i++;
                bool closed = false;
                while (i < text.Length)
                {
                    char q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    if (q is '\r' or '\n')
                    {
                        int next = SkipLineBreak(i);
                        field.Append(text, i, next - i);
                        i = next;
                        line++;
                        continue;
                    }
                    field.Append(q);
                    i++;
                }
                if (!closed)
                {
                    errors.Add((openLine, "a quoted field that is never closed", "a closing double quote (\") before the end of the file; a quote inside a quoted field must be doubled (\"\")"));
                    fields.Clear();
                    field.Clear();
                    recordHasContent = false;
                    break;
                }
                // After a closing quote: optional spaces, then separator, line break or end of text.
                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                {
                    int end = i;
                    while (end < text.Length && text[end] != ',' && text[end] != '\r' && text[end] != '\n')
                    {
                        end++;
                    }
                    errors.Add((recordLine, "text '" + text[i..end] + "' after a closing quote", "a comma or the end of the line right after the closing quote"));
                    SkipRestOfLine();
                }
                continue;
            }
            if (c == '"')
            {
                int start = i - field.Length;
                int end = i;
                while (end < text.Length && text[end] != ',' && text[end] != '\r' && text[end] != '\n')
                {
                    end++;
                }
                errors.Add((recordLine, "a double quote inside the unquoted field '" + text[start..end] + "'", "a field that is either unquoted without quotes, or enclosed in quotes with inner quotes doubled (\"\")"));
                SkipRestOfLine();
                continue;
            }
            if (c == ',')
            {
                recordHasContent = true;
                EndField();
                i++;
                continue;
            }
            if (c is '\r' or '\n')
            {
                i = SkipLineBreak(i);
                EndRecord();
                line++;
                continue;
            }
            if (!char.IsWhiteSpace(c))
            {
                recordHasContent = true;
            }
            field.Append(c);
            i++;
        }
        if (fields.Count > 0 || field.Length > 0 || recordHasContent)
        {
            EndRecord();
        }
        return (records.ToImmutable(), errors.ToImmutable());
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (int k = 0; k < field.Length; k++)
        {
            if (!char.IsWhiteSpace(field[k]))
            {
                return false;
            }
        }
        return true;
    }
}
