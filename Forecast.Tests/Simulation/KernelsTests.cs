using System.Reflection;
using Forecast.Engine.Simulation;
using Xunit;

namespace Forecast.Tests.Simulation;

public class KernelsTests
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    [Fact]
    public void Methods_AreEveryMethodTheEngineMarksAggressivelyOptimised_GenericOnesAtBothCountWidths()
    {
        // A kernel marked in a type that Kernels does not look in would be compiled late again: none may be missed.
        var marked = typeof(Kernels).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(Declared))
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
            .ToList();
        var listed = Kernels.Methods().ToList();
        Assert.NotEmpty(marked);
        foreach (var method in marked)
        {
            int expected = method.IsGenericMethodDefinition ? 2 : 1;
            Assert.Equal(expected, listed.Count(m => (m.IsGenericMethod ? m.GetGenericMethodDefinition() : m) == method));
        }
        Assert.Equal(marked.Sum(m => m.IsGenericMethodDefinition ? 2 : 1), listed.Count);
        // The kernels a bench-gbm8 run compiled at run time (DOTNET_JitDisasmSummary on the published build) are among them.
        string[] hot = ["DrawPass", "GrowthAffine", "SummariseAndCount", "Summarise", "AddWidened", "Correlate", "DeviationSums", "Deviations",
            "Compound", "Split", "FillOpenUniform", "TrackTarget", "Year", "ByLanes", "Record"];
        foreach (string name in hot) Assert.Contains(listed, m => m.Name == name);
        var widths = listed.Where(m => m.Name == "SummariseAndCount").Select(m => m.GetGenericArguments()[0]).ToHashSet();
        Assert.True(widths.SetEquals([typeof(ushort), typeof(long)]));
    }

    [Fact]
    public void Prepare_CompilesThemAll_AndARunAfterwardsIsTheSame()
    {
        var scenario = TestScenarios.Gbm(1, 0.05, 0.1, 1.2, 3);
        var options = new SimulationOptions(Paths: 3000, Seed: 11);
        var before = MonteCarlo.Run(scenario, options);
        Kernels.Prepare();
        Kernels.Prepare();
        var after = MonteCarlo.Run(scenario, options);
        Assert.Equal(before.Indicators.Select(i => i.Probability), after.Indicators.Select(i => i.Probability));
        Assert.Equal(before.Indicators.SelectMany(i => i.Years.Select(y => y.P50)), after.Indicators.SelectMany(i => i.Years.Select(y => y.P50)));
    }
}
