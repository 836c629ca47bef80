using System.Collections.Immutable;

namespace Forecast.Scenarios.History;

/// <summary>One CSV record: its fields (unquoted, not trimmed) and the physical line it starts on.</summary>
internal sealed record CsvRecord(int Line, ImmutableArray<string> Fields);
