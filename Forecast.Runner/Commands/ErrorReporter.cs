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

    public static int Cancelled(Terminal terminal)
    {
        terminal.Error.WriteLine(Strings.Cancelled);
        return ExitCodes.Cancelled;
    }
}
