namespace Forecast.Engine.Simulation;

/// <summary>
/// The bins of the quantile histograms, one row per cell (indicator × step): a lower edge and a
/// width. Found from a pilot run's range widened by half its span on each side; whole-number
/// indicators whose range fits get one bin per integer, so their percentiles are exact.
/// Values outside the grid are counted as under- or overflow and never lost.
/// </summary>
internal sealed class HistogramGrid
{
    public const int Bins = 4096;

    public HistogramGrid(double[] lower, double[] inverseWidth, double[] width, bool[] exact, bool[] whole)
    {
        Lower = lower;
        InverseWidth = inverseWidth;
        Width = width;
        Exact = exact;
        Whole = whole;
    }

    public double[] Lower { get; }
    public double[] InverseWidth { get; }
    public double[] Width { get; }
    /// <summary>Whether the cell has one bin per whole number.</summary>
    public bool[] Exact { get; }
    /// <summary>Whether the cell holds whole numbers (a count), so its percentiles are whole numbers too.</summary>
    public bool[] Whole { get; }

    /// <summary>Builds the grid from the minimum and maximum seen in each cell by a pilot run.</summary>
    public static HistogramGrid FromRange(ReadOnlySpan<double> min, ReadOnlySpan<double> max, ReadOnlySpan<bool> isCount)
    {
        int cells = min.Length;
        var lower = new double[cells];
        var inverse = new double[cells];
        var width = new double[cells];
        var exact = new bool[cells];
        for (int c = 0; c < cells; c++)
        {
            if (!(min[c] <= max[c]))
            {
                lower[c] = 0;
                width[c] = 1;
                inverse[c] = 1;
                continue;
            }
            double span = max[c] - min[c];
            if (isCount[c])
            {
                double lo = Math.Floor(min[c] - span / 2) - 0.5;
                double hi = Math.Ceiling(max[c] + span / 2) + 0.5;
                if (hi - lo <= Bins)
                {
                    lower[c] = lo;
                    width[c] = 1;
                    inverse[c] = 1;
                    exact[c] = true;
                    continue;
                }
            }
            if (span == 0) span = Math.Max(Math.Abs(min[c]) * 1e-6, 1e-12);
            lower[c] = min[c] - span / 2;
            width[c] = 2 * span / Bins;
            inverse[c] = 1 / width[c];
        }
        return new HistogramGrid(lower, inverse, width, exact, isCount.ToArray());
    }
}
