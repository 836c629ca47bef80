using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class AllocationTests
{
    [Theory]
    [InlineData("compound")]
    [InlineData("ratio")]
    [InlineData("share")]
    [InlineData("stock-flow")]
    [InlineData("cumulative")]
    [InlineData("flow")]
    public void BlocksInSteadyState_AllocateNothing_ForEveryModelKind(string kind)
    {
        // The configuration of Forecast.Benchmarks' ModelStepBenchmarks, counted exactly on this thread.
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
            _ => new FlowModel("n"),
        };
        double baseValue = kind is "cumulative" or "flow" ? 0 : kind == "stock-flow" ? 268 : 42;
        var indicator = new Indicator("x", LocalizedText.Both("x"), LocalizedText.Both(""), 2020, baseValue, model,
            new Target(2025, baseValue + 10), true, kind == "share" ? Bounds.Percent : null);
        var plan = SimulationPlan.Compile(new Scenario("alloc", LocalizedText.Both("alloc"), drivers, [], [indicator], new RunDefaults()));
        var workspace = new BlockWorkspace(plan);
        var grid = HistogramGrid.FromRange(new double[plan.Steps], Enumerable.Repeat(100.0, plan.Steps).ToArray(), new bool[plan.Steps]);
        var accumulator = new SimulationAccumulator(1, plan.Steps, plan.HeadlineCount, grid, compact: true);
        long block = 0;
        for (; block < 4; block++) BlockSimulator.Simulate(plan, 7, block, BlockWorkspace.BlockSize, workspace, accumulator);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 12; i++, block++) BlockSimulator.Simulate(plan, 7, block, BlockWorkspace.BlockSize, workspace, accumulator);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(16 * BlockWorkspace.BlockSize, accumulator.Paths);
    }
}
