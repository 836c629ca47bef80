using Forecast.Engine.Model;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>Prints input errors to standard error, one per line, and returns the bad-input exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Terminal terminal, IReadOnlyList<InputError> errors)
    {
        var err = terminal.Error;
        err.WriteLine(errors.Count == 1 ? Strings.ErrorInput : Words.F(Strings.ErrorInputMany, errors.Count));
        foreach (var e in errors) err.WriteLine("  " + e);
        err.WriteLine(Strings.NothingWritten);
        return ExitCodes.BadInput;
    }

    /// <summary>The outputs could not be written (e.g. the disk is full): not the input's fault, so exit code 1.</summary>
    public static int WriteFailed(Terminal terminal, string reason, bool untouched)
    {
        terminal.Error.WriteLine(Words.F(Strings.ErrorWriteFailed, reason));
        if (untouched) terminal.Error.WriteLine(Strings.NothingWrittenUntouched);
        return ExitCodes.Failure;
    }

    /// <summary>Whether <see cref="Report(Terminal, Exception, Func{IReadOnlyList{ScenarioProblem}, IReadOnlyList{InputError}})"/> turns the exception into a message (every command's <c>catch ... when</c>).</summary>
    public static bool Handles(Exception e) =>
        e is InputException or InvalidScenarioException or OperationCanceledException or PartialCommitException or IOException or UnauthorizedAccessException;

    /// <summary>
    /// What can go wrong in any command, as a message and an exit code, the same way everywhere: bad input (2); a scenario
    /// the engine refuses, as only the simulation reveals (2, located by <paramref name="locate"/>); cancelled; outputs that
    /// could not be written (1), saying whether the output folder was left untouched (a failed staging) or partly replaced.
    /// </summary>
    public static int Report(Terminal terminal, Exception e, Func<IReadOnlyList<ScenarioProblem>, IReadOnlyList<InputError>> locate) => e switch
    {
        InputException input => Report(terminal, input.Errors),
        InvalidScenarioException invalid => Report(terminal, locate(invalid.Problems)),
        OperationCanceledException => Cancelled(terminal),
        PartialCommitException partial => WriteFailed(terminal, partial.Message, untouched: false),
        IOException or UnauthorizedAccessException => WriteFailed(terminal, e.Message, untouched: true),
        _ => throw new ArgumentException("not an error a command reports; check Handles first", nameof(e)),
    };

    public static int Cancelled(Terminal terminal)
    {
        terminal.Error.WriteLine(Strings.Cancelled);
        return ExitCodes.Cancelled;
    }
}
