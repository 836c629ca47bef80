using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using Forecast.Runner.Commands;
using Forecast.Runner.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Runner;

/// <summary>The command tree and its invocation, with parse errors reported as bad input (exit code 2) with the usage line.</summary>
internal static class Cli
{
    public static RootCommand Build(IServiceProvider services)
    {
        var root = new RootCommand(HelpStrings.Root);
        root.Options.Add(Output.Language.CreateOption());
        foreach (var builder in services.GetServices<ICommandBuilder>()) root.Subcommands.Add(builder.Build());
        // The help option is the root's (recursive): one action that writes every command's help in the invocation's
        // language and ends it with the command's examples.
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction standard } help)
        {
            help.Description = HelpStrings.HelpOption;
            help.Action = new HelpWithExamples(standard);
        }
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version) version.Description = HelpStrings.VersionOption;
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

    /// <summary>The standard help, in the invocation's language, then the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        /// <summary>As the standard help: a command's missing arguments are no error when its help is asked for.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            // The standard help is written to a buffer (System.CommandLine keeps its help builder to itself), translated,
            // then to the invocation's output.
            var configuration = parseResult.InvocationConfiguration;
            var output = configuration.Output;
            using var help = new StringWriter(CultureInfo.InvariantCulture);
            configuration.Output = help;
            try
            {
                standard.Invoke(parseResult);
            }
            finally
            {
                configuration.Output = output;
            }
            output.Write(Output.HelpWords.Translate(help.ToString()));
            if (!Examples.TryGetValue(command is RootCommand ? "forecast" : command.Name, out var examples)) return 0;
            output.WriteLine(HelpStrings.Examples);
            foreach (string example in examples) output.WriteLine("  " + example);
            output.WriteLine();
            return 0;
        }
    }

    /// <param name="services">The commands and the terminal.</param>
    /// <param name="args">The command line.</param>
    /// <param name="cancellationToken">The host's Ctrl+C token.</param>
    /// <param name="processWide">
    /// True for the process's own invocation (Program): the language also becomes the default of threads that do not
    /// carry this invocation's context. Tests run many invocations in one process and leave the default alone.
    /// </param>
    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken, bool processWide = false)
    {
        // The language, resolved once for the whole invocation from the raw arguments and the system, before the command
        // tree is built: the help's words (HelpStrings), System.CommandLine's own (its zh-Hans resources), parse errors
        // and every message of the command follow the UI culture, which flows to the command's worker (an async-local
        // value: the caller's culture is untouched when this method returns).
        // The terminal is asked of the container once: a service resolved a second time has the container compile its
        // construction with Reflection.Emit on a pool thread (about 10 ms of CPU and a JIT at start-up, for nothing).
        var terminal = services.GetRequiredService<Terminal>();
        var culture = Output.Language.CultureOf(Output.Language.Resolve(Output.Language.RequestedIn(args), terminal.SystemIsChinese));
        CultureInfo.CurrentUICulture = culture;
        if (processWide) CultureInfo.DefaultThreadCurrentUICulture = culture;
        var root = Build(services);
        // "forecast" alone asks what the tool can do: the command list, not an error.
        if (args.Length == 0) args = ["--help"];
        var parse = root.Parse(args);
        // "forecast --lang zh" asks the same, in Chinese: no command, and no error but the missing command (a bad --lang
        // value is still reported).
        if (parse.CommandResult.Command is RootCommand && parse.UnmatchedTokens.Count == 0 && parse.Errors.Count > 0
            && parse.Errors.All(e => e.SymbolResult is System.CommandLine.Parsing.CommandResult))
            parse = root.Parse([.. args, "--help"]);
        if (parse.Errors.Count > 0)
        {
            var err = terminal.Error;
            // In the invocation's language; the same sentence once (two missing arguments of a command give two alike).
            foreach (string message in parse.Errors.Select(Output.ParseErrorWords.Translate).Distinct(StringComparer.Ordinal))
                err.WriteLine(Format(HelpStrings.ParseError, message));
            err.WriteLine(Format(HelpStrings.UsageLine, Usage(parse.CommandResult.Command)));
            err.WriteLine(Format(HelpStrings.SeeHelp, Path(parse.CommandResult.Command)));
            return ExitCodes.BadInput;
        }
        // Exceptions reach this method (not System.CommandLine's handler, which prints a stack trace): one line and a log.
        // Help goes where the command's results go (the process's console, or a test's).
        var configuration = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false, Output = terminal.Writer,
        };
        // The command runs on a thread of its own so that Ctrl+C is answered even by a command busy in a loop that does not
        // look at the token: after the grace period its staging folders are removed and the exit code is 130. Not on a
        // pool worker: a command waits (blocked) for the engine's work, and a blocked worker is one fewer for the engine's
        // Parallel.For, whose second worker then waited for the pool to add a thread (about 1 s of a 2.5 s bench-gbm8 run
        // on one core of two).
        var invocation = Output.OutputFolder.BeginInvocation();
        var command = Task.Factory.StartNew(() => parse.InvokeAsync(configuration, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            using var cancelled = new CancellationTokenSource();
            // The host's stop cancels the token after every command, when `cancelled` is already cancelled and disposed:
            // asking a disposed source for its token would throw (the process's first exception, a few ms at its exit).
            var grace = Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(
                _ => cancelled.IsCancellationRequested ? Task.CompletedTask : Task.Delay(CancellationGrace, cancelled.Token),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
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

    /// <summary>Fills a template of the help's words; numbers invariant.</summary>
    internal static string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);

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
        string sub = command.Subcommands.Count > 0 ? " " + HelpStrings.UsageCommand : "";
        return $"{Path(command)}{sub}{args} {HelpStrings.UsageOptions}";
    }
}
