using BenchmarkDotNet.Attributes;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Benchmarks;

/// <summary>One block of 1,024 paths through five yearly steps of a single model kind.</summary>
[MemoryDiagnoser]
public class ModelStepBenchmarks
{
    private SimulationPlan _plan = null!;
    private BlockWorkspace _workspace = null!;
    private SimulationAccumulator _accumulator = null!;
    private long _block;

    [Params("compound", "ratio", "share", "stock-flow", "cumulative", "flow")]
    public string Kind { get; set; } = "compound";

    [GlobalSetup]
    public void Setup()
    {
        static Driver D(string id, Distribution level, YearlyVariation yearly) => new(id, LocalizedText.Both(id), level, yearly);
        Driver[] drivers =
        [
            D("g", new NormalDistribution(0.1, 0.02), YearlyVariation.Growth(0.05)),
            D("h", new NormalDistribution(0.05, 0.01), YearlyVariation.Growth(0.02)),
            D("n", new PertDistribution(45, 60, 90), YearlyVariation.NegativeBinomial(30)),
            D("q", new PertDistribution(0.02, 0.05, 0.1), YearlyVariation.None),
        ];
        IndicatorModel model = Kind switch
        {
            "compound" => new CompoundGrowthModel("g"),
            "ratio" => new RatioModel(Quantity.Growing("g"), Quantity.Growing("h")),
            "share" => new BoundedShareModel("g"),
            "stock-flow" => new StockFlowModel("n", "q"),
            "cumulative" => new CumulativeModel("n"),
            _ => new FlowModel("n"),
        };
        double baseValue = Kind is "cumulative" or "flow" ? 0 : Kind == "stock-flow" ? 268 : 42;
        var indicator = new Indicator("x", LocalizedText.Both("x"), LocalizedText.Both(""), 2020, baseValue, model,
            new Target(2025, baseValue + 10), true, Kind == "share" ? Bounds.Percent : null);
        var scenario = new Scenario("bench", LocalizedText.Both("bench"), drivers, [], [indicator], new RunDefaults());
        _plan = SimulationPlan.Compile(scenario);
        _workspace = new BlockWorkspace(_plan);
        _accumulator = new SimulationAccumulator(1, _plan.Steps, _plan.HeadlineCount, null);
    }

    [Benchmark(Description = "1,024 paths × 5 years")]
    public long Block()
    {
        BlockSimulator.Simulate(_plan, 7, _block++, BlockWorkspace.BlockSize, _workspace, _accumulator);
        return _accumulator.Paths;
    }
}
