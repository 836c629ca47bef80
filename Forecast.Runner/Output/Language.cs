using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>
/// The language of everything a person reads (console, report, CSV headers, plots): resolved once per invocation from
/// <c>--lang auto|zh|en</c>, the same default (<c>auto</c>) for every command. <c>auto</c> is Chinese when the UI
/// culture or the locale variables (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) say Chinese, else English. The resolved
/// language becomes the invocation's <see cref="CultureInfo.CurrentUICulture"/> (zh-CN or the invariant culture), from
/// which the resources (<c>Resources/Strings.resx</c>, <c>Strings.zh-CN.resx</c>) are read; number formats stay invariant.
/// </summary>
internal static class Language
{
    /// <summary>The culture of the Chinese resources.</summary>
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The global <c>--lang</c> option, on the root command and every subcommand.</summary>
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--lang")
        {
            Description = HelpStrings.Lang,
            DefaultValueFactory = _ => "auto",
            Recursive = true,
            HelpName = "auto|zh|en",
        };
        option.AcceptOnlyFromAmong("auto", "zh", "en");
        return option;
    }

    /// <summary>True when the invocation's language is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>"zh" or "en": the resolved language, as the plots' <c>PlotLanguage.Resolve</c> takes it.</summary>
    public static string Code => IsChinese ? "zh" : "en";

    /// <summary>Resolves a <c>--lang</c> value: "zh" or "en"; "auto" is <paramref name="autoIsChinese"/>.</summary>
    public static string Resolve(string? lang, bool autoIsChinese) => lang switch
    {
        "zh" => "zh",
        "en" => "en",
        _ => autoIsChinese ? "zh" : "en",
    };

    /// <summary>
    /// The <c>--lang</c> value among the raw arguments (<c>--lang zh</c>, <c>--lang=zh</c> or <c>--lang:zh</c>; the last
    /// one given), or null. Read before the command tree is built, because the help's words are fixed when the options
    /// are made: help, parse errors and the command then speak the one language resolved from it. A value the option
    /// does not accept counts as absent here; the parser reports it.
    /// </summary>
    public static string? RequestedIn(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? value = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--") break;   // what follows is arguments, not options
            if (arg == "--lang") value = i + 1 < args.Count ? args[++i] : null;
            else if (arg.StartsWith("--lang=", StringComparison.Ordinal) || arg.StartsWith("--lang:", StringComparison.Ordinal)) value = arg["--lang=".Length..];
        }
        return value;
    }

    /// <summary>The culture whose resources are read for a resolved language.</summary>
    public static CultureInfo CultureOf(string code) => code == "zh" ? Chinese : CultureInfo.InvariantCulture;

    /// <summary>Whether the system asks for Chinese: the UI culture, else the first of LC_ALL, LC_MESSAGES, LANG, LANGUAGE that is set.</summary>
    public static bool SystemIsChinese(CultureInfo uiCulture, Func<string, string?> environment)
    {
        if (uiCulture.TwoLetterISOLanguageName == "zh") return true;
        foreach (string name in new[] { "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE" })
            if (environment(name) is { Length: > 0 } value)
                return value.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return false;
    }
}
