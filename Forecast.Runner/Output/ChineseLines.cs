namespace Forecast.Runner.Output;

/// <summary>
/// Chinese text broken into lines of a console's width by the usual rules: a line may break between any two Chinese
/// characters, but not before closing punctuation ("：", "；", "，", "。", "）"...) nor after opening punctuation ("（", "“"...),
/// and a run of Latin letters, digits and their signs ("19.8%", "R&amp;D", "hightech_enterprises") is kept whole.
/// </summary>
internal static class ChineseLines
{
    private const string Closing = "：；，。、）》」』】〕”’！？%…·:;,.)]!?";
    private const string Opening = "（《「『【〔“‘([";

    /// <param name="text">The text (no line breaks of its own are needed; any are kept).</param>
    /// <param name="width">The console's width in cells.</param>
    /// <param name="used">The cells the first line already holds (a heading before the text).</param>
    public static List<string> Break(string text, int width, int used = 0)
    {
        var lines = new List<string>();
        var tokens = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            tokens.Clear();
            for (int i = 0; i < paragraph.Length;)
            {
                int j = i + 1;
                if (IsLatin(paragraph[i]))
                    while (j < paragraph.Length && IsLatin(paragraph[j])) j++;
                else if (char.IsHighSurrogate(paragraph[i]) && j < paragraph.Length) j++;
                tokens.Add(paragraph[i..j]);
                i = j;
            }
            var line = new List<string>();
            int cells = used;
            foreach (string token in tokens)
            {
                int w = Cells(token);
                if (cells + w > width && line.Count > 0)
                {
                    // Carry the line's last token(s) down with a closing mark, and an opening mark down with what follows it.
                    var carried = new List<string>();
                    if (IsClosing(token) && line.Count > 1) { carried.Insert(0, line[^1]); line.RemoveAt(line.Count - 1); }
                    while (line.Count > 1 && IsOpening(line[^1])) { carried.Insert(0, line[^1]); line.RemoveAt(line.Count - 1); }
                    lines.Add(string.Concat(line).TrimEnd());
                    line = carried;
                    cells = carried.Sum(Cells);
                    if (line.Count == 0 && token == " ") continue;
                }
                line.Add(token);
                cells += w;
            }
            lines.Add(string.Concat(line).TrimEnd());
            used = 0;
        }
        return lines;
    }

    /// <summary>The cells a string takes on a console: two for a wide (East Asian) character, one otherwise.</summary>
    public static int Cells(string text) => text.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1);

    private static bool IsLatin(char c) => c < 0x2E80 && c != ' ' && !IsClosingOrOpening(c) || c is '%' or '.' or ',' or ':' or ';';

    private static bool IsClosingOrOpening(char c) => c is '“' or '”' or '‘' or '’' or '…' or '·' or '(' or ')' or '[' or ']';

    private static bool IsClosing(string token) => token.Length > 0 && Closing.Contains(token[0]);

    private static bool IsOpening(string token) => token.Length > 0 && Opening.Contains(token[^1]);
}
