namespace Forecast.Engine.Calibration;

/// <summary>Whether one quantity can be learned from the data, and where it comes from otherwise.</summary>
/// <param name="Quantity">"level", "average growth", "growth uncertainty" or "volatility".</param>
/// <param name="Identified">True when the series itself identifies it.</param>
/// <param name="Explanation">Why, and the fallback (panel, prior, assumption) when not.</param>
public sealed record IdentifiabilityItem(string Quantity, bool Identified, string Explanation);
