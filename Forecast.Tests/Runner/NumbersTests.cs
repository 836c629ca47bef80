using Forecast.Runner.Output;

namespace Forecast.Tests.Runner;

/// <summary>The one number formatter of the output files and the console.</summary>
public sealed class NumbersTests
{
    [Theory]
    [InlineData(0.123456789, "0.123457")]
    [InlineData(8E-06, "0.000008")]
    [InlineData(1.23456789E-07, "0.000000123457")]
    [InlineData(1234567.89, "1234568")]
    [InlineData(2.5E+20, "250000000000000000000")]
    [InlineData(600, "600")]
    [InlineData(-0.081623451, "-0.0816235")]
    [InlineData(3.0000000000000004, "3")]
    [InlineData(double.NaN, "")]
    public void Csv_HasSixSignificantDigits_AndNoScientificNotation(double x, string expected) => Assert.Equal(expected, Numbers.Csv(x));

    [Theory]
    [InlineData(0.40452999, "0.4045")]
    [InlineData(1.0, "1")]
    [InlineData(0, "0")]
    [InlineData(0.0055123, "0.00551")]
    [InlineData(0.00001, "0.00001")]
    public void CsvProbability_HasFourDecimals_OrThreeSignificantDigitsWhenSmall(double p, string expected) => Assert.Equal(expected, Numbers.CsvProbability(p));

    [Theory]
    [InlineData(0.6586, 3, "0.659")]
    [InlineData(5.1, 3, "5.10")]
    [InlineData(1471, 3, "1471")]
    [InlineData(54.21, 3, "54.2")]
    public void Significant_KeepsWholeNumbersWhole(double x, int digits, string expected) => Assert.Equal(expected, Numbers.Significant(x, digits));

    [Fact]
    public void Csv_NeverWritesAnExponent_OverManyMagnitudes()
    {
        for (int e = -12; e <= 20; e++)
            foreach (double m in new[] { 1.0, 3.14159265, 9.999999 })
            {
                string s = Numbers.Csv(m * Math.Pow(10, e));
                Assert.DoesNotContain("E", s, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(m * Math.Pow(10, e), double.Parse(s, System.Globalization.CultureInfo.InvariantCulture), m * Math.Pow(10, e) * 1e-5);
            }
    }
}
