using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Forecast.Engine.Simulation;

namespace Forecast.Tests.Robustness;

/// <summary>
/// <see cref="SimulationAccumulator.Merge"/>, the one merge production uses, on the accumulators of real blocks of
/// generated scenarios. What holds exactly and what only within rounding:
/// <list type="bullet">
/// <item>counts, hits, histogram bins, minima and maxima are integers or order-free, so merging in any
/// grouping or order gives exactly the accumulator of the whole;</item>
/// <item>sums (Sum, ShortfallSum) are floating-point: merging the blocks' accumulators one by one in block
/// order repeats the very additions of recording the blocks in that order, so it is bit-for-bit equal;
/// two halves merged give the whole within |Δ| ≤ (blocks − 1)·ε·Σ|block sums| (ε = 2⁻⁵²), and
/// (a + b) + c differs from a + (b + c) by at most 2ε(|a| + |b| + |c|); merging (a, b) equals merging (b, a)
/// exactly (IEEE addition is commutative).</item>
/// </list>
/// </summary>
public class AccumulatorProperties
{
    private const int PathsPerBlock = 256;
    private static readonly ParallelOptions Parallel = new() { MaxDegreeOfParallelism = 2 };

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
            var grid = Grid(plan, seed, blocks);
            SimulationAccumulator New() => new(plan, grid);
            // Block b on its own (a fresh accumulator each call: a merge empties its parts).
            SimulationAccumulator Part(int b)
            {
                var part = New();
                Record(plan, seed, b, part);
                return part;
            }
            // Blocks [from, to) merged one by one in order.
            SimulationAccumulator Parts(int from, int to) => Merged(New(), Enumerable.Range(from, to - from).Select(Part).ToArray());

            var whole = New();
            for (int b = 0; b < blocks; b++) Record(plan, seed, b, whole);
            AccumulatorAssert.Identical(whole, Parts(0, blocks), "blocks merged in order: " + at);

            var sums = Enumerable.Range(0, blocks).Select(Part).ToList();
            var halves = Merged(New(), Parts(0, first), Parts(first, blocks));
            AccumulatorAssert.EqualWithinRounding(whole, halves, (blocks - 1) * Math.ScaleB(1, -52), sums, "two halves: " + at);
            AccumulatorAssert.Identical(halves, Merged(New(), Parts(first, blocks), Parts(0, first)), "merging (a, b) against (b, a): " + at);

            var left = Merged(New(), Merged(New(), Parts(0, first), Parts(first, second)), Parts(second, blocks));
            var right = Merged(New(), Parts(0, first), Merged(New(), Parts(first, second), Parts(second, blocks)));
            AccumulatorAssert.EqualWithinRounding(left, right, 2 * Math.ScaleB(1, -52), [Parts(0, first), Parts(first, second), Parts(second, blocks)],
                "(a + b) + c against a + (b + c): " + at);
        });

    private static SimulationAccumulator Merged(SimulationAccumulator total, params SimulationAccumulator[] parts)
    {
        SimulationAccumulator.Merge(total, parts, Parallel);
        return total;
    }

    /// <summary>Simulates block b into the accumulator, as the block runner does.</summary>
    private static void Record(SimulationPlan plan, ulong seed, int b, SimulationAccumulator accumulator)
    {
        var ws = new BlockWorkspace(plan);
        var observer = accumulator.AsObserver();
        BlockSimulator.Simulate(plan, 0, seed, b, PathsPerBlock, ws, ref observer);
        observer.Block(new SimulatedBlock([ws], (long)b * PathsPerBlock, PathsPerBlock));
    }

    /// <summary>The histogram grid from a pilot over the same blocks, as MonteCarlo builds it.</summary>
    private static HistogramGrid Grid(SimulationPlan plan, ulong seed, int blocks)
    {
        var pilot = new SimulationAccumulator(plan, grid: null);
        for (int b = 0; b < blocks; b++) Record(plan, seed, b, pilot);
        int cells = pilot.Cells.Cells;
        var isCount = new bool[cells];
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = 1; s <= plan.Steps; s++)
                isCount[pilot.Cell(k, s)] = plan.Indicators[k].IsCount;
        return HistogramGrid.FromPilot(pilot.Cells, isCount);
    }
}

/// <summary>Field-by-field comparisons of accumulators, through their read accessors.</summary>
internal static class AccumulatorAssert
{
    /// <summary>Every field equal, floating-point ones bit for bit.</summary>
    public static void Identical(SimulationAccumulator expected, SimulationAccumulator actual, string context)
    {
        Integers(expected, actual, context);
        Bits(Sums(expected), Sums(actual), "Sum", context);
        Bits(Shortfalls(expected), Shortfalls(actual), "ShortfallSum", context);
    }

    /// <summary>
    /// Integer fields, minima and maxima equal; each sum within <paramref name="relative"/> times the sum of
    /// the absolute values of the corresponding sums of <paramref name="parts"/>.
    /// </summary>
    public static void EqualWithinRounding(SimulationAccumulator expected, SimulationAccumulator actual, double relative,
        IReadOnlyList<SimulationAccumulator> parts, string context)
    {
        Integers(expected, actual, context);
        Close(Sums(expected), Sums(actual), parts.Select(Sums).ToList(), relative, "Sum", context);
        Close(Shortfalls(expected), Shortfalls(actual), parts.Select(Shortfalls).ToList(), relative, "ShortfallSum", context);
    }

    private static double[] Sums(SimulationAccumulator a) => Enumerable.Range(0, a.Cells.Cells).Select(a.Cells.Sum).ToArray();

    private static double[] Shortfalls(SimulationAccumulator a) => Enumerable.Range(0, a.Indicators).Select(a.ShortfallSum).ToArray();

    private static void Integers(SimulationAccumulator expected, SimulationAccumulator actual, string context)
    {
        Assert.True(expected.Paths == actual.Paths, $"Paths {expected.Paths} != {actual.Paths}: {context}");
        Assert.True(expected.AllTargets == actual.AllTargets, $"AllTargets {expected.AllTargets} != {actual.AllTargets}: {context}");
        int cells = expected.Cells.Cells;
        for (int c = 0; c < cells; c++)
        {
            Assert.True(expected.Cells.Count(c) == actual.Cells.Count(c), $"Count[{c}] differs: {context}");
            Assert.True(expected.YearHits(c) == actual.YearHits(c), $"YearHits[{c}] differs: {context}");
            Assert.True(expected.Cells.Row(c).AsSpan().SequenceEqual(actual.Cells.Row(c)), $"histogram row {c} differs: {context}");
        }
        for (int k = 0; k < expected.Indicators; k++)
            Assert.True(expected.TargetHits(k) == actual.TargetHits(k) && expected.Misses(k) == actual.Misses(k), $"hits of indicator {k} differ: {context}");
        for (int m = 0; m <= expected.HeadlineTargets; m++)
            Assert.True(expected.MetCount(m) == actual.MetCount(m), $"MetCount[{m}] differs: {context}");
        Bits(Enumerable.Range(0, cells).Select(expected.Cells.Min).ToArray(), Enumerable.Range(0, cells).Select(actual.Cells.Min).ToArray(), "Min", context);
        Bits(Enumerable.Range(0, cells).Select(expected.Cells.Max).ToArray(), Enumerable.Range(0, cells).Select(actual.Cells.Max).ToArray(), "Max", context);
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
