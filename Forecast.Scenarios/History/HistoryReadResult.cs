using System.Collections.Immutable;
using Forecast.Engine.Calibration;

namespace Forecast.Scenarios.History;

/// <summary>Either the parsed panel or every error found: never a partial panel.</summary>
internal sealed record HistoryReadResult
{
    private HistoryReadResult(HistoricalPanel? panel, ImmutableArray<HistoryCsvError> errors)
    {
        Panel = panel;
        Errors = errors;
    }

    /// <summary>The panel when the file had no error; otherwise null.</summary>
    public HistoricalPanel? Panel { get; }

    /// <summary>Every error found; empty on success.</summary>
    public ImmutableArray<HistoryCsvError> Errors { get; }

    /// <summary>True when the file was read without error.</summary>
    public bool IsSuccess => Panel is not null;

    public static HistoryReadResult Success(HistoricalPanel panel) => new(panel ?? throw new ArgumentNullException(nameof(panel)), []);

    public static HistoryReadResult Failure(IEnumerable<HistoryCsvError> errors)
    {
        var list = errors.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }
        return new HistoryReadResult(null, list);
    }

    /// <summary>The panel, or a <see cref="HistoryCsvException"/> listing every error.</summary>
    public HistoricalPanel PanelOrThrow() => Panel ?? throw new HistoryCsvException(Errors);
}
