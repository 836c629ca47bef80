using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>Where commands write: tables and notes to <see cref="Out"/>, errors to <see cref="Error"/> (standard error).</summary>
/// <param name="Out">The console for results.</param>
/// <param name="Error">The writer for error messages.</param>
internal sealed record Terminal(IAnsiConsole Out, TextWriter Error)
{
    /// <summary>The process's console; a redirected output gets a wide table instead of Spectre's 80 columns.</summary>
    public static Terminal FromProcess()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        return new Terminal(console, Console.Error);
    }
}
