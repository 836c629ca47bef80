using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
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
        // The help option is the root's (recursive): one action that ends every command's help with its examples.
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction standard } help)
            help.Action = new HelpWithExamples(standard);
        return root;
    }

    /// <summary>The examples that end each command's --help (the README's own commands where it has them).</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Examples = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["forecast"] = ["forecast run scenarios/liaocheng-2025.yaml", "forecast compare scenarios/liaocheng-2025.yaml scenarios/whatif-plan-inputs.yaml"],
        ["run"] = ["forecast run scenarios/liaocheng-2025.yaml --report", "forecast run scenarios/liaocheng-2025.yaml --precision 0.005 --lang zh",
            "forecast run scenarios/liaocheng-2025.yaml --observed scenarios/history/liaocheng-outcomes.csv --observed-until 2023"],
        ["report"] = ["forecast report out/liaocheng-2025"],
        ["compare"] = ["forecast compare scenarios/liaocheng-2025.yaml scenarios/whatif-plan-inputs.yaml"],
        ["sweep"] = ["forecast sweep scenarios/liaocheng-2025.yaml --lever hightech_new_constant.mean=40:80:5"],
        ["goal"] = ["forecast goal scenarios/liaocheng-2025.yaml --indicator hightech_enterprises --lever hightech_new_constant.mean --probability 0.8"],
        ["sensitivity"] = ["forecast sensitivity scenarios/liaocheng-2025.yaml", "forecast sensitivity scenarios/liaocheng-2025.yaml --samples 65536 --yes"],
        ["calibrate"] = ["forecast calibrate scenarios/history/public-history-to-2020.csv --scenario scenarios/templates/liaocheng-2025-assumptions.yaml"],
        ["evaluate"] = ["forecast evaluate out/liaocheng-2025 scenarios/history/liaocheng-outcomes.csv"],
        ["targets"] = ["forecast targets scenarios/liaocheng-2030-evidence.yaml --probability 0.8"],
    };

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class HelpWithExamples(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        /// <summary>As the standard help: a command's missing arguments are no error when its help is asked for.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            var command = parseResult.CommandResult.Command;
            if (!Examples.TryGetValue(command is RootCommand ? "forecast" : command.Name, out var examples)) return code;
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (string example in examples) output.WriteLine("  " + example);
            output.WriteLine();
            return code;
        }
    }


    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var root = Build(services);
        // "forecast" alone asks what the tool can do: the command list, not an error.
        if (args.Length == 0) args = ["--help"];
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
        var terminal = services.GetRequiredService<Terminal>();
        // Help goes where the command's results go (the process's console, or a test's).
        var configuration = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false, Output = terminal.Out.Profile.Out.Writer,
        };
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
