using System.Runtime.InteropServices;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Runner;

/// <summary>The forecast command-line program.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Only what a command needs: a service provider with the commands and the terminal, and Ctrl+C, SIGTERM and
        // SIGQUIT turned into the token commands watch (as a generic host's console lifetime would, without building the
        // host: its services, diagnostics and lifetime cost a third of `forecast --help`). `serve` builds its own web host.
        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        var services = new ServiceCollection();
        services.AddSingleton(Terminal.FromProcess());
        AddCommands(services);
        await using var provider = services.BuildServiceProvider();
        return await Cli.InvokeAsync(provider, args, stopping.Token, processWide: true).ConfigureAwait(false);
    }

    /// <summary>Registers every sub-command; a new command is one line here.</summary>
    public static void AddCommands(IServiceCollection services)
    {
        services.AddSingleton<ICommandBuilder, RunCommand>();
        services.AddSingleton<ICommandBuilder, CalibrateCommand>();
        services.AddSingleton<ICommandBuilder, ReportCommand>();
        services.AddSingleton<ICommandBuilder, CompareCommand>();
        services.AddSingleton<ICommandBuilder, SweepCommand>();
        services.AddSingleton<ICommandBuilder, GoalCommand>();
        services.AddSingleton<ICommandBuilder, SensitivityCommand>();
        services.AddSingleton<ICommandBuilder, EvaluateCommand>();
        services.AddSingleton<ICommandBuilder, TargetsCommand>();
        services.AddSingleton<ICommandBuilder, MergeCommand>();
        services.AddSingleton<ICommandBuilder, ServeCommand>();
        services.AddSingleton<WhatIf.IWhatIfPlotWriter, Plots.WhatIfPlotWriter>();
    }
}
