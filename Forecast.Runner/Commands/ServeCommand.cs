using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Resources;
using Forecast.Runner.Workbench;
using Forecast.Scenarios;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast serve [scenario ...] [--port 5080]</c>: the planner's workbench, a local web page where moving a lever
/// re-runs the scenario against its baseline on the same paths. Bound to 127.0.0.1 unless <c>--urls</c> says otherwise;
/// then every request needs the token printed at start.
/// </summary>
internal sealed class ServeCommand(Terminal terminal) : ICommandBuilder
{
    private readonly Argument<string[]> _scenarios = new("scenarios")
    {
        Description = HelpStrings.ServeFiles,
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<int> _port = new("--port") { Description = HelpStrings.ServePort, DefaultValueFactory = _ => 5080 };
    private readonly Option<string?> _urls = new("--urls") { Description = HelpStrings.ServeUrls };
    private readonly Option<long?> _paths = CommonOptions.PathsOption(Cli.Format(HelpStrings.ServePaths, WorkbenchSettings.DefaultPaths), "20000");
    private readonly Option<int> _slots = new("--max-simulations") { Description = HelpStrings.ServeSlots, DefaultValueFactory = _ => 0 };

    public Command Build()
    {
        var command = new Command("serve", HelpStrings.Serve);
        command.Arguments.Add(_scenarios);
        command.Options.Add(_port);
        command.Options.Add(_urls);
        command.Options.Add(_paths);
        command.Options.Add(_slots);
        CommonOptions.Check(_port, p => p is < 1 or > 65535 ? Cli.Format(HelpStrings.PortRange, p) : null);
        CommonOptions.Check(_slots, n => n < 0 ? Cli.Format(HelpStrings.SlotsNotNegative, n) : null);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        WorkbenchScenarios scenarios;
        string[] urls = parse.GetValue(_urls) is { } u
            ? u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [$"http://127.0.0.1:{parse.GetValue(_port).ToString(CultureInfo.InvariantCulture)}"];
        try
        {
            var files = WorkbenchScenarios.Shipped().Concat(parse.GetValue(_scenarios) ?? []).ToList();
            scenarios = new WorkbenchScenarios(files, parse.GetValue(_paths) ?? WorkbenchSettings.DefaultPaths);
        }
        catch (InputException e)
        {
            return ErrorReporter.Report(terminal, e.Errors);
        }
        int slots = parse.GetValue(_slots) is > 0 and var n ? n : Environment.ProcessorCount;
        string? token = WorkbenchSettings.LoopbackOnly(urls) ? null : WorkbenchSettings.NewToken();
        var settings = new WorkbenchSettings(urls, scenarios.Paths, slots, TimeSpan.FromSeconds(10), token);

        Microsoft.Extensions.Hosting.IHost host;
        IReadOnlyList<string> addresses;
        try
        {
            (host, addresses) = await WorkbenchHost.StartAsync(settings, scenarios, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            terminal.Error.WriteLine(Output.Words.F(A.ServeCannotListen, string.Join(", ", urls), e.Message));
            return ExitCodes.Failure;
        }
        using var hosted = host;
        var console = terminal.Out;
        console.MarkupLine(Markup.Escape(Output.Words.F(A.ServeServing, scenarios.All.Count(), string.Join(", ", scenarios.All.Select(s => s.Id)), scenarios.Paths, slots)));
        foreach (string address in addresses)
            console.MarkupLine(Markup.Escape(A.ServeOpen) + " [bold]" + Markup.Escape(token is null ? address + "/" : $"{address}/?token={token}") + "[/]");
        if (token is not null)
            console.MarkupLine("[yellow]" + Markup.Escape(A.ServeToken) + "[/]");
        console.MarkupLine("[grey]" + Markup.Escape(A.ServeStop) + "[/]");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop serving.
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await host.StopAsync(stop.Token).ConfigureAwait(false);
        console.MarkupLine("[grey]" + Markup.Escape(A.ServeStopped) + "[/]");
        return ExitCodes.Success;
    }
}
