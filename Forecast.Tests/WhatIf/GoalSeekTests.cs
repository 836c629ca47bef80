using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.WhatIf;

public class GoalSeekTests
{
    private const double Sigma = 0.1, X0 = 100, Target = 140;
    private const int T = 5;
    private const long Paths = 20_000;
    private static readonly Lever Growth = new("g", "value");

    /// <summary>
    /// For x_T = x0·(1+L)^T·exp(σ√T·Z − Tσ²/2) and "x_T ≥ K": P(L) = Φ((T ln(1+L) − Tσ²/2 − ln(K/x0))/(σ√T)), so the L giving p is
    /// exp((ln(K/x0) + Tσ²/2 + σ√T·Φ⁻¹(p))/T) − 1, and dP/dL = φ(z)·√T/((1+L)σ). For "x_T ≤ K" the sign of Φ⁻¹(p) flips.
    /// </summary>
    private static (double Level, double Slope) ClosedForm(double p, Direction direction)
    {
        double z = Normal.InvCDF(0, 1, p);
        double sign = direction == Direction.AtLeast ? 1 : -1;
        double level = Math.Exp((Math.Log(Target / X0) + T * Sigma * Sigma / 2 + sign * Sigma * Math.Sqrt(T) * z) / T) - 1;
        double slope = Normal.PDF(0, 1, z) * Math.Sqrt(T) / ((1 + level) * Sigma);
        return (level, slope);
    }

    [Theory]
    [InlineData(0.8, Direction.AtLeast)]
    [InlineData(0.5, Direction.AtLeast)]
    [InlineData(0.2, Direction.AtLeast)]
    [InlineData(0.8, Direction.AtMost)]
    public void Answer_MatchesTheClosedFormGrowthRate_WithinFourStandardErrorsThroughTheSlope(double p, Direction direction)
    {
        // The estimate p̂(L) has standard error √(p(1−p)/n); near the answer it moves by the slope dP/dL per unit of L, so the
        // answer's standard error is √(p(1−p)/n)/slope. The bisection's own tolerance (3e-5) is far below it.
        var (expected, slope) = ClosedForm(p, direction);
        var scenario = WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T, direction: direction);
        var result = GoalSeek.Seek(scenario, "x", p, Growth, 0, 0.3, new SimulationOptions(Paths, Seed: 17));
        double se = Math.Sqrt(p * (1 - p) / Paths) / slope;
        Assert.Equal(GoalSeekStatus.Reached, result.Status);
        Assert.Equal(direction == Direction.AtLeast, result.LeverRaisesProbability);
        Assert.InRange(result.Value, expected - 4 * se, expected + 4 * se);
        Assert.True(result.ProbabilityAtValue.Value >= p);
    }

    [Fact]
    public void Interval_SpansTheWilsonIntervalThroughTheSlope_AroundTheAnswer()
    {
        // Inverting the Wilson interval gives a width of about 2·1.96·√(p(1−p)/n)/slope; the estimate's local wiggles
        // (common random numbers make it a step function) allow a factor of two either way.
        const double p = 0.8;
        var (_, slope) = ClosedForm(p, Direction.AtLeast);
        var result = GoalSeek.Seek(WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T), "x", p, Growth, 0, 0.3, new SimulationOptions(Paths, Seed: 23));
        double width = result.Upper.Value - result.Lower.Value;
        double expectedWidth = 2 * WilsonInterval.Z95 * Math.Sqrt(p * (1 - p) / Paths) / slope;
        Assert.False(result.Lower.BeyondRange || result.Upper.BeyondRange);
        Assert.True(result.Lower.Value <= result.Value && result.Value <= result.Upper.Value);
        Assert.InRange(width, expectedWidth / 2, expectedWidth * 2);
    }

    [Fact]
    public void SaysNotReachable_WhenNoValueInTheRangeReachesTheProbability()
    {
        var result = GoalSeek.Seek(WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T), "x", 0.8, Growth, 0, 0.05, new SimulationOptions(4096, Seed: 1));
        Assert.Equal(GoalSeekStatus.NotReachable, result.Status);
        Assert.True(double.IsNaN(result.Value));
        Assert.True(result.Best.Value < 0.8);
        Assert.True(result.Upper.BeyondRange);
    }

    [Fact]
    public void SaysAlreadyReached_WhenTheRangesWeakerEndReachesIt()
    {
        var result = GoalSeek.Seek(WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T), "x", 0.8, Growth, 0.2, 0.3, new SimulationOptions(4096, Seed: 1));
        Assert.Equal(GoalSeekStatus.AlreadyReached, result.Status);
        Assert.Equal(0.2, result.Value);
        Assert.True(result.Lower.BeyondRange);
    }

    [Fact]
    public void SaysTheLeverDoesNotMoveTheTarget_WhenTheTargetDoesNotReadItsDriver()
    {
        var scenario = WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T);
        scenario = scenario with { Drivers = [.. scenario.Drivers, TestScenarios.Driver("h", new FixedDistribution(1), YearlyVariation.None)] };
        var result = GoalSeek.Seek(scenario, "x", 0.8, new Lever("h", "value"), 0, 2, new SimulationOptions(2048, Seed: 1));
        Assert.False(result.LeverMovesTarget);
        Assert.Equal(result.ProbabilityAtLow, result.ProbabilityAtHigh);
        Assert.Equal(GoalSeekStatus.NotReachable, result.Status);
    }

    [Fact]
    public void Seek_RefusesAnUnknownIndicator_AndARangeEndWithAnInvalidDistribution()
    {
        var scenario = WhatIfScenarios.Growth(0.1, Sigma, X0, Target, T);
        var unknown = Assert.Throws<ArgumentException>(() => GoalSeek.Seek(scenario, "y", 0.8, Growth, 0, 0.3));
        Assert.Contains("indicator 'y' is not in scenario", unknown.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => GoalSeek.Seek(scenario, "x", 0.8, new Lever("g", "sd"), 0, 0.3));
        Assert.Contains("'sd' is not a parameter", bad.Message, StringComparison.Ordinal);
    }
}
