namespace Forecast.Engine.Results;

/// <summary>
/// The variance of an indicator's simulated value in a year, split by where it comes from (law of total variance):
/// which model structure a path follows, the values of its parameters (driver levels, trends), and its year-to-year
/// noise. <see cref="ModelChoice"/> + <see cref="Parameters"/> + <see cref="YearToYear"/> = <see cref="Total"/>. More data
/// narrows the first two; better policy knowledge moves the parameters; nothing removes the year-to-year part.
/// </summary>
/// <param name="Total">Variance over paths, in the indicator's unit squared.</param>
/// <param name="ModelChoice">Variance of the structures' means (0 without a mixture).</param>
/// <param name="Parameters">Mean variance of the expected path given the parameters, within a structure.</param>
/// <param name="YearToYear">The rest: the yearly noise around each path's expected path (may be slightly negative by sampling error).</param>
public sealed record VarianceDecomposition(double Total, double ModelChoice, double Parameters, double YearToYear)
{
    /// <summary>A part's share of the total (NaN when the total is 0).</summary>
    public double Share(double part) => Total > 0 ? part / Total : double.NaN;
}
