using Xunit;
using Xunit.Abstractions;
namespace Forecast.Tests.Calibration;

/// <summary>
/// Coverage of nominal 95% intervals over R simulated replications, judged against the binomial
/// standard error of a coverage rate: |coverage − 0.95| ≤ 4·√(0.95·0.05/R).
/// </summary>
internal static class CoverageCheck
{
    public const double Nominal = 0.95;

    public static double Tolerance(int replications, double nominal = Nominal) =>
        4 * Math.Sqrt(nominal * (1 - nominal) / replications);

    public static void AssertNominal(int covered, int replications, string what, ITestOutputHelper? output = null, double nominal = Nominal)
    {
        double coverage = (double)covered / replications;
        double tolerance = Tolerance(replications, nominal);
        output?.WriteLine(FormattableString.Invariant($"{what}: coverage {coverage:0.000} over {replications} replications (nominal {nominal}, tolerance ± {tolerance:0.000})"));
        Assert.True(Math.Abs(coverage - nominal) <= tolerance,
            FormattableString.Invariant($"{what}: coverage {coverage:0.000} over {replications} replications, expected {nominal} ± {tolerance:0.000}"));
    }
}
