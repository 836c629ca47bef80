using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>Prints input errors to standard error, one per line, and returns the bad-input exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Terminal terminal, IReadOnlyList<InputError> errors)
    {
        var err = terminal.Error;
        err.WriteLine(errors.Count == 1 ? "error: the input cannot be used:" : $"error: the input cannot be used ({errors.Count} problems):");
        foreach (var e in errors) err.WriteLine("  " + e);
        err.WriteLine("Nothing was written.");
        return ExitCodes.BadInput;
    }

    /// <summary>The outputs could not be written (e.g. the disk is full): not the input's fault, so exit code 1.</summary>
    public static int WriteFailed(Terminal terminal, string reason, bool untouched)
    {
        terminal.Error.WriteLine($"error: the outputs could not be written: {reason}");
        if (untouched) terminal.Error.WriteLine("Nothing was written; earlier outputs are untouched.");
        return ExitCodes.Failure;
    }

    public static int Cancelled(Terminal terminal)
    {
        terminal.Error.WriteLine("Cancelled. Nothing was written; earlier outputs are untouched.");
        return ExitCodes.Cancelled;
    }
}
