using Forecast.Engine.Model;

namespace Forecast.Tests;

/// <summary>Small scenarios built in code for engine tests.</summary>
internal static class TestScenarios
{
    public static Driver Driver(string id, Distribution level, YearlyVariation yearly) =>
        new(id, LocalizedText.Both(id), level, yearly);

    public static Indicator Indicator(string id, double baseValue, IndicatorModel model, double target, int baseYear = 2020,
        int targetYear = 2025, bool headline = true, Bounds? bounds = null, TargetPeriod period = TargetPeriod.TargetYear,
        Direction direction = Direction.AtLeast) =>
        new(id, LocalizedText.Both(id), LocalizedText.Both("unit"), baseYear, baseValue, model,
            new Target(targetYear, target, direction, period), headline, bounds);

    public static Scenario Of(IReadOnlyList<Driver> drivers, IReadOnlyList<Indicator> indicators,
        IReadOnlyList<Correlation>? correlations = null, long paths = 100_000, ulong seed = 42) =>
        new("test", LocalizedText.Both("test"), drivers, correlations ?? [], indicators, new RunDefaults(paths, seed));

    /// <summary>One compound-growth indicator x(t+1) = x(t)·exp(μ − σ²/2 + σz), written as growth rate e^μ − 1 with lognormal shocks.</summary>
    public static Scenario Gbm(double x0, double mu, double sigma, double target, int years, long paths = 100_000, ulong seed = 42) =>
        Of([Driver("g", new FixedDistribution(Math.Exp(mu) - 1), YearlyVariation.Growth(sigma))],
           [Indicator("x", x0, new CompoundGrowthModel("g"), target, 2020, 2020 + years)], paths: paths, seed: seed);
}
