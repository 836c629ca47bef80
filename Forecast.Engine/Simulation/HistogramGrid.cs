namespace Forecast.Engine.Simulation;

/// <summary>
/// The bins of the quantile histograms, one row of <see cref="Bins"/> bins per cell (indicator × step), sized from a
/// pilot run's sample of the cell. Values outside the grid are counted as under- or overflow and never lost.
/// </summary>
/// <remarks>
/// <para>
/// A cell's bins are one of two kinds. <b>Linear</b>: equal bins over the pilot's range widened by half its span on
/// each side; counts whose range fits get one bin per whole number, so their percentiles are exact. <b>Refined</b>,
/// for cells the linear bins cannot hold (a distribution spanning several orders of magnitude, or a mass crowded into
/// a small part of its range): the value is first mapped by t = T(x), either x itself or a signed logarithm
/// sign(x − c)·ln(1 + |x − c|/w) (a logarithm from c outwards, linear within w of c); the t-range is cut into
/// <see cref="CoarseCells"/> equal coarse cells, and each coarse cell is given bins in proportion to the pilot's
/// values in it (at least one), so every bin holds about the same share of the values, whatever their range.
/// </para>
/// <para>
/// The choice, per cell, from the pilot's sorted sample: the largest share of the values one bin would hold is
/// predicted from the sample's spacings (in windows of <see cref="Window"/> order statistics across the central 98%).
/// A cell keeps linear bins when that share is at most <see cref="LinearShare"/> (0.3%; a normal distribution's is
/// 0.14%), otherwise it is refined, on the map T (linear, or the logarithm
/// from the minimum, the maximum or the median with w from 2^−4 to 2^−20 of the span) that spreads the sample most
/// evenly. A refined bin holds about 1/3,584 of the values, so the rank error of a percentile, which is at most the
/// share of its bin, stays near 0.03% over any range (tested against closed forms for lognormal σ up to 3, Pareto
/// tail 1.5 and mixtures). Whole numbers are spread by a fixed jitter of up to ±0.5 before the choice, so their
/// atoms do not look like infinitely dense spots.
/// </para>
/// </remarks>
internal sealed class HistogramGrid
{
    public const int Bins = 4096;

    /// <summary>Coarse cells of a refined grid.</summary>
    public const int CoarseCells = 512;

    /// <summary>
    /// Largest predicted share of the values in one linear bin for a cell to keep linear bins. A normal distribution's
    /// fullest bin holds 0.14%; the prediction from 4,096 pilot values scatters up to 0.21% (measured over the 40 cells of
    /// bench-gbm8), so 0.3% keeps such cells linear. Within bins that narrow a smooth density hardly changes, and the
    /// interpolated percentile's rank error is far below the bin's share.
    /// </summary>
    public const double LinearShare = 0.003;

    /// <summary>Order statistics per window of the spacing estimate (of a full pilot of 4,096 values: 6%, a relative error of about 6%).</summary>
    public const int Window = 256;

    public HistogramGrid(double[] lower, double[] inverseWidth, double[] width, bool[] exact, bool[] whole)
        : this(lower, inverseWidth, width, exact, whole, new double[lower.Length], new double[lower.Length], new int[]?[lower.Length])
    {
    }

    private HistogramGrid(double[] lower, double[] inverseWidth, double[] width, bool[] exact, bool[] whole,
        double[] centre, double[] inverseScale, int[]?[] firstBins)
    {
        Lower = lower;
        InverseWidth = inverseWidth;
        Width = width;
        Exact = exact;
        Whole = whole;
        Centre = centre;
        InverseScale = inverseScale;
        FirstBins = firstBins;
    }

    /// <summary>Lower edge: of the bins (linear), of the coarse cells in t (refined).</summary>
    public double[] Lower { get; }
    /// <summary>1 / <see cref="Width"/>.</summary>
    public double[] InverseWidth { get; }
    /// <summary>Width of a bin (linear) or of a coarse cell in t (refined).</summary>
    public double[] Width { get; }
    /// <summary>Whether the cell has one bin per whole number.</summary>
    public bool[] Exact { get; }
    /// <summary>Whether the cell holds whole numbers (a count), so its percentiles are whole numbers too.</summary>
    public bool[] Whole { get; }
    /// <summary>Refined cells: the centre c of the logarithmic map.</summary>
    public double[] Centre { get; }
    /// <summary>Refined cells: 1/w of the logarithmic map; 0 maps t = x.</summary>
    public double[] InverseScale { get; }
    /// <summary>Refined cells: the first bin of each coarse cell, and the end (<see cref="CoarseCells"/> + 1 entries); null for linear cells.</summary>
    public int[]?[] FirstBins { get; }

    /// <summary>Whether the cell's bins are refined (recorded one value at a time) rather than linear.</summary>
    public bool IsRefined(int cell) => FirstBins[cell] is not null;

    /// <summary>t = T(x) of a refined cell.</summary>
    public double Map(int cell, double x) => Map(x, Centre[cell], InverseScale[cell]);

    /// <summary>x = T⁻¹(t) of a refined cell.</summary>
    public double Unmap(int cell, double t) => Unmap(t, Centre[cell], InverseScale[cell]);

    private static double Map(double x, double centre, double inverseScale)
    {
        if (inverseScale == 0) return x;
        double y = (x - centre) * inverseScale;
        double t = Math.Log(1 + Math.Abs(y));
        return y < 0 ? -t : double.IsNaN(y) ? double.NaN : t;
    }

    private static double Unmap(double t, double centre, double inverseScale)
    {
        if (inverseScale == 0) return t;
        double y = Math.Exp(Math.Abs(t)) - 1;
        return centre + (t < 0 ? -y : y) / inverseScale;
    }

    /// <summary>
    /// The slot of a value in a refined cell's row: 0 below the grid (and NaN), 1..Bins the bins, Bins + 1 above.
    /// </summary>
    public int RefinedSlot(int cell, double x)
    {
        var first = FirstBins[cell]!;
        double position = (Map(cell, x) - Lower[cell]) * InverseWidth[cell];
        if (!(position >= 0)) return 0; // below, or NaN
        if (!(position < CoarseCells)) return Bins + 1;
        int j = (int)position;
        int bins = first[j + 1] - first[j];
        return first[j] + Math.Min((int)((position - j) * bins), bins - 1) + 1;
    }

    /// <summary>The t-interval of bin b (0-based) of a refined cell.</summary>
    public (double Low, double High) RefinedBin(int cell, int b)
    {
        var first = FirstBins[cell]!;
        int j = Array.BinarySearch(first, b);
        if (j < 0) j = ~j - 1;
        while (j + 1 < first.Length && first[j + 1] == first[j]) j++; // the coarse cell that owns b (never empty)
        int bins = first[j + 1] - first[j], i = b - first[j];
        double low = Lower[cell] + (j + (double)i / bins) * Width[cell];
        double high = Lower[cell] + (j + (double)(i + 1) / bins) * Width[cell];
        return (low, high);
    }

    /// <summary>Linear bins from the minimum and maximum of each cell (no pilot sample: nothing is refined).</summary>
    public static HistogramGrid FromRange(ReadOnlySpan<double> min, ReadOnlySpan<double> max, ReadOnlySpan<bool> isCount)
    {
        var specs = new CellSpec[min.Length];
        for (int c = 0; c < specs.Length; c++) specs[c] = Linear(min[c], max[c], isCount[c]);
        return FromSpecs(specs);
    }

    /// <summary>The grid of every cell of a pilot, from its sample of each cell.</summary>
    public static HistogramGrid FromPilot(CellHistograms pilot, ReadOnlySpan<bool> isCount)
    {
        var specs = new CellSpec[pilot.Cells];
        for (int c = 0; c < specs.Length; c++) specs[c] = For(pilot, c, isCount[c]);
        return FromSpecs(specs);
    }

    /// <summary>The bins of one cell of a pilot: linear if they hold it, refined otherwise.</summary>
    public static CellSpec For(CellHistograms pilot, int cell, bool isCount)
    {
        var spec = Linear(pilot.Min(cell), pilot.Max(cell), isCount);
        var sample = pilot.Sample(cell);
        if (spec.Exact || sample.Length < 2 * Window || !(pilot.Min(cell) < pilot.Max(cell))) return spec;
        var sorted = Sorted(sample, isCount);
        var linear = new Candidate(0, 0);
        if (LargestShare(sorted, linear, Bins, 0.5) <= LinearShare) return spec;
        var best = linear;
        double bestShare = double.PositiveInfinity;
        foreach (var candidate in Candidates(sorted))
        {
            double share = LargestShare(sorted, candidate, Bins, 0.5);
            if (share < bestShare)
            {
                bestShare = share;
                best = candidate;
            }
        }
        var refined = Refined(sorted, best, isCount);
        return double.IsFinite(refined.InverseWidth) ? refined : spec;
    }

    /// <summary>The maps tried for a refined cell: the logarithm from the minimum, the maximum and the median, w from 2^−4 to 2^−20 of the span; and t = x.</summary>
    private static IEnumerable<Candidate> Candidates(double[] sorted)
    {
        double min = sorted[0], max = sorted[^1], median = sorted[sorted.Length / 2], span = max - min;
        yield return new Candidate(0, 0);
        for (int k = 4; k <= 20; k += 4)
        {
            double w = span * Math.ScaleB(1, -k);
            // A span of a few subnormal steps (values near double.MinNormal) has no finite 1/w: no such map.
            if (!double.IsFinite(1 / w)) yield break;
            yield return new Candidate(min, 1 / w);
            yield return new Candidate(max, 1 / w);
            yield return new Candidate(median, 1 / w);
        }
    }

    /// <summary>
    /// The largest share of the values one of <paramref name="bins"/> equal bins in t would hold, over a t-range of the
    /// sample's widened by <paramref name="widen"/> of its span on each side: max over windows of k order statistics
    /// of (k/n)·(bin width)/(t_(i+k) − t_(i)), over the central 98% of the sample (windows of equal values, atoms
    /// no binning splits, are left out).
    /// </summary>
    private static double LargestShare(double[] sorted, Candidate map, int bins, double widen)
    {
        int n = sorted.Length;
        double low = Map(sorted[0], map.Centre, map.InverseScale), high = Map(sorted[^1], map.Centre, map.InverseScale);
        double binWidth = (high - low) * (1 + 2 * widen) / bins;
        if (!(binWidth > 0 && double.IsFinite(binWidth))) return double.PositiveInfinity;
        int k = Math.Min(Window, n / 8), step = Math.Max(1, k / 4);
        int first = n / 100, last = n - 1 - n / 100;
        double worst = 0;
        for (int i = first; i + k <= last; i += step)
        {
            double a = Map(sorted[i], map.Centre, map.InverseScale), b = Map(sorted[i + k], map.Centre, map.InverseScale);
            double gap = b - a;
            if (!(gap > 0)) continue; // an atom: no binning splits it
            worst = Math.Max(worst, (double)k / n * binWidth / gap);
        }
        return worst;
    }

    /// <summary>The sample sorted; whole numbers spread by a fixed jitter in (−0.5, 0.5) first (the golden-ratio sequence).</summary>
    private static double[] Sorted(ReadOnlySpan<double> sample, bool whole)
    {
        var sorted = sample.ToArray();
        if (whole)
            for (int i = 0; i < sorted.Length; i++) sorted[i] += (i + 0.5) * 0.6180339887498949 % 1 - 0.5;
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>A refined cell on map <paramref name="map"/>: coarse cells over the sample's t-range widened by half its span on each side, bins by the sample's count in each.</summary>
    private static CellSpec Refined(double[] sorted, Candidate map, bool whole)
    {
        int n = sorted.Length;
        double low = Map(sorted[0], map.Centre, map.InverseScale), high = Map(sorted[^1], map.Centre, map.InverseScale);
        double span = high - low;
        double lower = low - span / 2, width = 2 * span / CoarseCells;
        var counts = new int[CoarseCells];
        foreach (double x in sorted)
        {
            double position = (Map(x, map.Centre, map.InverseScale) - lower) / width;
            counts[Math.Clamp((int)position, 0, CoarseCells - 1)]++;
        }
        var first = new int[CoarseCells + 1];
        const int spare = Bins - CoarseCells;
        for (int j = 0; j < CoarseCells; j++)
            first[j + 1] = first[j] + 1 + (int)((long)counts[j] * spare / n);
        return new CellSpec(lower, 1 / width, width, false, whole, map.Centre, map.InverseScale, first);
    }

    /// <summary>Linear bins: one per whole number for counts that fit, otherwise equal bins over the range widened by half its span on each side.</summary>
    private static CellSpec Linear(double min, double max, bool isCount)
    {
        if (!(min <= max)) return new CellSpec(0, 1, 1, false, isCount, 0, 0, null);
        double span = max - min;
        if (isCount)
        {
            double lo = Math.Floor(min - span / 2) - 0.5;
            double hi = Math.Ceiling(max + span / 2) + 0.5;
            if (hi - lo <= Bins) return new CellSpec(lo, 1, 1, true, true, 0, 0, null);
        }
        // One value, or a span of a few subnormal steps (values near double.MinNormal, whose bins would have width 0 and
        // 1/width infinite): the bins of a single value's.
        if (span == 0 || !double.IsFinite(1 / (2 * span / Bins))) span = Math.Max(Math.Abs(min) * 1e-6, 1e-12);
        double width = 2 * span / Bins;
        return new CellSpec(min - span / 2, 1 / width, width, false, isCount, 0, 0, null);
    }

    /// <summary>The grid of cells with the given bins.</summary>
    public static HistogramGrid FromSpecs(ReadOnlySpan<CellSpec> specs)
    {
        int cells = specs.Length;
        var grid = new HistogramGrid(new double[cells], new double[cells], new double[cells], new bool[cells], new bool[cells],
            new double[cells], new double[cells], new int[]?[cells]);
        for (int c = 0; c < cells; c++)
        {
            var s = specs[c];
            grid.Lower[c] = s.Lower;
            grid.InverseWidth[c] = s.InverseWidth;
            grid.Width[c] = s.Width;
            grid.Exact[c] = s.Exact;
            grid.Whole[c] = s.Whole;
            grid.Centre[c] = s.Centre;
            grid.InverseScale[c] = s.InverseScale;
            grid.FirstBins[c] = s.FirstBins;
        }
        return grid;
    }

    /// <summary>A map t = sign(x − c)·ln(1 + |x − c|·s) (s = 0: t = x).</summary>
    private readonly record struct Candidate(double Centre, double InverseScale);

    /// <summary>The bins of one cell (see the properties of <see cref="HistogramGrid"/> of the same names).</summary>
    internal readonly record struct CellSpec(double Lower, double InverseWidth, double Width, bool Exact, bool Whole,
        double Centre, double InverseScale, int[]? FirstBins);
}
