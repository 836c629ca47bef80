using System.Numerics.Tensors;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Everything a run keeps about its paths, in counts and sums whose size does not depend on the
/// number of paths: per cell (indicator × step) the count, sum, minimum, maximum, target hits and a
/// fixed-grid histogram for percentiles; per indicator the target hits, misses and summed shortfall;
/// for the plan the distribution of how many headline targets each path met.
/// <see cref="Add"/> is associative and, for the integer counts, commutative; sums are merged in a
/// fixed order so results are identical bit for bit whatever the number of threads.
/// </summary>
internal sealed class SimulationAccumulator
{
    public SimulationAccumulator(int indicators, int steps, int headlineCount, HistogramGrid? grid)
    {
        Indicators = indicators;
        Steps = steps;
        int cells = indicators * steps;
        Grid = grid;
        Count = new long[cells];
        Sum = new double[cells];
        Min = new double[cells];
        Max = new double[cells];
        YearHits = new long[cells];
        Underflow = new long[cells];
        Overflow = new long[cells];
        Histogram = grid is null ? [] : new long[cells * HistogramGrid.Bins];
        TargetHits = new long[indicators];
        Misses = new long[indicators];
        ShortfallSum = new double[indicators];
        MetCount = new long[headlineCount + 1];
        Reset();
    }

    public int Indicators { get; }
    public int Steps { get; }
    public HistogramGrid? Grid { get; }
    public long Paths { get; set; }
    public long[] Count { get; }
    public double[] Sum { get; }
    public double[] Min { get; }
    public double[] Max { get; }
    public long[] YearHits { get; }
    public long[] Underflow { get; }
    public long[] Overflow { get; }
    public long[] Histogram { get; }
    public long[] TargetHits { get; }
    public long[] Misses { get; }
    public double[] ShortfallSum { get; }
    /// <summary>MetCount[k]: paths that met exactly k headline targets.</summary>
    public long[] MetCount { get; }
    /// <summary>Paths that met every target (headline or not).</summary>
    public long AllTargets { get; set; }

    /// <summary>Cell index of (indicator position k, step s), 1 ≤ s ≤ Steps.</summary>
    public int Cell(int k, int step) => k * Steps + step - 1;

    public void Reset()
    {
        Paths = 0;
        AllTargets = 0;
        Array.Clear(Count);
        Array.Clear(Sum);
        Array.Fill(Min, double.PositiveInfinity);
        Array.Fill(Max, double.NegativeInfinity);
        Array.Clear(YearHits);
        Array.Clear(Underflow);
        Array.Clear(Overflow);
        Array.Clear(Histogram);
        Array.Clear(TargetHits);
        Array.Clear(Misses);
        Array.Clear(ShortfallSum);
        Array.Clear(MetCount);
    }

    /// <summary>Adds the values of one cell for a block of paths.</summary>
    public void Record(int cell, ReadOnlySpan<double> values)
    {
        Sum[cell] += TensorPrimitives.Sum(values);
        Min[cell] = Math.Min(Min[cell], TensorPrimitives.Min(values));
        Max[cell] = Math.Max(Max[cell], TensorPrimitives.Max(values));
        Count[cell] += values.Length;
        if (Grid is null) return;
        double lower = Grid.Lower[cell], inverse = Grid.InverseWidth[cell];
        var bins = Histogram.AsSpan(cell * HistogramGrid.Bins, HistogramGrid.Bins);
        long under = 0, over = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double position = (values[i] - lower) * inverse;
            if (position < 0) under++;
            else if (position >= HistogramGrid.Bins) over++;
            else bins[(int)position]++;
        }
        Underflow[cell] += under;
        Overflow[cell] += over;
    }

    /// <summary>Adds <paramref name="other"/> into this accumulator (same shape and grid).</summary>
    public void Add(SimulationAccumulator other)
    {
        Paths += other.Paths;
        AllTargets += other.AllTargets;
        AddInto(Count, other.Count);
        for (int c = 0; c < Sum.Length; c++)
        {
            Sum[c] += other.Sum[c];
            Min[c] = Math.Min(Min[c], other.Min[c]);
            Max[c] = Math.Max(Max[c], other.Max[c]);
        }
        AddInto(YearHits, other.YearHits);
        AddInto(Underflow, other.Underflow);
        AddInto(Overflow, other.Overflow);
        AddInto(Histogram, other.Histogram);
        AddInto(TargetHits, other.TargetHits);
        AddInto(Misses, other.Misses);
        for (int k = 0; k < ShortfallSum.Length; k++) ShortfallSum[k] += other.ShortfallSum[k];
        AddInto(MetCount, other.MetCount);
    }

    /// <summary>The sum of two accumulators as a new one (for tests of associativity).</summary>
    public static SimulationAccumulator Combine(SimulationAccumulator a, SimulationAccumulator b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new SimulationAccumulator(a.Indicators, a.Steps, a.MetCount.Length - 1, a.Grid);
        result.Add(a);
        result.Add(b);
        return result;
    }

    private static void AddInto(long[] target, long[] source)
    {
        var t = target.AsSpan();
        var s = source.AsSpan();
        for (int i = 0; i < t.Length; i++) t[i] += s[i];
    }

    /// <summary>
    /// The p-quantile of a cell: exact for one-bin-per-integer cells (the smallest value whose
    /// cumulative count reaches p·n), otherwise interpolated linearly inside the bin; values outside
    /// the grid are interpolated between the observed extreme and the grid's edge.
    /// </summary>
    public double Quantile(int cell, double p)
    {
        long n = Count[cell];
        if (n == 0) return double.NaN;
        if (Min[cell] == Max[cell]) return Min[cell];
        if (Grid is null) throw new InvalidOperationException("a pilot accumulator has no histogram");
        double rank = p * n;
        double lower = Grid.Lower[cell], width = Grid.Width[cell];
        if (rank <= Underflow[cell])
            return Min[cell] + (lower - Min[cell]) * (rank / Math.Max(1, Underflow[cell]));
        double cumulative = Underflow[cell];
        var bins = Histogram.AsSpan(cell * HistogramGrid.Bins, HistogramGrid.Bins);
        bool exact = Grid.Exact[cell];
        for (int b = 0; b < bins.Length; b++)
        {
            long count = bins[b];
            if (count == 0) continue;
            if (cumulative + count >= rank)
            {
                if (exact) return lower + b + 0.5;
                double fraction = (rank - cumulative) / count;
                return Math.Clamp(lower + (b + fraction) * width, Min[cell], Max[cell]);
            }
            cumulative += count;
        }
        double edge = lower + HistogramGrid.Bins * width;
        double into = (rank - cumulative) / Math.Max(1, Overflow[cell]);
        return edge + (Max[cell] - edge) * Math.Clamp(into, 0, 1);
    }
}
