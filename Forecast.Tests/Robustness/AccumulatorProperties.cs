using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Robustness;

/// <summary>
/// <see cref="SimulationAccumulator.Add"/> and <see cref="SimulationAccumulator.Combine"/> on the
/// accumulators of real blocks of generated scenarios. What holds exactly and what only within rounding:
/// <list type="bullet">
/// <item>counts, hits, histogram bins, minima and maxima are integers or order-free, so merging in any
/// grouping or order gives exactly the accumulator of the whole;</item>
/// <item>sums (Sum, ShortfallSum) are floating-point: merging the blocks' accumulators one by one in block
/// order repeats the very additions of recording the blocks in that order, so it is bit-for-bit equal;
/// two halves merged give the whole within |Δ| ≤ (blocks − 1)·ε·Σ|block sums| (ε = 2⁻⁵²), and
/// (a + b) + c differs from a + (b + c) by at most 2ε(|a| + |b| + |c|); Combine(a, b) equals Combine(b, a)
/// exactly (IEEE addition is commutative).</item>
/// </list>
/// </summary>
public class AccumulatorProperties
{
    private const int PathsPerBlock = 256;

    [Property(MaxTest = 100)]
    public Property MergingTheAccumulatorsOfParts_GivesTheAccumulatorOfTheWhole() =>
        Prop.ForAll(Arb.From(
            from scenario in ScenarioGenerators.Scenario
            from blocks in Gen.Choose(3, 6)
            from first in Gen.Choose(1, blocks - 2)
            from second in Gen.Choose(first + 1, blocks - 1)
            select (scenario, blocks, first, second)), c =>
        {
            var (scenario, blocks, first, second) = c;
            string at = $"{blocks} blocks split at {first} and {second}; scenario\n{GeneratedScenarioText.Write(scenario)}";
            var plan = SimulationPlan.Compile(scenario);
            ulong seed = scenario.Defaults.Seed;
            var ws = new BlockWorkspace(plan);
            var grid = Grid(plan, seed, blocks, ws);
            SimulationAccumulator New() => new(plan.Indicators.Length, plan.Steps, plan.HeadlineCount, grid);

            var parts = new SimulationAccumulator[blocks];
            var whole = New();
            for (int b = 0; b < blocks; b++)
            {
                parts[b] = New();
                BlockSimulator.Simulate(plan, seed, b, PathsPerBlock, ws, parts[b]);
                BlockSimulator.Simulate(plan, seed, b, PathsPerBlock, ws, whole);
            }

            var inOrder = New();
            foreach (var part in parts) inOrder.Add(part);
            AccumulatorAssert.Identical(whole, inOrder, "blocks merged in order: " + at);

            var a = Sum(parts[..first], New);
            var bc = Sum(parts[first..], New);
            var halves = SimulationAccumulator.Combine(a, bc);
            AccumulatorAssert.EqualWithinRounding(whole, halves, (blocks - 1) * Math.ScaleB(1, -52), parts, "two halves: " + at);
            AccumulatorAssert.Identical(halves, SimulationAccumulator.Combine(bc, a), "Combine(a, b) against Combine(b, a): " + at);

            var b2 = Sum(parts[first..second], New);
            var c2 = Sum(parts[second..], New);
            var left = SimulationAccumulator.Combine(SimulationAccumulator.Combine(a, b2), c2);
            var right = SimulationAccumulator.Combine(a, SimulationAccumulator.Combine(b2, c2));
            AccumulatorAssert.EqualWithinRounding(left, right, 2 * Math.ScaleB(1, -52), [a, b2, c2], "(a + b) + c against a + (b + c): " + at);
        });

    private static SimulationAccumulator Sum(SimulationAccumulator[] parts, Func<SimulationAccumulator> create)
    {
        var total = create();
        foreach (var part in parts) total.Add(part);
        return total;
    }

    /// <summary>The histogram grid from a pilot over the same blocks, as MonteCarlo builds it.</summary>
    private static HistogramGrid Grid(SimulationPlan plan, ulong seed, int blocks, BlockWorkspace ws)
    {
        var pilot = new SimulationAccumulator(plan.Indicators.Length, plan.Steps, plan.HeadlineCount, grid: null);
        for (int b = 0; b < blocks; b++) BlockSimulator.Simulate(plan, seed, b, PathsPerBlock, ws, pilot);
        var isCount = new bool[pilot.Min.Length];
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = 1; s <= plan.Steps; s++)
                isCount[pilot.Cell(k, s)] = plan.Indicators[k].IsCount;
        return HistogramGrid.FromRange(pilot.Min, pilot.Max, isCount);
    }
}

/// <summary>Field-by-field comparisons of accumulators.</summary>
internal static class AccumulatorAssert
{
    /// <summary>Every field equal, floating-point ones bit for bit.</summary>
    public static void Identical(SimulationAccumulator expected, SimulationAccumulator actual, string context)
    {
        Integers(expected, actual, context);
        Bits(expected.Sum, actual.Sum, "Sum", context);
        Bits(expected.ShortfallSum, actual.ShortfallSum, "ShortfallSum", context);
    }

    /// <summary>
    /// Integer fields, minima and maxima equal; each sum within <paramref name="relative"/> times the sum of
    /// the absolute values of the corresponding sums of <paramref name="parts"/>.
    /// </summary>
    public static void EqualWithinRounding(SimulationAccumulator expected, SimulationAccumulator actual, double relative,
        IReadOnlyList<SimulationAccumulator> parts, string context)
    {
        Integers(expected, actual, context);
        Close(expected.Sum, actual.Sum, parts.Select(p => p.Sum).ToList(), relative, "Sum", context);
        Close(expected.ShortfallSum, actual.ShortfallSum, parts.Select(p => p.ShortfallSum).ToList(), relative, "ShortfallSum", context);
    }

    private static void Integers(SimulationAccumulator expected, SimulationAccumulator actual, string context)
    {
        Assert.True(expected.Paths == actual.Paths, $"Paths {expected.Paths} != {actual.Paths}: {context}");
        Assert.True(expected.AllTargets == actual.AllTargets, $"AllTargets {expected.AllTargets} != {actual.AllTargets}: {context}");
        foreach (var (name, x, y) in new[]
        {
            ("Count", expected.Count, actual.Count), ("YearHits", expected.YearHits, actual.YearHits),
            ("Underflow", expected.Underflow, actual.Underflow), ("Overflow", expected.Overflow, actual.Overflow),
            ("Histogram", expected.Histogram, actual.Histogram), ("TargetHits", expected.TargetHits, actual.TargetHits),
            ("Misses", expected.Misses, actual.Misses), ("MetCount", expected.MetCount, actual.MetCount),
        })
        {
            Assert.True(x.AsSpan().SequenceEqual(y), $"{name} differs: {context}");
        }
        Bits(expected.Min, actual.Min, "Min", context);
        Bits(expected.Max, actual.Max, "Max", context);
    }

    private static void Bits(double[] x, double[] y, string name, string context)
    {
        Assert.True(x.Length == y.Length, $"{name} length: {context}");
        for (int i = 0; i < x.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(x[i]) == BitConverter.DoubleToInt64Bits(y[i]), $"{name}[{i}]: {x[i]:R} != {y[i]:R}: {context}");
    }

    private static void Close(double[] x, double[] y, List<double[]> parts, double relative, string name, string context)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double scale = parts.Sum(p => Math.Abs(p[i]));
            Assert.True(Math.Abs(x[i] - y[i]) <= relative * scale, $"{name}[{i}]: {x[i]:R} and {y[i]:R} differ by more than {relative} × {scale}: {context}");
        }
    }
}
