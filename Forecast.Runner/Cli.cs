using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Runner;

/// <summary>The command tree and its invocation, with parse errors reported as bad input (exit code 2) with the usage line.</summary>
internal static class Cli
{
    public static RootCommand Build(IServiceProvider services)
    {
        var root = new RootCommand("forecast: scenario simulation, target setting and evaluation for five-year S&T innovation plans (built for Liaocheng's 14th, 2021-2025, and 15th, 2026-2030)");
        root.Options.Add(Output.Language.CreateOption());
        foreach (var builder in services.GetServices<ICommandBuilder>()) root.Subcommands.Add(builder.Build());
        return root;
    }

    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var root = Build(services);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var err = services.GetRequiredService<Terminal>().Error;
            foreach (var error in parse.Errors) err.WriteLine($"error: {error.Message}");
            err.WriteLine($"Usage: {Usage(parse.CommandResult.Command)}");
            err.WriteLine($"Run '{Path(parse.CommandResult.Command)} --help' for the options.");
            return ExitCodes.BadInput;
        }
        // The language, resolved once for the whole invocation: the resources follow the UI culture, which flows to the
        // command's worker (an async-local value: the caller's culture is untouched when this method returns).
        var lang = parse.RootCommandResult.Command.Options.OfType<Option<string>>().First(o => o.Name == "--lang");
        CultureInfo.CurrentUICulture = Output.Language.CultureOf(
            Output.Language.Resolve(parse.GetValue(lang), services.GetRequiredService<Terminal>().SystemIsChinese));
        // Exceptions reach this method (not System.CommandLine's handler, which prints a stack trace): one line and a log.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        var terminal = services.GetRequiredService<Terminal>();
        // The command runs on a worker so that Ctrl+C is answered even by a command busy in a loop that does not look at
        // the token: after the grace period its staging folders are removed and the exit code is 130.
        var invocation = Output.OutputFolder.BeginInvocation();
        var command = Task.Run(() => parse.InvokeAsync(configuration, cancellationToken), CancellationToken.None);
        try
        {
            using var cancelled = new CancellationTokenSource();
            var grace = Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(
                _ => Task.Delay(CancellationGrace, cancelled.Token), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            if (await Task.WhenAny(command, grace).ConfigureAwait(false) != command)
            {
                invocation.AbandonAll();
                return ErrorReporter.Cancelled(terminal);
            }
            await cancelled.CancelAsync().ConfigureAwait(false);
            return await command.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ErrorReporter.Cancelled(terminal);
        }
        catch (Exception e)
        {
            return InternalError.Report(terminal, e, parse, args);
        }
    }

    /// <summary>How long a cancelled command may take to stop by itself before its outputs are abandoned.</summary>
    internal static readonly TimeSpan CancellationGrace = TimeSpan.FromMilliseconds(600);

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c is RootCommand ? "forecast" : c.Name);
        return string.Join(' ', names);
    }

    private static string Usage(Command command)
    {
        string args = string.Concat(command.Arguments.Select(a => $" <{a.Name}>"));
        string sub = command.Subcommands.Count > 0 ? " <command>" : "";
        return $"{Path(command)}{sub}{args} [options]";
    }
}
