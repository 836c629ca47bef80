using System.Runtime.InteropServices;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

[Collection(ProcessMeasurements.Name)]
public class CacheLineArrayTests
{
    // Placement is a matter of speed only (see CacheLineArray): a zeroed array of the right length always, on a cache
    // line nearly always. In a fresh process (the command) the pinned heap is consecutive and every placement holds;
    // in this long-running test process, other tests' pinned objects leave holes that the heap may fill out of order,
    // so the tests ask for most arrays on a line, not all.

    [Fact]
    public void BlockWorkspaceRows_AreZeroed_AndMostStartOnCacheLines()
    {
        var plan = SimulationPlan.Compile(TestScenarios.Gbm(1, 0.05, 0.1, 1.2, 3));
        int rows = 0, aligned = 0;
        for (int k = 0; k < 10; k++)
        {
            var ws = new BlockWorkspace(plan);
            foreach (var row in new[] { ws.Shocks, ws.Mixed, ws.Values, ws.Levels, ws.LevelUniforms, ws.State, ws.ExpectedState, ws.TargetValues, ws.Shortfall, ws.Worst, ws.Uniforms, ws.Scratch })
            {
                Assert.All(row, v => Assert.Equal(0.0, v));
                rows++;
                if (CacheLineArray.IsAligned(row)) aligned++;
            }
        }
        Assert.True(aligned >= 0.9 * rows, $"{aligned} of {rows} rows start on a cache line");
    }

    [Fact]
    public void ArraysOfEveryLength_AreZeroed_AndMostStartOnCacheLines()
    {
        int aligned = 0;
        for (int length = 1; length <= 300; length++)
        {
            var array = CacheLineArray.Of<double>(length);
            Assert.Equal(length, array.Length);
            Assert.All(array, v => Assert.Equal(0.0, v));
            if (CacheLineArray.IsAligned(array)) aligned++;
        }
        Assert.True(aligned >= 270, $"{aligned} of 300 arrays start on a cache line");
        Assert.Empty(CacheLineArray.Of<double>(0));
    }

    [Fact]
    public void ArraysAboveTheLimit_AreOrdinaryZeroedArrays()
    {
        int length = CacheLineArray.MaxBytes / sizeof(double) + 1;
        var array = CacheLineArray.Of<double>(length);
        Assert.Equal(length, array.Length);
        Assert.All(array, v => Assert.Equal(0.0, v));
    }
}
