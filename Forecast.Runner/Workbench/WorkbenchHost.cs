using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forecast.Runner.Workbench;

/// <summary>How a workbench serves.</summary>
/// <param name="Urls">The addresses it listens on (default http://127.0.0.1:5080).</param>
/// <param name="Paths">Paths of every simulation the page asks for.</param>
/// <param name="Slots">Simulations at once (default: the number of cores).</param>
/// <param name="QueueWait">How long a request waits for a slot before it is refused.</param>
/// <param name="Token">The token every request must carry, or null (loopback only).</param>
public sealed record WorkbenchSettings(IReadOnlyList<string> Urls, long Paths, int Slots, TimeSpan QueueWait, string? Token)
{
    /// <summary>Largest request body, in bytes: a request holds levers and a few numbers.</summary>
    public const long MaxBody = 64 * 1024;

    /// <summary>Default paths of a lever change: 20,000 answer in well under a second on two cores.</summary>
    public const long DefaultPaths = 20_000;

    /// <summary>Name of the header (and cookie) carrying the token.</summary>
    public const string TokenHeader = "X-Forecast-Token";

    public const string TokenCookie = "forecast-token";

    /// <summary>Whether every address is a loopback one (127.0.0.1, ::1, localhost): then no token is needed.</summary>
    public static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(u =>
        Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));

    /// <summary>A new random token (24 bytes, URL-safe base64).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>Compares a token in constant time (both sides hashed first, so their lengths leak nothing either).</summary>
    public static bool TokenMatches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>
/// The workbench's host: ASP.NET Core on the generic Microsoft.Extensions.Hosting host, the page and its API
/// (<see cref="WorkbenchApi"/>), a token check when bound beyond loopback, and a size limit on request bodies.
/// </summary>
internal static class WorkbenchHost
{
    public static IHostBuilder CreateBuilder(WorkbenchSettings settings, WorkbenchScenarios scenarios) =>
        new HostBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureWebHost(web => web
                .UseKestrel(k =>
                {
                    k.Limits.MaxRequestBodySize = WorkbenchSettings.MaxBody;
                    k.AddServerHeader = false;
                })
                .UseUrls([.. settings.Urls])
                .ConfigureServices(s =>
                {
                    s.AddSingleton(settings);
                    s.AddSingleton(scenarios);
                    s.AddSingleton(new SimulationGate(settings.Slots, settings.QueueWait));
                    s.AddSingleton<WorkbenchJobs>();
                    s.AddRouting();
                })
                .Configure(app =>
                {
                    app.Use(Guard);
                    app.UseRouting();
                    app.UseEndpoints(WorkbenchApi.Map);
                }));

    /// <summary>Builds and starts the host; returns it and the first address it listens on (a port of 0 becomes the one chosen).</summary>
    public static async Task<(IHost Host, IReadOnlyList<string> Addresses)> StartAsync(WorkbenchSettings settings, WorkbenchScenarios scenarios,
        CancellationToken cancellationToken)
    {
        var host = CreateBuilder(settings, scenarios).Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        var addresses = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [.. settings.Urls];
        return (host, addresses);
    }

    /// <summary>Security headers on every answer; the token check when there is a token.</summary>
    private static async Task Guard(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        var settings = context.RequestServices.GetRequiredService<WorkbenchSettings>();
        if (settings.Token is { } token)
        {
            string? query = context.Request.Query["token"].FirstOrDefault();
            string? given = context.Request.Headers[WorkbenchSettings.TokenHeader].FirstOrDefault() ?? query ?? context.Request.Cookies[WorkbenchSettings.TokenCookie];
            if (!WorkbenchSettings.TokenMatches(given, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("This workbench is reachable beyond this computer, so it needs the token it printed when it started: " +
                    "open the address it printed (ending in ?token=...).\n").ConfigureAwait(false);
                return;
            }
            if (query is not null)
                context.Response.Cookies.Append(WorkbenchSettings.TokenCookie, query, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }
        await next(context).ConfigureAwait(false);
    }
}
