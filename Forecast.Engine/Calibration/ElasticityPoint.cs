namespace Forecast.Engine.Calibration;

/// <summary>
/// One region's pair for an elasticity regression, both on the log scale: e.g. the yearly log-growth of
/// high-tech enterprises (response) against the yearly log-growth of R&amp;D personnel (driver).
/// </summary>
/// <param name="Region">Region the pair belongs to.</param>
/// <param name="Driver">Log-scale driver value (ln level or yearly log-growth).</param>
/// <param name="Response">Log-scale response value (ln level or yearly log-growth).</param>
public sealed record ElasticityPoint(string Region, double Driver, double Response);
