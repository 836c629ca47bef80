using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>What a series can and cannot identify, item by item, with a one-paragraph summary.</summary>
/// <param name="Indicator">Indicator id.</param>
/// <param name="Region">Region, or null.</param>
/// <param name="ObservationCount">Number of observations in the series.</param>
/// <param name="Items">One entry per quantity.</param>
/// <param name="Summary">The verdict in words, e.g. "two points: average growth identified, volatility not: taken from the prior (…)".</param>
public sealed record IdentifiabilityReport(string Indicator, string? Region, int ObservationCount, ImmutableArray<IdentifiabilityItem> Items, string Summary);
