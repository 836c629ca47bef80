using System.CommandLine;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Forecast.Runner;

/// <summary>The forecast command-line program.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(AnsiConsole.Console);
        builder.Services.AddSingleton<RunCommand>();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        using var host = builder.Build();

        // The host's console lifetime turns Ctrl+C and SIGTERM into ApplicationStopping; commands watch that token.
        await host.StartAsync().ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        int code = await Cli.InvokeAsync(host.Services, args, lifetime.ApplicationStopping).ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }
}
