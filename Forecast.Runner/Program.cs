using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecast.Runner;

/// <summary>The forecast command-line program.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `forecast run <scenario>`: the scenario is read, and the run's code and tables made, on the second core while
        // the host and the command line are built (RunWarmup).
        RunWarmup.Start(args);
        // The generic host without its defaults: no configuration sources, logging providers or file watchers (they cost
        // about 60 ms before anything runs), only the services and the console lifetime, which turns Ctrl+C and SIGTERM
        // into ApplicationStopping, the token commands watch. Published composite ReadyToRun, the host costs about 7 ms of
        // `forecast --help` (0.113 s without it, 0.120 s with it, medians of 11 interleaved runs); `serve` builds its web
        // host (WorkbenchHost) from the same command services.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(Terminal.FromProcess());
        AddCommands(builder.Services);
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        int code = await Cli.InvokeAsync(host.Services, args, lifetime.ApplicationStopping, processWide: true).ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
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
