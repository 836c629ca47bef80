namespace Forecast.Scenarios;

/// <summary>A problem with a user's input, located precisely enough to fix it.</summary>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">1-based line, or 0 when not known.</param>
/// <param name="Column">1-based column, or 0 when not known.</param>
/// <param name="Field">Field path (e.g. "indicators[2].target.year") or column name, or empty.</param>
/// <param name="Message">What is wrong, what was expected and what was found.</param>
public sealed record InputError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString()
    {
        string where = Line > 0 ? (Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}") : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}

/// <summary>Thrown when input cannot be used; carries every problem found.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public InputException(InputError error) : this([error]) { }

    public InputException() : this(new InputError("", 0, 0, "", "invalid input")) { }

    public InputException(string message) : this(new InputError("", 0, 0, "", message)) { }

    public InputException(string message, Exception inner) : base(message, inner) => Errors = [new InputError("", 0, 0, "", message)];

    public IReadOnlyList<InputError> Errors { get; }
}
