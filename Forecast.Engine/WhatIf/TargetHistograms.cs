using Forecast.Engine.Simulation;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Histograms of the target-year values of some (plan, indicator) cells, one per cell and section of
/// paths, on the grid <see cref="MonteCarlo"/> would use for the same cells (the same pilot blocks, the
/// same <see cref="HistogramGrid"/> rule), so a median read here equals the run's P50 exactly. Integer
/// counts only: merging in any order gives the same histograms.
/// </summary>
internal sealed class TargetHistograms
{
    private const int Bins = HistogramGrid.Bins;
    private readonly HistogramGrid _grid;
    private readonly int _cells;
    private readonly int _sections;
    private readonly int[] _counts;
    private readonly long[] _under;
    private readonly long[] _over;
    private readonly double[] _min;
    private readonly double[] _max;

    public TargetHistograms(HistogramGrid grid, int cells, int sections)
    {
        _grid = grid;
        _cells = cells;
        _sections = sections;
        _counts = new int[cells * sections * Bins];
        _under = new long[cells * sections];
        _over = new long[cells * sections];
        _min = new double[cells * sections];
        _max = new double[cells * sections];
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
    }

    public int Sections => _sections;

    /// <summary>The grid for cells whose pilot minimum, maximum and count flag are given.</summary>
    public static HistogramGrid Grid(double[] min, double[] max, bool[] isCount) => HistogramGrid.FromRange(min, max, isCount);

    /// <summary>Adds one block of values of a cell; path i of the block (global index firstPath + i) goes to section (firstPath + i) mod sections.</summary>
    public void Add(int cell, ReadOnlySpan<double> values, long firstPath)
    {
        double lower = _grid.Lower[cell], inverse = _grid.InverseWidth[cell];
        int section = (int)(firstPath % _sections);
        for (int i = 0; i < values.Length; i++)
        {
            int slot = cell * _sections + section;
            double x = values[i];
            if (x < _min[slot]) _min[slot] = x;
            if (x > _max[slot]) _max[slot] = x;
            double position = (x - lower) * inverse;
            if (position < 0) _under[slot]++;
            else if (position >= Bins) _over[slot]++;
            else _counts[slot * Bins + (int)position]++;
            if (++section == _sections) section = 0;
        }
    }

    public void Add(TargetHistograms other)
    {
        for (int j = 0; j < _counts.Length; j++) _counts[j] += other._counts[j];
        for (int j = 0; j < _under.Length; j++)
        {
            _under[j] += other._under[j];
            _over[j] += other._over[j];
            _min[j] = Math.Min(_min[j], other._min[j]);
            _max[j] = Math.Max(_max[j], other._max[j]);
        }
    }

    /// <summary>The p-quantile of a cell over all sections.</summary>
    public double Quantile(int cell, double p)
    {
        var bins = new long[Bins];
        long under = 0, over = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int s = 0; s < _sections; s++)
        {
            int slot = cell * _sections + s;
            var counts = _counts.AsSpan(slot * Bins, Bins);
            for (int b = 0; b < Bins; b++) bins[b] += counts[b];
            under += _under[slot];
            over += _over[slot];
            min = Math.Min(min, _min[slot]);
            max = Math.Max(max, _max[slot]);
        }
        return Quantile(cell, bins, under, over, min, max, p);
    }

    /// <summary>The p-quantile of a cell in one section.</summary>
    public double SectionQuantile(int cell, int section, double p)
    {
        int slot = cell * _sections + section;
        var counts = _counts.AsSpan(slot * Bins, Bins);
        var bins = new long[Bins];
        for (int b = 0; b < Bins; b++) bins[b] = counts[b];
        return Quantile(cell, bins, _under[slot], _over[slot], _min[slot], _max[slot], p);
    }

    /// <summary>The rule of <see cref="SimulationAccumulator.Quantile"/>, on one histogram.</summary>
    private double Quantile(int cell, long[] bins, long under, long over, double min, double max, double p)
    {
        long n = under + over;
        foreach (long c in bins) n += c;
        if (n == 0) return double.NaN;
        if (min == max) return min;
        double rank = p * n;
        double lower = _grid.Lower[cell], width = _grid.Width[cell];
        if (rank <= under) return min + (lower - min) * (rank / Math.Max(1, under));
        double cumulative = under;
        bool exact = _grid.Exact[cell];
        for (int b = 0; b < bins.Length; b++)
        {
            long count = bins[b];
            if (count == 0) continue;
            if (cumulative + count >= rank)
            {
                if (exact) return lower + b + 0.5;
                double fraction = (rank - cumulative) / count;
                return Math.Clamp(lower + (b + fraction) * width, min, max);
            }
            cumulative += count;
        }
        double edge = lower + Bins * width;
        double into = (rank - cumulative) / Math.Max(1, over);
        return edge + (max - edge) * Math.Clamp(into, 0, 1);
    }
}
