using Forecast.Runner;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Forecast.Tests.Runner;

/// <summary>Runs the forecast command line in-process and captures what it prints.</summary>
internal sealed class CliHarness
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Task<Outcome> Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs with a cancellation token standing for the host's Ctrl+C token.</summary>
    public static Task<Outcome> Run(CancellationToken cancellationToken, params string[] args) => Run(_ => { }, cancellationToken, args);

    /// <summary>Runs on a system whose language is Chinese (what <c>--lang auto</c> reads), or not.</summary>
    public static Task<Outcome> RunOnSystem(bool chinese, params string[] args) => Run(_ => { }, args, chinese, 200, CancellationToken.None);

    /// <summary>Runs with more services registered (e.g. a command of the test's own).</summary>
    public static Task<Outcome> Run(Action<IServiceCollection> register, CancellationToken cancellationToken, params string[] args) =>
        Run(register, args, false, 200, cancellationToken);

    /// <summary>Runs with the console <paramref name="width"/> columns wide (a table's layout).</summary>
    public static Task<Outcome> RunAtWidth(int width, params string[] args) => Run(_ => { }, args, false, width, CancellationToken.None);

    private static async Task<Outcome> Run(Action<IServiceCollection> register, string[] args, bool systemIsChinese, int width, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        var services = new ServiceCollection()
            .AddSingleton(new Terminal(console, error, systemIsChinese));
        Program.AddCommands(services);
        register(services);
        using var provider = services.BuildServiceProvider();
        int code = await Cli.InvokeAsync(provider, args, cancellationToken);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "forecast-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
