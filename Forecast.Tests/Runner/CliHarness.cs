using System.Diagnostics;
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

    /// <summary>
    /// How to start the built command line (forecast.dll beside the tests) as a process of its own, output redirected:
    /// through the SDK's dotnet host when the test host names it, else the dotnet running the tests.
    /// </summary>
    public static ProcessStartInfo ProcessStart(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "forecast.dll");
        Assert.True(File.Exists(dll), $"{dll} is not beside the tests");
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
            host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll }.Concat(args)) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Runs <paramref name="start"/> (from <see cref="ProcessStart"/>) to its end, asserts it succeeded and returns its standard error.</summary>
    public static async Task<string> RunProcess(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        Assert.True(process.ExitCode == 0, $"forecast {string.Join(' ', start.ArgumentList.Skip(1))} exited with {process.ExitCode}: {error}");
        return error;
    }

    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "forecast-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
