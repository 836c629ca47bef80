using System.Collections.Immutable;
using Forecast.Scenarios.Resources;

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
        MessageText.Format(Messages.HistoryErrors, errors.Length) + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => e.Message));
}
