namespace Forecast.Engine.Model;

/// <summary>
/// A correlation between two drivers, through a Gaussian copula: of their yearly shocks (the default: a bad year for
/// one is a bad year for the other), or of their levels (the parameter uncertainty: if R&amp;D investment turns out
/// faster than assumed, so may certifications). Range: −1 ≤ ρ ≤ 1.
/// </summary>
/// <param name="First">Id of one driver.</param>
/// <param name="Second">Id of the other driver.</param>
/// <param name="Rho">The correlation of their normal scores.</param>
/// <param name="Scope">What is correlated: the yearly shocks or the levels.</param>
public sealed record Correlation(string First, string Second, double Rho, CorrelationScope Scope = CorrelationScope.Shocks);

/// <summary>What a <see cref="Correlation"/> correlates.</summary>
public enum CorrelationScope
{
    /// <summary>The yearly shocks z (drawn every year).</summary>
    Shocks,

    /// <summary>The levels (drawn once per path): their uniforms u = Φ(z) with correlated z.</summary>
    Levels,
}
