namespace Forecast.Scenarios;

/// <summary>
/// Full-width punctuation and digits, as a Chinese input method types them (全角): YAML and numbers need their ASCII
/// (半角) forms. Found where the parser or a number fails, they are named with what to type instead, rather than left to
/// the parser's own words ("found invalid mapping").
/// </summary>
internal static class FullWidthPunctuation
{
    private static readonly Dictionary<char, (string Name, char Ascii)> Known = new()
    {
        ['：'] = ("full-width colon", ':'),
        ['，'] = ("full-width comma", ','),
        ['、'] = ("ideographic comma", ','),
        ['｛'] = ("full-width brace", '{'),
        ['｝'] = ("full-width brace", '}'),
        ['［'] = ("full-width bracket", '['),
        ['］'] = ("full-width bracket", ']'),
        ['　'] = ("full-width space", ' '),
        ['．'] = ("full-width full stop", '.'),
        ['。'] = ("ideographic full stop", '.'),
        ['－'] = ("full-width hyphen-minus", '-'),
        ['＃'] = ("full-width number sign", '#'),
        ['＂'] = ("full-width quotation mark", '"'),
        ['＇'] = ("full-width apostrophe", '\''),
        ['“'] = ("Chinese quotation mark", '"'),
        ['”'] = ("Chinese quotation mark", '"'),
        ['％'] = ("full-width percent sign", '%'),
    };

    /// <summary>The name and ASCII form of a full-width character, or null for any other character.</summary>
    public static (string Name, char Ascii)? Of(char c) =>
        c is >= '０' and <= '９' ? ("full-width digit", (char)('0' + (c - '０'))) : Known.TryGetValue(c, out var known) ? known : null;

    /// <summary>"a full-width colon '：' where ':' is needed (as a Chinese input method types it: switch to half-width 半角 punctuation)".</summary>
    public static string Describe(char c)
    {
        var (name, ascii) = Of(c) ?? throw new ArgumentException($"'{c}' is not full-width punctuation", nameof(c));
        return $"a {name} '{c}' where '{ascii}' is needed (as a Chinese input method types it: switch to half-width 半角 punctuation and retype it)";
    }

    /// <summary>The first full-width character of <paramref name="text"/> outside quotes and comments, as a 0-based index, or −1.</summary>
    public static int FirstOutsideQuotes(string text)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            if (c is '"' or '\'') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1]))) return -1;
            else if (Of(c) is not null) return i;
        }
        return -1;
    }

    /// <summary>The first full-width character anywhere in <paramref name="text"/>, or −1.</summary>
    public static int First(string text)
    {
        for (int i = 0; i < text.Length; i++)
            if (Of(text[i]) is not null) return i;
        return -1;
    }
}
