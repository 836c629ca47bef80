using Forecast.Engine.Model;
using Forecast.Scenarios;

namespace Forecast.Tests.Scenarios;

/// <summary>
/// ScenarioWriter emits the format ScenarioReader reads: writing a scenario and reading it back gives an equal
/// scenario. Records compare by value but their lists do not, so the comparison is field by field (lists by
/// SequenceEqual, each record with its lists set aside).
/// </summary>
public class ScenarioWriterTests
{
    internal static void AssertSameScenario(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Defaults, actual.Defaults);
        Assert.Equal(expected.Drivers.Count, actual.Drivers.Count);
        for (int d = 0; d < expected.Drivers.Count; d++)
        {
            Driver e = expected.Drivers[d], a = actual.Drivers[d];
            Assert.Equal(e with { Changes = null }, a with { Changes = null });
            Assert.Equal(e.LevelChanges, a.LevelChanges);
        }
        Assert.Equal(expected.Correlations, actual.Correlations);
        Assert.Equal(expected.Indicators.Count, actual.Indicators.Count);
        for (int i = 0; i < expected.Indicators.Count; i++)
        {
            Indicator e = expected.Indicators[i], a = actual.Indicators[i];
            Assert.Equal(e with { History = null }, a with { History = null });
            Assert.Equal(e.HistoryPoints, a.HistoryPoints);
        }
    }

    private static Scenario RoundTrip(Scenario scenario, ScenarioAnnotations? annotations = null) =>
        ScenarioReader.Parse("written.yaml", ScenarioWriter.Write(scenario, annotations));

    [Fact]
    public void ShippedScenario_WrittenAndReadBack_IsEqual()
    {
        string path = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
        Scenario shipped = ScenarioReader.Read(path);
        AssertSameScenario(shipped, RoundTrip(shipped, ScenarioAnnotations.Read(path)));
    }

    [Fact]
    public void EveryDistributionModelAndOption_WrittenAndReadBack_IsEqual()
    {
        Driver D(string id, Distribution level, YearlyVariation yearly, IReadOnlyList<LevelChange>? changes = null, string? note = null) =>
            new(id, new LocalizedText("驱动 " + id, "driver " + id), level, yearly, changes ?? [], note);
        var drivers = new List<Driver>
        {
            D("g", new NormalDistribution(0.1234567890123, 1e-5), YearlyVariation.Growth(0.05), note: "line one\nline two: with a colon, a # hash and \"quotes\""),
            D("gd", new LogNormalDistribution(-2.5, 0.25), YearlyVariation.Growth(0)),
            D("s", new UniformDistribution(-0.1, 0.3), YearlyVariation.Normal(0.02), [new LevelChange(2023, new FixedDistribution(0.5)), new LevelChange(2024, new TriangularDistribution(0.1, 0.2, 0.4))]),
            D("e", new PertDistribution(45, 60, 90), YearlyVariation.NegativeBinomial(30), note: "'single' quotes and a trailing space "),
            D("x", new BetaDistribution(2, 5, 0.01, 0.2), YearlyVariation.None),
            D("p", new PoissonDistribution(3.2), YearlyVariation.Poisson),
            D("n", new NegativeBinomialDistribution(12.5, 4), YearlyVariation.None, note: "true"),
            D("c", new PertDistribution(0.05, 0.12, 0.25), YearlyVariation.None),
        };
        var target = new Target(2025, 100, Direction.AtMost, TargetPeriod.EveryYear, "plan L1: \"about 100\"");
        var indicators = new List<Indicator>
        {
            new("gdp", new LocalizedText("地区生产总值", "GDP"), new LocalizedText("亿元", "100 million yuan"), 2020, 2316.84, new CompoundGrowthModel("g"), target with { Direction = Direction.AtLeast, Period = TargetPeriod.TargetYear, Value = 3000 }, true),
            new("spend", LocalizedText.Both("spending"), LocalizedText.Both("yuan"), 2020, 10, new CompoundGrowthModel("gd"), new Target(2025, 20)),
            new("ratio", LocalizedText.Both("ratio"), LocalizedText.Both("%"), 2020, 0.43, new RatioModel(Quantity.Of("spend"), Quantity.Of("gdp")), new Target(2025, 1), Bounds: new Bounds(0, 100)),
            new("ratio2", LocalizedText.Both("ratio 2"), LocalizedText.Both(""), 2020, 1.5, new RatioModel(Quantity.Growing("g"), Quantity.Growing("gd")), new Target(2025, 2)),
            new("share", LocalizedText.Both("share"), LocalizedText.Both("%"), 2020, 42.03, new BoundedShareModel("s"), new Target(2025, 50), Bounds: new Bounds(0, 100),
                History: [new HistoryPoint(2015, 26.26, "plan L107"), new HistoryPoint(2018, 30)], Note: "note of an indicator"),
            new("stock", LocalizedText.Both("stock"), LocalizedText.Both("firms"), 2020, 268, new StockFlowModel("e", "x"), new Target(2025, 600)),
            new("counties", LocalizedText.Both("counties"), LocalizedText.Both("of 8"), 2020, 0, new StockFlowModel("c", Capacity: 8), new Target(2025, 5)),
            new("new", LocalizedText.Both("new"), LocalizedText.Both("platforms"), 2020, 0, new CumulativeModel("p"), new Target(2025, 50),
                History: [new HistoryPoint(2020, 111, "plan L111", 5)]),
            new("flow", LocalizedText.Both("flow"), LocalizedText.Both("people"), 2020, 0, new FlowModel("n", Count: false), target),
            new("flow2", LocalizedText.Both("flow 2"), LocalizedText.Both("projects"), 2020, 0, new FlowModel("n"), new Target(2025, 10)),
        };
        var scenario = new Scenario("all-kinds", new LocalizedText("全部", "All kinds: a test"), drivers,
            [new Correlation("g", "gd", 0.5), new Correlation("e", "p", -0.25)], indicators, new RunDefaults(1234, 9_000_000_000_000_000UL));

        AssertSameScenario(scenario, RoundTrip(scenario));
    }

    [Fact]
    public void Annotations_KeepTheDescriptionBaseSourcesAndHeader()
    {
        string path = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
        var annotations = ScenarioAnnotations.Read(path) with { HeaderComment = ["written by a test"] };
        string yaml = ScenarioWriter.Write(ScenarioReader.Read(path), annotations);

        Assert.StartsWith("# written by a test\n", yaml, StringComparison.Ordinal);
        Assert.Contains("Evidence-first baseline as of early 2021", yaml, StringComparison.Ordinal);
        Assert.Contains("base: {year: 2020, value: 268, source: plan L107 and table L186}", yaml, StringComparison.Ordinal);
    }
}
