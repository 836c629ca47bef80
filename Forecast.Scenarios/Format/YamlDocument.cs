using System.Globalization;
using Forecast.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Typed, located access to a YAML document for the scenario readers: every read records the
/// node's line and column under its field path, and every problem is collected (not thrown at the
/// first) with the file, line, column and field path, so a planner sees all that is wrong at once.
/// </summary>
internal sealed class YamlDocument
{
    private readonly Dictionary<string, Mark> _locations = new(StringComparer.Ordinal);

    private readonly string _text;

    private YamlDocument(string file, YamlNode root, string text)
    {
        File = file;
        Root = root;
        _text = text;
    }

    public string File { get; }
    public YamlNode Root { get; }
    public List<InputError> Errors { get; } = [];

    /// <summary>Parses YAML text; malformed YAML raises <see cref="InputException"/> with the parser's position.</summary>
    public static YamlDocument Parse(string file, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new InputException(FullWidthNear(file, text, (int)e.Start.Line) ?? Located(file, text, e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1.0 fails on some malformed input without a YamlException (found by fuzzing: a '%' after
            // a comma in a flow mapping, a lone ': ' after a list): report it as malformed YAML where the parser last stood.
            var mark = parser.Current?.End;
            if (FullWidthNear(file, text, (int)(mark?.Line ?? 1)) is { } fullWidth) throw new InputException(fullWidth);
            throw new InputException(new InputError(file, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 0), "",
                Messages.YamlCannotGoOn));
        }
        if (stream.Documents.Count == 0)
            throw new InputException(new InputError(file, 1, 0, "", Messages.YamlEmpty));
        if (stream.Documents.Count > 1)
            throw new InputException(new InputError(file, (int)stream.Documents[1].RootNode.Start.Line, 0, "", Messages.YamlTwoDocuments));
        return new YamlDocument(file, stream.Documents[0].RootNode, text);
    }

    /// <summary>
    /// The parser's error, moved to where the user must look: YamlDotNet reports a tab in the
    /// indentation at the start of the enclosing mapping and a duplicate key without its name.
    /// </summary>
    private static InputError Located(string file, string text, YamlException e)
    {
        string message = Clean(e.InnerException?.Message ?? e.Message);
        int line = (int)e.Start.Line, column = (int)e.Start.Column;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text, line) is { } tab)
            return new InputError(file, tab.Line, tab.Column, "", Messages.YamlTab);
        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            int from = (int)Math.Clamp(e.Start.Index, 0, text.Length), to = (int)Math.Clamp(e.End.Index, from, text.Length);
            string key = text[from..to].Trim();
            return new InputError(file, line, column, "", key.Length > 0
                ? MessageText.Format(Messages.YamlDuplicateKey, key)
                : Messages.YamlDuplicateKeyUnnamed);
        }
        return new InputError(file, line, column, "", MessageText.Format(Messages.YamlMalformed, ParserWords(message)));
    }

    /// <summary>
    /// Full-width punctuation (a Chinese input method's '：' for ':') on the line where the parser failed or the line
    /// before: named, with the character to type instead, rather than the parser's own words.
    /// </summary>
    private static InputError? FullWidthNear(string file, string text, int line)
    {
        var lines = text.Split('\n');
        for (int l = Math.Max(1, line - 1); l <= Math.Min(line, lines.Length); l++)
        {
            int at = FullWidthPunctuation.FirstOutsideQuotes(lines[l - 1]);
            if (at >= 0) return new InputError(file, l, at + 1, "", MessageText.Format(Messages.YamlMalformed, FullWidthPunctuation.Describe(lines[l - 1][at])));
        }
        return null;
    }

    /// <summary>The first tab in a line's leading whitespace, at or after line <paramref name="fromLine"/> (1-based).</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (int i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            string l = lines[i];
            for (int c = 0; c < l.Length && (l[c] == ' ' || l[c] == '\t'); c++)
                if (l[c] == '\t') return (i + 1, c + 1);
        }
        return null;
    }

    /// <summary>The parser's most common messages (YamlDotNet's English), by their resource names: read in the UI culture.</summary>
    private static readonly Dictionary<string, string> ParserMessages = new(StringComparer.Ordinal)
    {
        ["While parsing a block collection, did not find expected '-' indicator."] = nameof(Messages.ParserBlockCollection),
        ["While parsing a block mapping, did not find expected key."] = nameof(Messages.ParserBlockMapping),
        ["While parsing a flow mapping, did not find expected ',' or '}'."] = nameof(Messages.ParserFlowMapping),
        ["While parsing a flow mapping,  did not find expected ',' or '}'."] = nameof(Messages.ParserFlowMapping),
        ["While parsing a flow sequence, did not find expected ',' or ']'."] = nameof(Messages.ParserFlowSequence),
        ["While parsing a node, did not find expected node content."] = nameof(Messages.ParserNodeContent),
        ["While scanning a simple key, could not find expected ':'."] = nameof(Messages.ParserSimpleKey),
        ["Mapping values are not allowed in this context."] = nameof(Messages.ParserMappingValues),
        ["Mapping keys are not allowed in this context."] = nameof(Messages.ParserMappingKeys),
        ["While scanning a quoted scalar, found unexpected end of stream."] = nameof(Messages.ParserQuotedEnd),
        ["While scanning a plain scalar value, found invalid mapping."] = nameof(Messages.ParserPlainMapping),
        ["While scanning a multiline plain scalar, found invalid mapping."] = nameof(Messages.ParserMultilineMapping),
        ["While scanning a quoted scalar, found unknown escape character."] = nameof(Messages.ParserUnknownEscape),
    };

    /// <summary>The parser's message in the UI culture's words when it is a common one, else as the parser wrote it.</summary>
    private static string ParserWords(string message) =>
        ParserMessages.TryGetValue(message, out var key) ? Messages.ResourceManager.GetString(key, Messages.Culture) ?? message : message;

    private static string Clean(string message)
    {
        int paren = message.IndexOf("(Line:", StringComparison.Ordinal);
        return (paren > 0 ? message[..paren] : message).Trim();
    }

    public void Error(YamlNode? node, string path, string message) =>
        Errors.Add(new InputError(File, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, path, message));

    /// <summary>Where a field path was read; the closest recorded ancestor when the path itself was not.</summary>
    public (int Line, int Column) Locate(string path)
    {
        string p = path;
        while (true)
        {
            if (_locations.TryGetValue(p, out var mark)) return ((int)mark.Line, (int)mark.Column);
            int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) return (0, 0);
            p = p[..cut];
        }
    }

    /// <summary>Whether a value was read at exactly this field path.</summary>
    public bool WasRead(string path) => _locations.ContainsKey(path);

    private void Remember(YamlNode node, string path) => _locations.TryAdd(path, node.Start);

    /// <summary>The keys of a mapping, checked against the allowed keys (with a "did you mean" for unknown ones).</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode? node, string path, params string[] allowed)
    {
        if (node is null) return null;
        Remember(node, path);
        if (node is not YamlMappingNode map)
        {
            Error(node, path, MessageText.Format(Messages.ExpectedMapping, string.Join(", ", allowed), Describe(node)));
            return null;
        }
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        (string Key, YamlNode Value)? previous = null;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            string at = path.Length == 0 ? key : $"{path}.{key}";
            if (!allowed.Contains(key))
            {
                if (previous is { } p && DecimalComma(p.Value, keyNode, value) is { } number)
                {
                    // {mean: 0,12} reads as mean: 0 and a key '12': a decimal comma, reported on the number.
                    string field = path.Length == 0 ? p.Key : $"{path}.{p.Key}";
                    Errors.RemoveAll(e => e.Field == field);
                    Error(p.Value, field, MessageText.Format(Messages.DecimalCommaNumber, number, number.Replace(',', '.')));
                }
                else if (FullWidthPunctuation.First(key) is var fw and >= 0)
                    Error(keyNode, at, MessageText.Format(Messages.UnknownKeyFullWidth, key, FullWidthPunctuation.Describe(key[fw])));
                else
                    Error(keyNode, at, MessageText.Format(Messages.UnknownKey, key, ScenarioValidator.Suggest(key, allowed), string.Join(", ", allowed)));
                continue;
            }
            previous = (key, value);
            Remember(keyNode, at);
            fields[key] = value;
        }
        return fields;
    }

    /// <summary>
    /// "0,12" when a flow mapping's key <paramref name="key"/> (with no value) is digits that follow a whole-number value
    /// with a comma and no space: the parser split a decimal comma into a value and a key. Null otherwise.
    /// </summary>
    private string? DecimalComma(YamlNode value, YamlNode key, YamlNode keyValue)
    {
        if (value is not YamlScalarNode { Value: { } whole, Style: ScalarStyle.Plain } || key is not YamlScalarNode { Value: { } fraction, Style: ScalarStyle.Plain }) return null;
        if (keyValue is not YamlScalarNode { Value: null or "" }) return null;
        if (whole.Length == 0 || fraction.Length == 0 || !whole.TrimStart('-', '+').All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return null;
        long end = value.End.Index, start = key.Start.Index;
        if (end < 0 || start > _text.Length || start - end != 1 || _text[(int)end] != ',') return null;
        return $"{whole},{fraction}";
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode? node, string path)
    {
        if (node is null) return [];
        Remember(node, path);
        if (node is YamlSequenceNode seq)
        {
            for (int i = 0; i < seq.Children.Count; i++) Remember(seq.Children[i], $"{path}[{i}]");
            return seq.Children.ToList();
        }
        Error(node, path, MessageText.Format(Messages.ExpectedList, Describe(node)));
        return [];
    }

    public YamlNode? Required(Dictionary<string, YamlNode>? fields, YamlNode? parent, string path, string key)
    {
        if (fields is null) return null;
        if (fields.TryGetValue(key, out var node)) return node;
        string at = path.Length == 0 ? key : $"{path}.{key}";
        // A misspelt key already reported with "did you mean '<key>'?" says all there is to say (the suggestion in the
        // words the reports use: the validator's own for the key itself).
        string prefix = path.Length == 0 ? "" : path + ".", suggestion = ScenarioValidator.Suggest(key, [key]).Trim();
        bool misspelt = Errors.Exists(e => e.Field.StartsWith(prefix, StringComparison.Ordinal)
            && e.Field.IndexOf('.', prefix.Length) < 0 && e.Message.Contains(suggestion, StringComparison.Ordinal));
        if (!misspelt) Error(parent, at, MessageText.Format(Messages.MissingKey, key));
        return null;
    }

    public static YamlNode? Optional(Dictionary<string, YamlNode>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var node) ? node : null;

    public string? Text(YamlNode? node, string path)
    {
        if (node is null) return null;
        Remember(node, path);
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)) return value;
        Error(node, path, MessageText.Format(Messages.ExpectedText, Describe(node)));
        return null;
    }

    public double? Number(YamlNode? node, string path)
    {
        if (node is null) return null;
        Remember(node, path);
        if (node is YamlScalarNode { Value: { } raw })
        {
            string s = raw.Trim();
            if (FullWidthPunctuation.First(s) is var fw and >= 0)
            {
                Error(node, path, MessageText.Format(Messages.NumberFullWidth, raw, FullWidthPunctuation.Describe(s[fw])));
                return null;
            }
            if (s.Contains(',', StringComparison.Ordinal))
            {
                int comma = s.IndexOf(',', StringComparison.Ordinal);
                bool decimalComma = s.IndexOf(',', comma + 1) < 0 && s.Length - comma - 1 != 3 && s[(comma + 1)..].All(char.IsAsciiDigit)
                    && s[..comma].TrimStart('-', '+').All(char.IsAsciiDigit) && comma > 0;
                Error(node, path, decimalComma
                    ? MessageText.Format(Messages.DecimalCommaNumber, raw, s.Replace(',', '.'))
                    : MessageText.Format(Messages.NumberGrouping, raw));
                return null;
            }
            if (s is ".nan" or ".NaN" or ".NAN" || s.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                Error(node, path, MessageText.Format(Messages.NumberNaN, raw));
                return null;
            }
            if (s.EndsWith(".inf", StringComparison.OrdinalIgnoreCase) || s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            {
                Error(node, path, MessageText.Format(Messages.NumberInfinite, raw));
                return null;
            }
            if (s.EndsWith('%'))
            {
                Error(node, path, MessageText.Format(Messages.NumberPercent, raw));
                return null;
            }
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                if (!double.IsFinite(value)) { Error(node, path, MessageText.Format(Messages.NumberNotFinite, raw)); return null; }
                return value;
            }
        }
        Error(node, path, MessageText.Format(Messages.ExpectedNumber, Describe(node)));
        return null;
    }

    public int? Integer(YamlNode? node, string path)
    {
        double? x = Number(node, path);
        if (x is null) return null;
        if (x != Math.Floor(x.Value) || Math.Abs(x.Value) > int.MaxValue)
        {
            Error(node, path, MessageText.Format(Messages.ExpectedWhole, x.Value));
            return null;
        }
        return (int)x.Value;
    }

    public long? Long(YamlNode? node, string path)
    {
        double? x = Number(node, path);
        if (x is null) return null;
        if (x != Math.Floor(x.Value) || Math.Abs(x.Value) > 9e15)
        {
            Error(node, path, MessageText.Format(Messages.ExpectedWhole, x.Value));
            return null;
        }
        return (long)x.Value;
    }

    public bool? Bool(YamlNode? node, string path)
    {
        if (node is null) return null;
        Remember(node, path);
        if (node is YamlScalarNode { Value: { } raw })
        {
            switch (raw.Trim().ToUpperInvariant())
            {
                case "TRUE" or "YES": return true;
                case "FALSE" or "NO": return false;
            }
        }
        Error(node, path, MessageText.Format(Messages.ExpectedBoolean, Describe(node)));
        return null;
    }

    /// <summary>One of the given words (case-insensitive).</summary>
    public string? Choice(YamlNode? node, string path, params string[] choices)
    {
        string? s = Text(node, path);
        if (s is null) return null;
        string lower = s.Trim().ToLowerInvariant();
        if (choices.Contains(lower)) return lower;
        Error(node, path, MessageText.Format(Messages.ExpectedChoice, string.Join(", ", choices), s, ScenarioValidator.Suggest(lower, choices)));
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => Messages.NodeNothing,
        YamlScalarNode s => MessageText.Format(Messages.NodeQuoted, s.Value),
        YamlSequenceNode => Messages.NodeList,
        YamlMappingNode => Messages.NodeMapping,
        _ => Messages.NodeOther,
    };
}
