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
        var workspace = new BlockWorkspace(plan) { TracksExpected = true };
        var grid = HistogramGrid.FromRange(new double[plan.Steps], Enumerable.Repeat(100.0, plan.Steps).ToArray(), new bool[plan.Steps]);
        var accumulator = new SimulationAccumulator(plan, grid, compact: true, variance: true);
        var observer = accumulator.AsObserver();
        BlockWorkspace[] workspaces = [workspace];
        long block = 0;
        void Block()
        {
            BlockSimulator.Simulate(plan, 0, 7, block, BlockWorkspace.BlockSize, workspace, ref observer);
            observer.Block(new SimulatedBlock(workspaces, block * BlockWorkspace.BlockSize, BlockWorkspace.BlockSize));
        }
        for (; block < 4; block++) Block();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 12; i++, block++) Block();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(16 * BlockWorkspace.BlockSize, accumulator.Paths);
    }
}
