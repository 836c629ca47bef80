using System.Reflection;
using System.Runtime.CompilerServices;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The simulation's hot kernels: the methods marked <see cref="MethodImplOptions.AggressiveOptimization"/> in the types
/// below. A precompiled (ReadyToRun) build holds none of them (their 512-bit code needs AVX-512, which the image does
/// not assume), so the JIT compiles each at its first call, in the pilot of the first run: some 30 to 40 ms on one
/// thread before the first block. <see cref="Prepare"/> compiles them all at once, so that a program can have it done
/// on another core while it does its own start-up (the command line, the scenario file): the same compilations the
/// run would trigger, only earlier, so the same code and the same results.
/// </summary>
public static class Kernels
{
    /// <summary>The types that hold the kernels (and their nested types, e.g. a model's step).</summary>
    private static readonly Type[] Homes =
    [
        typeof(Ziggurat), typeof(Xoshiro256x8), typeof(VectorMath), typeof(CellHistograms), typeof(BlockSimulator),
        typeof(SimulationAccumulator), typeof(VarianceParts), typeof(CompoundGrowthModel),
    ];

    /// <summary>The widths a generic kernel is used at: the histograms' counts, 16 bits in a shard and 64 in the total.</summary>
    private static readonly Type[] CountTypes = [typeof(ushort), typeof(long)];

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Every kernel, generic ones at each width they are used at.</summary>
    internal static IEnumerable<MethodInfo> Methods()
    {
        var types = new Stack<Type>(Homes);
        while (types.TryPop(out var type))
        {
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)) types.Push(nested);
            foreach (var method in type.GetMethods(Declared))
            {
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0) continue;
                if (!method.IsGenericMethodDefinition) yield return method;
                else foreach (var width in CountTypes) yield return method.MakeGenericMethod(width);
            }
        }
    }

    /// <summary>
    /// Compiles every kernel now (on the calling thread), and the sort the pilot's histogram grid uses on doubles.
    /// Costs nothing a run would not spend anyway; safe to call while a run on another thread meets the same methods
    /// (the runtime compiles each once, the other caller waits for it).
    /// </summary>
    public static void Prepare()
    {
        foreach (var method in Methods()) RuntimeHelpers.PrepareMethod(method.MethodHandle);
        // Array.Sort of doubles is compiled at its first call too (a generic instantiation the image does not hold); a
        // few dozen values go through every part of it (insertion sort, partitioning, the NaN pass).
        var values = new double[64];
        for (int i = 0; i < values.Length; i++) values[i] = (i * 37 % 64) - 0.5 * i;
        Array.Sort(values);
    }
}
