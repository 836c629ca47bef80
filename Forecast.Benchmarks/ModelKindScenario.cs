using Forecast.Engine.Model;

namespace Forecast.Benchmarks;

/// <summary>
/// A scenario with one indicator of a single model kind and the drivers it may read: the workload of
/// ModelStepBenchmarks. The file is also compiled into Forecast.Tests, whose allocation test
/// runs the same blocks.
/// </summary>
internal static class ModelKindScenario
{
    /// <summary>The model kinds, by the names the benchmarks and tests use.</summary>
    public static readonly string[] Kinds = ["compound", "ratio", "share", "stock-flow", "cumulative", "flow", "linear"];

    /// <summary>The scenario of one <paramref name="kind"/> (one of <see cref="Kinds"/>).</summary>
    public static Scenario For(string kind)
    {
        static Driver D(string id, Distribution level, YearlyVariation yearly) => new(id, LocalizedText.Both(id), level, yearly);
        Driver[] drivers =
        [
            D("g", new NormalDistribution(0.1, 0.02), YearlyVariation.Growth(0.05)),
            D("h", new NormalDistribution(0.05, 0.01), YearlyVariation.Growth(0.02)),
            D("n", new PertDistribution(45, 60, 90), YearlyVariation.NegativeBinomial(30)),
            D("q", new PertDistribution(0.02, 0.05, 0.1), YearlyVariation.None),
        ];
        IndicatorModel model = kind switch
        {
            "compound" => new CompoundGrowthModel("g"),
            "ratio" => new RatioModel(Quantity.Growing("g"), Quantity.Growing("h")),
            "share" => new BoundedShareModel("g"),
            "stock-flow" => new StockFlowModel("n", "q"),
            "cumulative" => new CumulativeModel("n"),
            "flow" => new FlowModel("n"),
            "linear" => new LinearTrendModel("g"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a model kind"),
        };
        double baseValue = kind is "cumulative" or "flow" ? 0 : kind == "stock-flow" ? 268 : 42;
        var indicator = new Indicator("x", LocalizedText.Both("x"), LocalizedText.Both(""), 2020, baseValue, model,
            new Target(2025, baseValue + 10), true, kind == "share" ? Bounds.Percent : null);
        return new Scenario("bench", LocalizedText.Both("bench"), drivers, [], [indicator], new RunDefaults());
    }
}
