using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Full-width punctuation and digits, as a Chinese input method types them (全角): YAML and numbers need their ASCII
/// (半角) forms. Found where the parser or a number fails, they are named with what to type instead, rather than left to
/// the parser's own words ("found invalid mapping").
/// </summary>
internal static class FullWidthPunctuation
{
    /// <summary>Each character's name (a key of <see cref="Messages"/>, read in the UI culture when described) and ASCII form.</summary>
    private static readonly Dictionary<char, (string Name, char Ascii)> Known = new()
    {
        ['：'] = (nameof(Messages.FullWidthColon), ':'),
        ['，'] = (nameof(Messages.FullWidthComma), ','),
        ['、'] = (nameof(Messages.IdeographicComma), ','),
        ['｛'] = (nameof(Messages.FullWidthBrace), '{'),
        ['｝'] = (nameof(Messages.FullWidthBrace), '}'),
        ['［'] = (nameof(Messages.FullWidthBracket), '['),
        ['］'] = (nameof(Messages.FullWidthBracket), ']'),
        ['　'] = (nameof(Messages.FullWidthSpace), ' '),
        ['．'] = (nameof(Messages.FullWidthFullStop), '.'),
        ['。'] = (nameof(Messages.IdeographicFullStop), '.'),
        ['－'] = (nameof(Messages.FullWidthHyphen), '-'),
        ['＃'] = (nameof(Messages.FullWidthNumberSign), '#'),
        ['＂'] = (nameof(Messages.FullWidthQuotation), '"'),
        ['＇'] = (nameof(Messages.FullWidthApostrophe), '\''),
        ['“'] = (nameof(Messages.ChineseQuotation), '"'),
        ['”'] = (nameof(Messages.ChineseQuotation), '"'),
        ['％'] = (nameof(Messages.FullWidthPercent), '%'),
    };

    /// <summary>The name (a key of <see cref="Messages"/>) and ASCII form of a full-width character, or null for any other character.</summary>
    public static (string Name, char Ascii)? Of(char c) =>
        c is >= '０' and <= '９' ? (nameof(Messages.FullWidthDigit), (char)('0' + (c - '０'))) : Known.TryGetValue(c, out var known) ? known : null;

    /// <summary>"a full-width colon '：' where ':' is needed (as a Chinese input method types it: switch to half-width 半角 punctuation)".</summary>
    public static string Describe(char c)
    {
        var (name, ascii) = Of(c) ?? throw new ArgumentException($"'{c}' is not full-width punctuation", nameof(c));
        return MessageText.Format(Messages.FullWidthDescribe, Messages.ResourceManager.GetString(name, Messages.Culture) ?? name, c, ascii);
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
