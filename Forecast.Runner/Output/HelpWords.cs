using System.Text;
using System.Text.RegularExpressions;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>
/// System.CommandLine's own words in a help text (headings, "[default: …]", "(REQUIRED)", the usage line's placeholders),
/// put into the invocation's language from <see cref="HelpStrings"/>. Its zh-Hans resources translate only some of them
/// (and with ASCII colons), and it offers no way to replace them short of rewriting every section, so the written help
/// is translated line by line; in English the text is unchanged.
/// </summary>
internal static partial class HelpWords
{
    public static string Translate(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        var headings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Description:"] = HelpStrings.HeadingDescription,
            ["Usage:"] = HelpStrings.HeadingUsage, ["用法:"] = HelpStrings.HeadingUsage,
            ["Arguments:"] = HelpStrings.HeadingArguments, ["参数:"] = HelpStrings.HeadingArguments,
            ["Options:"] = HelpStrings.HeadingOptions, ["选项:"] = HelpStrings.HeadingOptions,
            ["Commands:"] = HelpStrings.HeadingCommands, ["命令:"] = HelpStrings.HeadingCommands,
        };
        var result = new StringBuilder(help.Length);
        string? previous = null;
        foreach (string raw in help.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (headings.TryGetValue(line.TrimEnd(), out var heading)) line = heading;
            else if (previous == HelpStrings.HeadingUsage && line.StartsWith("  ", StringComparison.Ordinal))
                line = line.Replace("<command>", HelpStrings.UsageCommand, StringComparison.Ordinal).Replace("[options]", HelpStrings.UsageOptions, StringComparison.Ordinal)
                    .Replace("[command]", HelpStrings.UsageCommandOptional, StringComparison.Ordinal);
            else
            {
                line = DefaultValue().Replace(line, m => Cli.Format(HelpStrings.DefaultValue, m.Groups[1].Value));
                // The mark sits in the first column: padded to its width, so the descriptions stay aligned.
                int mark = line.IndexOf(" (REQUIRED)", StringComparison.Ordinal);
                if (mark >= 0)
                {
                    string ours = HelpStrings.RequiredMark;
                    int pad = Math.Max(0, " (REQUIRED)".Length - Columns(ours));
                    line = string.Concat(line.AsSpan(0, mark), ours, new string(' ', pad), line.AsSpan(mark + " (REQUIRED)".Length));
                }
            }
            result.Append(line).Append('\n');
            previous = line;
        }
        return result.ToString(0, result.Length - 1);
    }

    /// <summary>Console columns of a text: two for a CJK character, one for any other.</summary>
    private static int Columns(string text) => text.Sum(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFF60' ? 2 : 1);

    [GeneratedRegex(@"\[default: ([^\]]*)\]")]
    private static partial Regex DefaultValue();
}
