namespace Forecast.Engine.Calibration;

/// <summary>
/// A fitted parameter: point estimate, standard error and two-sided 95% interval, with a one-line
/// meaning a planner can read. Unavailable quantities are <see cref="double.NaN"/>.
/// </summary>
/// <param name="Name">Short name, e.g. "drift".</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StandardError">Standard error of <paramref name="Estimate"/> (≥ 0), or NaN when not identified.</param>
/// <param name="Lower95">Lower end of the 95% interval, or NaN.</param>
/// <param name="Upper95">Upper end of the 95% interval, or NaN.</param>
/// <param name="Meaning">What the parameter means, with its unit.</param>
public sealed record ParameterEstimate(
    string Name,
    double Estimate,
    double StandardError,
    double Lower95,
    double Upper95,
    string Meaning)
{
    /// <summary>True when both ends of the 95% interval are available.</summary>
    public bool HasInterval => !double.IsNaN(Lower95) && !double.IsNaN(Upper95);

    /// <summary>True when <paramref name="value"/> lies in the closed 95% interval (false when there is no interval).</summary>
    public bool Covers(double value) => HasInterval && Lower95 <= value && value <= Upper95;

    /// <summary>A parameter that could not be estimated: every number is NaN.</summary>
    public static ParameterEstimate Missing(string name, string meaning) =>
        new(name, double.NaN, double.NaN, double.NaN, double.NaN, meaning);

    /// <summary>A point estimate without standard error or interval.</summary>
    public static ParameterEstimate PointOnly(string name, double estimate, string meaning) =>
        new(name, estimate, double.NaN, double.NaN, double.NaN, meaning);

    /// <summary>A symmetric interval <c>estimate ± quantile · standardError</c>.</summary>
    public static ParameterEstimate Symmetric(string name, double estimate, double standardError, double quantile, string meaning) =>
        new(name, estimate, standardError, estimate - quantile * standardError, estimate + quantile * standardError, meaning);
}
