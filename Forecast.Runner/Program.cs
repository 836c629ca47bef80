using System.CommandLine;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forecast.Runner;

/// <summary>The forecast command-line program.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Terminal.FromProcess());
        AddCommands(builder.Services);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        using var host = builder.Build();

        // The host's console lifetime turns Ctrl+C and SIGTERM into ApplicationStopping; commands watch that token.
        await host.StartAsync().ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        int code = await Cli.InvokeAsync(host.Services, args, lifetime.ApplicationStopping).ConfigureAwait(false);
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
        services.AddSingleton<ICommandBuilder, ServeCommand>();
        services.AddSingleton<WhatIf.IWhatIfPlotWriter, Plots.WhatIfPlotWriter>();
    }
}
