using System.Runtime.InteropServices;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class CacheLineArrayTests
{
    [Fact]
    public void BlockWorkspaceRows_StartOnCacheLines_Zeroed()
    {
        // The kernels' 512-bit loads and stores straddle no cache line when every row of doubles starts on one.
        var plan = SimulationPlan.Compile(TestScenarios.Gbm(1, 0.05, 0.1, 1.2, 3));
        var ws = new BlockWorkspace(plan);
        foreach (var rows in new[] { ws.Shocks, ws.Mixed, ws.Values, ws.Levels, ws.LevelUniforms, ws.State, ws.ExpectedState, ws.TargetValues, ws.Shortfall, ws.Worst, ws.Uniforms, ws.Scratch })
        {
            Assert.True(CacheLineArray.IsAligned(rows), $"a row starts at byte {Marshal.UnsafeAddrOfPinnedArrayElement(rows, 0) % 64} of its line");
            Assert.All(rows, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void ManyArraysOfEveryLength_StartOnCacheLines()
    {
        for (int length = 1; length <= 300; length++)
        {
            var array = CacheLineArray.Of<double>(length);
            Assert.Equal(length, array.Length);
            Assert.True(CacheLineArray.IsAligned(array), $"length {length}");
        }
        Assert.Empty(CacheLineArray.Of<double>(0));
    }
}
