using Forecast.Benchmarks;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class AllocationTests
{
    public static TheoryData<string> Kinds => new(ModelKindScenario.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BlocksInSteadyState_AllocateNothing_ForEveryModelKind(string kind)
    {
        // The workload of Forecast.Benchmarks' ModelStepBenchmarks (the same source file), counted exactly on this thread.
        var plan = SimulationPlan.Compile(ModelKindScenario.For(kind));
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
