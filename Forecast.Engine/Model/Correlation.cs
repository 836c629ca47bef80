namespace Forecast.Engine.Model;

/// <summary>A correlation between the yearly shocks of two drivers (Gaussian copula). Range: −1 ≤ ρ ≤ 1.</summary>
/// <param name="First">Id of one driver.</param>
/// <param name="Second">Id of the other driver.</param>
/// <param name="Rho">The correlation of their normal shocks.</param>
public sealed record Correlation(string First, string Second, double Rho);
