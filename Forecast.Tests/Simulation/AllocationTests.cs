using Forecast.Benchmarks;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

[Collection(ProcessMeasurements.Name)]
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
        Assert.Equal(0, AllocatedInSteadyState(plan, workspace, accumulator, SamplingMethod.Random));
        Assert.Equal(16 * BlockWorkspace.BlockSize, accumulator.Paths);
    }

    [Fact]
    public void BlocksInSteadyState_AllocateNothing_WithRefinedBins()
    {
        // A lognormal level with σ = 3 spans orders of magnitude: the pilot gives its cell refined bins, recorded one
        // value at a time after the vector pass.
        var scenario = TestScenarios.Of([TestScenarios.Driver("d", new Forecast.Engine.Model.LogNormalDistribution(0, 3), Forecast.Engine.Model.YearlyVariation.None)],
            [TestScenarios.Indicator("x", 0, new Forecast.Engine.Model.FlowModel("d", Count: false), 1, 2024, 2025)]);
        var plan = SimulationPlan.Compile(scenario);
        var pilot = BlockRunner.Pilot(plan, RunSpec.Resolve(scenario, null));
        var grid = HistogramGrid.FromPilot(pilot.Cells, [false]);
        Assert.True(grid.IsRefined(0));
        var accumulator = new SimulationAccumulator(plan, grid, compact: true);
        var workspace = new BlockWorkspace(plan);
        Assert.Equal(0, AllocatedInSteadyState(plan, workspace, accumulator, SamplingMethod.Random));
        Assert.Equal(16 * BlockWorkspace.BlockSize, accumulator.Cells.Row(0).Sum());
    }

    [Fact]
    public void BlocksInSteadyState_AllocateNothing_ForMixtures()
    {
        // Structures stepping their own paths (lane lists kept in the workspace), a count driver with a growing level and
        // a level correlation, with the variance split as a run keeps it.
        var plan = SimulationPlan.Compile(ModelUncertaintyTests.Uncertain());
        var workspace = new BlockWorkspace(plan) { TracksExpected = true };
        var grid = HistogramGrid.FromRange(new double[plan.Indicators.Length * plan.Steps], Enumerable.Repeat(5000.0, plan.Indicators.Length * plan.Steps).ToArray(),
            new bool[plan.Indicators.Length * plan.Steps]);
        var accumulator = new SimulationAccumulator(plan, grid, compact: true, variance: true);
        Assert.Equal(0, AllocatedInSteadyState(plan, workspace, accumulator, SamplingMethod.Random));
    }

    [Fact]
    public void NegativeBinomialStarts_AllocateNothing_OnceSixtyFourDispersionsHaveTables()
    {
        // ln Γ tables are kept for the first 64 dispersions a process sees; past them (a long-lived server, this test
        // process) a draw computes each value and must still allocate nothing.
        double[] means = [3, 40, 250, 900];
        int[] lanes = [0, 1, 2, 3];
        var starts = new Forecast.Engine.Statistics.DiscreteStart[4];
        for (int k = 0; k < 70; k++) Forecast.Engine.Statistics.DiscreteQuantile.NegativeBinomialStarts(means, 7000.25 + k, lanes, starts);
        Forecast.Engine.Statistics.DiscreteQuantile.NegativeBinomialStarts(means, 9000.5, lanes, starts);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++) Forecast.Engine.Statistics.DiscreteQuantile.NegativeBinomialStarts(means, 9000.5, lanes, starts);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(starts[3].K > 0);
    }

    public static TheoryData<SamplingMethod> Methods => [SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol];

    [Theory]
    [MemberData(nameof(Methods))]
    public void BlocksInSteadyState_AllocateNothing_UnderEverySamplingMethod_KeepingTheIntervalUnits(SamplingMethod method)
    {
        // The stock-flow workload (binomial uniforms too) with the accumulator keeping each target's unit totals, and the
        // variance split as a run keeps it.
        var plan = SimulationPlan.Compile(ModelKindScenario.For("stock-flow"));
        var workspace = new BlockWorkspace(plan) { Sobol = method == SamplingMethod.Sobol ? SobolSampling.Create(plan, 7) : null, TracksExpected = true };
        var grid = HistogramGrid.FromRange(new double[plan.Steps], Enumerable.Repeat(1000.0, plan.Steps).ToArray(), new bool[plan.Steps]);
        var accumulator = new SimulationAccumulator(plan, grid, compact: true, variance: true, method);
        Assert.Equal(0, AllocatedInSteadyState(plan, workspace, accumulator, method));
        Assert.NotNull(accumulator.TargetVariance(0));
    }

    /// <summary>
    /// Simulates four blocks into the accumulator (warming up: JIT, first-use tables), then counts exactly, on this thread,
    /// the bytes twelve more blocks allocate; afterwards the accumulator holds sixteen blocks.
    /// </summary>
    private static long AllocatedInSteadyState(SimulationPlan plan, BlockWorkspace workspace, SimulationAccumulator accumulator, SamplingMethod method)
    {
        var observer = accumulator.AsObserver();
        BlockWorkspace[] workspaces = [workspace];
        long block = 0;
        void Block()
        {
            BlockSimulator.Simulate(plan, 0, 7, block, BlockWorkspace.BlockSize, workspace, ref observer, method);
            observer.Block(new SimulatedBlock(workspaces, block * BlockWorkspace.BlockSize, BlockWorkspace.BlockSize));
        }
        for (; block < 4; block++) Block();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 12; i++, block++) Block();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
