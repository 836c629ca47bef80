using Forecast.Engine.Model;

namespace Forecast.Tests.WhatIf;

/// <summary>Small scenarios and files for the what-if tests.</summary>
internal static class WhatIfScenarios
{
    public static readonly string Baseline = RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml");

    /// <summary>
    /// x_T = x0·(1+L)^T·exp(σ√T·Z − Tσ²/2): one compound indicator whose growth driver "g" has level L (fixed) and lognormal
    /// yearly factors with log-sd σ. P(x_T ≥ K) = Φ((T·ln(1+L) − Tσ²/2 − ln(K/x0))/(σ√T)); median x0·(1+L)^T·e^(−Tσ²/2).
    /// </summary>
    public static Scenario Growth(double level, double sigma, double x0, double target, int years, string name = "growth",
        Direction direction = Direction.AtLeast) =>
        TestScenarios.Of([TestScenarios.Driver("g", new FixedDistribution(level), YearlyVariation.Growth(sigma))],
            [TestScenarios.Indicator("x", x0, new CompoundGrowthModel("g"), target, 2020, 2020 + years, direction: direction)]) with { Name = name };

    /// <summary>Two uncertain drivers (a normal and a PERT level) behind one ratio indicator: the sensitivity analyses' small case.</summary>
    public const string SmallYaml = """
        name: small
        drivers:
          - {id: a, level: {dist: normal, mean: 0.08, sd: 0.04}, yearly: {kind: growth, sd: 0.05}}
          - {id: c, level: {dist: pert, min: 0.01, mode: 0.03, max: 0.06}, yearly: {kind: growth, sd: 0.05}}
        indicators:
          - {id: x, headline: true, base: {year: 2020, value: 2}, model: {kind: ratio, numerator: {growth: a}, denominator: {growth: c}}, target: {year: 2025, value: 2.6}}
        """;

    /// <summary>Writes a file into a fresh temporary folder and returns its path.</summary>
    public static string Write(string fileName, string text)
    {
        string folder = Path.Combine(Path.GetTempPath(), "forecast-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A what-if file over the shipped baseline (absolute base path), with the given overrides.</summary>
    public static string WhatIf(string overrides, string fileName = "whatif.yaml") =>
        Write(fileName, $"base: '{Baseline}'\n{overrides}");

    /// <summary>Asserts that two scenarios have the same content (lists compared element by element), names aside.</summary>
    public static void AssertSameContent(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Defaults, actual.Defaults);
        Assert.Equal(expected.Drivers.Count, actual.Drivers.Count);
        for (int d = 0; d < expected.Drivers.Count; d++)
        {
            Assert.Equal(expected.Drivers[d] with { Changes = null }, actual.Drivers[d] with { Changes = null });
            Assert.Equal(expected.Drivers[d].LevelChanges, actual.Drivers[d].LevelChanges);
        }
        Assert.Equal(expected.Correlations, actual.Correlations);
        Assert.Equal(expected.Indicators.Count, actual.Indicators.Count);
        for (int i = 0; i < expected.Indicators.Count; i++)
        {
            Assert.Equal(expected.Indicators[i] with { History = null }, actual.Indicators[i] with { History = null });
            Assert.Equal(expected.Indicators[i].HistoryPoints, actual.Indicators[i].HistoryPoints);
        }
    }
}
