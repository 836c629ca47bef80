using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Targets;

/// <summary>
/// Each path's decisive value of each chosen indicator: the value its target is judged on. For a target-year target that is
/// the target-year value; for an every-year target the worst year's value from the year after the base to the target year
/// (the smallest for an at-least target, the largest for an at-most one), since the target holds on a path exactly when
/// its worst year meets it. Filled by <see cref="Observer"/>: each block writes its own paths' slots (path index =
/// <see cref="BlockWorkspace.FirstPath"/> + i), so shards need no merge and the values do not depend on the threads.
/// </summary>
internal sealed class DecisiveValues
{
    private readonly SimulationPlan _plan;
    private readonly int[] _slot;
    private readonly double[][] _values;

    /// <param name="plan">The plan simulated.</param>
    /// <param name="positions">Plan positions of the indicators to keep.</param>
    /// <param name="paths">Paths of the run.</param>
    public DecisiveValues(SimulationPlan plan, IReadOnlyList<int> positions, long paths)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paths, Array.MaxLength);
        _plan = plan;
        _slot = new int[plan.Indicators.Length];
        Array.Fill(_slot, -1);
        _values = new double[positions.Count][];
        for (int m = 0; m < positions.Count; m++)
        {
            _slot[positions[m]] = m;
            _values[m] = new double[paths];
        }
    }

    /// <summary>The decisive values of the m-th chosen indicator, one per path.</summary>
    public double[] Values(int m) => _values[m];

    private void Year(int k, int step, BlockWorkspace ws, int count)
    {
        int m = _slot[k];
        if (m < 0) return;
        var ind = _plan.Indicators[k];
        if (step > ind.TargetStep) return;
        var target = ind.Source.Target;
        var x = BlockWorkspace.Row(ws.State, k, count);
        var into = _values[m].AsSpan((int)ws.FirstPath, count);
        if (target.Period == TargetPeriod.TargetYear)
        {
            if (step == ind.TargetStep) x.CopyTo(into);
            return;
        }
        if (step == ind.BaseStep + 1)
        {
            x.CopyTo(into);
            return;
        }
        bool atLeast = target.Direction == Direction.AtLeast;
        for (int i = 0; i < count; i++) into[i] = atLeast ? Math.Min(into[i], x[i]) : Math.Max(into[i], x[i]);
    }

    /// <summary>The store as a block observer.</summary>
    internal readonly struct Observer(DecisiveValues store) : IBlockObserver<Observer>
    {
        public void Year(int plan, int k, int step, BlockWorkspace ws, int count) => store.Year(k, step, ws, count);

        public void Block(in SimulatedBlock block) { }

        // Every block wrote its own paths' slots of the shared store: nothing to merge.
        public static void Merge(Observer total, ReadOnlySpan<Observer> parts, ParallelOptions parallel) { }
    }
}
