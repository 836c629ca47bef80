using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>
/// System.CommandLine's parse errors ("Unrecognized command or argument 'x'.", "Required argument missing for command:
/// 'run'.") in the invocation's language. Its zh-Hans resources leave some of them English and wrap tokens as “'x'” with
/// ASCII colons, and it offers no way to supply our own, so each message is matched against the template it was filled
/// from (System.CommandLine's own resource, read in the same UI culture) and refilled from <see cref="HelpStrings"/>:
/// tokens in Chinese quotes (“x”), option and command names as typed. In English the message is unchanged. A message no
/// template matches (a later System.CommandLine's new wording) is shown as it came, ending in a full stop.
/// </summary>
internal static partial class ParseErrorWords
{
    /// <summary>System.CommandLine's resources (internal to it; read by name, as its own code reads them).</summary>
    private static readonly ResourceManager Library = new("System.CommandLine.Properties.Resources", typeof(RootCommand).Assembly);

    /// <summary>Its resource names, each with ours; a template whose last argument is a list of choices has it turned into ours.</summary>
    private static readonly (string Key, Func<string> Ours)[] Templates =
    [
        ("ArgumentConversionCannotParseForOption_Completions", () => HelpStrings.ParseCannotParseForOption + HelpStrings.ParseDidYouMean),
        ("ArgumentConversionCannotParseForCommand_Completions", () => HelpStrings.ParseCannotParseForCommand + HelpStrings.ParseDidYouMean),
        ("ArgumentConversionCannotParseForOption", () => HelpStrings.ParseCannotParseForOption),
        ("ArgumentConversionCannotParseForCommand", () => HelpStrings.ParseCannotParseForCommand),
        ("ArgumentConversionCannotParse", () => HelpStrings.ParseCannotParse),
        ("CommandRequiredArgumentMissing", () => HelpStrings.ParseCommandArgumentMissing),
        ("OptionRequiredArgumentMissing", () => HelpStrings.ParseOptionArgumentMissing),
        ("RequiredCommandWasNotProvided", () => HelpStrings.ParseCommandMissing),
        ("RequiredOptionWasNotProvided", () => HelpStrings.ParseOptionMissing),
        ("OptionExpectsOneArgument", () => HelpStrings.ParseOptionOneArgument),
        ("UnrecognizedCommandOrArgument", () => HelpStrings.ParseUnrecognized),
        ("UnrecognizedArgument", () => HelpStrings.ParseNotOneOf),
        ("SuggestionsTokenNotMatched", () => HelpStrings.ParseNotMatched),
        ("FileDoesNotExist", () => HelpStrings.ParseFileMissing),
        ("DirectoryDoesNotExist", () => HelpStrings.ParseDirectoryMissing),
        ("FileOrDirectoryDoesNotExist", () => HelpStrings.ParseFileOrDirectoryMissing),
        ("InvalidCharactersInFileName", () => HelpStrings.ParseFileNameCharacter),
        ("InvalidCharactersInPath", () => HelpStrings.ParsePathCharacter),
        ("ResponseFileNotFound", () => HelpStrings.ParseResponseFileMissing),
        ("ErrorReadingResponseFile", () => HelpStrings.ParseResponseFileUnreadable),
        ("VersionOptionCannotBeCombinedWithOtherArguments", () => HelpStrings.ParseVersionAlone),
    ];

    /// <summary>The error's message in the invocation's language (English: as System.CommandLine wrote it).</summary>
    public static string Translate(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Translate(error.Message, (error.SymbolResult as ArgumentResult)?.Argument.Name);
    }

    /// <param name="message">The message as System.CommandLine wrote it.</param>
    /// <param name="argument">The name of the command's argument the error is about, when it says (a missing argument).</param>
    internal static string Translate(string message, string? argument = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Language.IsChinese) return message;
        foreach (var (key, ours) in Templates)
        {
            if (Library.GetString(key, CultureInfo.CurrentUICulture) is not { Length: > 0 } template) continue;
            var match = Pattern(template).Match(message);
            if (!match.Success) continue;
            var values = Enumerable.Range(0, match.Groups.Count - 1).Select(k => Value(match.Groups["a" + k].Value)).ToArray();
            if (key == "CommandRequiredArgumentMissing" && argument is not null)
                return Cli.Format(HelpStrings.ParseCommandArgumentMissingNamed, values[0], $"<{argument}>");
            return Cli.Format(ours(), values);
        }
        return message.TrimEnd('.', '。') + "。";
    }

    /// <summary>A template as a regular expression: its text literal, each {k} a group "ak" (a list of choices spans lines).</summary>
    private static Regex Pattern(string template) =>
        new("^" + Placeholder().Replace(Regex.Escape(template.Trim()), m => $"(?<a{m.Groups[1].Value}>.*?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>
    /// A filled-in value: a list of choices ("\n\t'auto'\n\t'zh'") becomes "auto、zh"; a type's name becomes words; any
    /// other value is the token as typed.
    /// </summary>
    private static string Value(string value)
    {
        var choices = Choice().Matches(value);
        if (value.Contains('\n', StringComparison.Ordinal) && choices.Count > 0)
            return string.Join(HelpStrings.ParseListSeparator, choices.Select(c => c.Groups[1].Value));
        return value switch
        {
            "System.Int32" or "System.Int64" or "System.UInt64" or "Int32" or "Int64" or "UInt64" => HelpStrings.ParseTypeWhole,
            "System.Double" or "Double" => HelpStrings.ParseTypeNumber,
            "System.Boolean" or "Boolean" => HelpStrings.ParseTypeBoolean,
            _ => value.Trim(),
        };
    }

    /// <summary>"\{0}" in an escaped template.</summary>
    [GeneratedRegex(@"\\\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>One choice of a list: a line "\t'value'".</summary>
    [GeneratedRegex(@"^\s*'([^'\n]*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex Choice();
}
