using System.Collections.Immutable;

namespace Forecast.Scenarios.History;

/// <summary>Thrown by <see cref="HistoryReadResult.PanelOrThrow"/>: carries every error of the file, not just the first.</summary>
internal sealed class HistoryCsvException : Exception
{
    public HistoryCsvException(ImmutableArray<HistoryCsvError> errors)
        : base(Describe(errors)) => Errors = errors;

    public HistoryCsvException()
        : this(ImmutableArray<HistoryCsvError>.Empty)
    {
    }

    public HistoryCsvException(string message)
        : base(message) => Errors = ImmutableArray<HistoryCsvError>.Empty;

    public HistoryCsvException(string message, Exception innerException)
        : base(message, innerException) => Errors = ImmutableArray<HistoryCsvError>.Empty;

    /// <summary>Every error found.</summary>
    public ImmutableArray<HistoryCsvError> Errors { get; }

    private static string Describe(ImmutableArray<HistoryCsvError> errors) =>
        FormattableString.Invariant($"{errors.Length} error(s) in the history CSV:") + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => e.Message));
}
