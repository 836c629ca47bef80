using Spectre.Console;
using Spectre.Console.Rendering;

namespace Forecast.Runner.Commands;

/// <summary>Where commands write: tables and notes to <see cref="Out"/>, errors to <see cref="Error"/> (standard error).</summary>
/// <param name="Out">The console for results.</param>
/// <param name="Error">The writer for error messages.</param>
/// <param name="SystemIsChinese">What <c>--lang auto</c> means here: true when the system's language is Chinese (false in tests unless set).</param>
/// <param name="Text">Where plain text such as the help goes; null: the console's own writer.</param>
internal sealed record Terminal(IAnsiConsole Out, TextWriter Error, bool SystemIsChinese = false, TextWriter? Text = null)
{
    /// <summary>The writer under <see cref="Out"/>, for plain text (the help).</summary>
    public TextWriter Writer => Text ?? Out.Profile.Out.Writer;

    /// <summary>
    /// The process's console; a redirected output gets a wide table instead of Spectre's 80 columns. The console is made
    /// when a command first writes to it: detecting the terminal's capabilities is a tenth of <c>forecast --help</c>, whose
    /// text goes straight to standard output.
    /// </summary>
    public static Terminal FromProcess()
    {
        bool chinese = Output.Language.SystemIsChinese(System.Globalization.CultureInfo.CurrentUICulture, Environment.GetEnvironmentVariable);
        return new Terminal(new DeferredConsole(ProcessConsole), Console.Error, chinese, Console.Out);
    }

    private static IAnsiConsole ProcessConsole()
    {
        var console = AnsiConsole.Console;
        // COLUMNS, when set (a script, a test, a terminal Spectre cannot ask), says how wide the console is.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int columns) && columns >= 40)
            console.Profile.Width = columns;
        else if (Console.IsOutputRedirected) console.Profile.Width = 160;
        return console;
    }

    /// <summary>A console made on first use.</summary>
    private sealed class DeferredConsole(Func<IAnsiConsole> create) : IAnsiConsole
    {
        private readonly Lazy<IAnsiConsole> _console = new(create);

        public Profile Profile => _console.Value.Profile;

        public IAnsiConsoleCursor Cursor => _console.Value.Cursor;

        public IAnsiConsoleInput Input => _console.Value.Input;

        public IExclusivityMode ExclusivityMode => _console.Value.ExclusivityMode;

        public RenderPipeline Pipeline => _console.Value.Pipeline;

        public void Clear(bool home) => _console.Value.Clear(home);

        public void Write(IRenderable renderable) => _console.Value.Write(renderable);

        public void WriteAnsi(Action<AnsiWriter> action) => _console.Value.WriteAnsi(action);
    }
}
