using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>Where commands write: tables and notes to <see cref="Out"/>, errors to <see cref="Error"/> (standard error).</summary>
/// <param name="Out">The console for results.</param>
/// <param name="Error">The writer for error messages.</param>
/// <param name="SystemIsChinese">What <c>--lang auto</c> means here: true when the system's language is Chinese (false in tests unless set).</param>
internal sealed record Terminal(IAnsiConsole Out, TextWriter Error, bool SystemIsChinese = false)
{
    /// <summary>The process's console; a redirected output gets a wide table instead of Spectre's 80 columns.</summary>
    public static Terminal FromProcess()
    {
        var console = AnsiConsole.Console;
        // COLUMNS, when set (a script, a test, a terminal Spectre cannot ask), says how wide the console is.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int columns) && columns >= 40)
            console.Profile.Width = columns;
        else if (Console.IsOutputRedirected) console.Profile.Width = 160;
        bool chinese = Output.Language.SystemIsChinese(System.Globalization.CultureInfo.CurrentUICulture, Environment.GetEnvironmentVariable);
        return new Terminal(console, Console.Error, chinese);
    }
}
