using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Forecast.Engine.Model;
using Forecast.Engine.Results;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The variance of each indicator in each year split by the law of total variance over what a path draws: its model
/// structure M (for a mixture), its parameters θ (driver levels and trends), and its year-to-year noise:
/// <code>
///   Var X = Var(E[X|M]) + E[Var(E[X|M,θ] | M)] + E[Var(X | M, θ)]
///         = model choice  + parameters          + year-to-year
/// </code>
/// E[X|M,θ] is each path's expected-value pass (<see cref="IndicatorStep.AdvanceExpected"/> on its own levels): exact for
/// the steps linear in the yearly values (compound, ratio of compounding sides, linear, stock-flow, cumulative, flow),
/// the logit's path for a share. The year-to-year part is the rest, Var X minus the other two, so the parts always sum
/// to the total. Sums are kept about a fixed shift per cell (the indicator's base value) for accuracy, and merged in
/// shard order like every other sum.
/// </summary>
internal sealed class VarianceParts
{
    private readonly SimulationPlan _plan;
    private readonly int[] _structures;       // per indicator: structures (1 unless a mixture)
    private readonly int[] _first;            // per cell: first slot of its per-structure sums
    private readonly double[] _sum;           // per cell: Σ(x − c)
    private readonly double[] _sumSquares;    // per cell: Σ(x − c)²
    private readonly long[] _n;               // per cell and structure
    private readonly double[] _mean;          // per cell and structure: Σ(m − c)
    private readonly double[] _meanSquares;   // per cell and structure: Σ(m − c)²
    private readonly int[][] _steppingIn;     // per step − 1: the indicator positions that step in it, in plan order

    public VarianceParts(SimulationPlan plan)
    {
        _plan = plan;
        int indicators = plan.Indicators.Length, steps = plan.Steps;
        _structures = plan.Indicators.Select(i => i.Source.Model is MixtureModel m ? m.Components.Count : 1).ToArray();
        _first = new int[indicators * steps];
        int slots = 0;
        for (int k = 0; k < indicators; k++)
            for (int s = 0; s < steps; s++)
            {
                _first[k * steps + s] = slots;
                slots += _structures[k];
            }
        _sum = new double[indicators * steps];
        _sumSquares = new double[indicators * steps];
        _n = new long[slots];
        _mean = new double[slots];
        _meanSquares = new double[slots];
        _steppingIn = new int[steps][];
        for (int s = 1; s <= steps; s++)
        {
            var stepping = new List<int>();
            for (int k = 0; k < indicators; k++)
                if (s > plan.Indicators[k].BaseStep) stepping.Add(k);
            _steppingIn[s - 1] = [.. stepping];
        }
    }

    /// <summary>
    /// Indicator k has stepped into <paramref name="step"/> (the simulator shows the indicators of a year in plan order):
    /// after the last of the year's indicators, adds the block's values of every indicator of that year (cell =
    /// k·Steps + step − 1). The year's rows stay as they are until the next year is stepped, so they are read together:
    /// each cell's Σ(x − c) and Σ(x − c)² run over the paths in order, one chain per cell, and eight cells' chains run
    /// side by side in the lanes of a vector (one cell's chain alone waits on its previous addition at every path).
    /// </summary>
    public void Record(int k, int step, BlockWorkspace ws, int count)
    {
        var stepping = _steppingIn[step - 1];
        if (k != stepping[^1]) return;
        for (int j = 0; j < stepping.Length; j += 8) Deviations(stepping.AsSpan(j, Math.Min(8, stepping.Length - j)), step, ws.State, count);
        foreach (int i in stepping) RecordExpected(i, i * _plan.Steps + step - 1, ws, count);
    }

    /// <summary>
    /// Σ(x − c) and Σ(x − c)² over the block's paths, in path order, for up to eight indicators of one year at once (lane
    /// j: indicator <paramref name="indicators"/>[j]; spare lanes repeat the first and are dropped). Each lane does what
    /// the scalar loop <c>d = x[i] − c; sum += d; squares += d·d</c> does, in the same order, so the sums are the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deviations(ReadOnlySpan<int> indicators, int step, double[] state, int count)
    {
        Span<int> rows = stackalloc int[8];
        Span<double> shifts = stackalloc double[8];
        for (int j = 0; j < 8; j++)
        {
            int k = indicators[j < indicators.Length ? j : 0];
            rows[j] = k * BlockWorkspace.BlockSize;
            shifts[j] = _plan.Indicators[k].BaseValue;
        }
        var (sum, squares) = DeviationSums(state, rows, Vector512.Create<double>(shifts), count);
        for (int j = 0; j < indicators.Length; j++)
        {
            int cell = indicators[j] * _plan.Steps + step - 1;
            _sum[cell] += sum.GetElement(j);
            _sumSquares[cell] += squares.GetElement(j);
        }
    }

    /// <summary>
    /// Lane j: Σ(x − shift_j) and Σ(x − shift_j)² over state[rows[j] + i], i = 0 .. count − 1, in the order of i, each term
    /// as the scalar loop <c>d = x − c; sum += d; squares += d·d</c> makes it (the same bits at every width).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (Vector512<double> Sum, Vector512<double> Squares) DeviationSums(double[] state, ReadOnlySpan<int> rows, Vector512<double> shift, int count)
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(state);
        ref double x0 = ref Unsafe.Add(ref x, rows[0]), x1 = ref Unsafe.Add(ref x, rows[1]), x2 = ref Unsafe.Add(ref x, rows[2]),
            x3 = ref Unsafe.Add(ref x, rows[3]), x4 = ref Unsafe.Add(ref x, rows[4]), x5 = ref Unsafe.Add(ref x, rows[5]),
            x6 = ref Unsafe.Add(ref x, rows[6]), x7 = ref Unsafe.Add(ref x, rows[7]);
        var sum = Vector512<double>.Zero;
        var squares = Vector512<double>.Zero;
        nint i = 0;
        if (Avx512F.IsSupported)
        {
            // Eight paths at a time by an 8×8 transpose of the rows' next eight values: 256-bit loads paired in one
            // register, an unpack and a two-source permute (16 shuffles on the shuffle port for eight paths, where
            // gathering each path's eight values took 7 per path); then the paths are added in order, as below.
            var evenPairs = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            var oddPairs = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            for (; i + 8 <= count; i += 8)
            {
                // a_j = the values i..i+3 of rows j and j + 4, b_j the values i+4..i+7; u = the two rows' values unpacked in pairs.
                var a0 = Vector256.LoadUnsafe(ref x0, (nuint)i).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x4, (nuint)i));
                var a1 = Vector256.LoadUnsafe(ref x1, (nuint)i).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x5, (nuint)i));
                var a2 = Vector256.LoadUnsafe(ref x2, (nuint)i).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x6, (nuint)i));
                var a3 = Vector256.LoadUnsafe(ref x3, (nuint)i).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x7, (nuint)i));
                Accumulate(Avx512F.UnpackLow(a0, a1), Avx512F.UnpackHigh(a0, a1), Avx512F.UnpackLow(a2, a3), Avx512F.UnpackHigh(a2, a3),
                    evenPairs, oddPairs, shift, ref sum, ref squares);
                var b0 = Vector256.LoadUnsafe(ref x0, (nuint)i + 4).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x4, (nuint)i + 4));
                var b1 = Vector256.LoadUnsafe(ref x1, (nuint)i + 4).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x5, (nuint)i + 4));
                var b2 = Vector256.LoadUnsafe(ref x2, (nuint)i + 4).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x6, (nuint)i + 4));
                var b3 = Vector256.LoadUnsafe(ref x3, (nuint)i + 4).ToVector512Unsafe().WithUpper(Vector256.LoadUnsafe(ref x7, (nuint)i + 4));
                Accumulate(Avx512F.UnpackLow(b0, b1), Avx512F.UnpackHigh(b0, b1), Avx512F.UnpackLow(b2, b3), Avx512F.UnpackHigh(b2, b3),
                    evenPairs, oddPairs, shift, ref sum, ref squares);
            }
        }
        for (; i < count; i++)
        {
            var d = Vector512.Create(Unsafe.Add(ref x0, i), Unsafe.Add(ref x1, i), Unsafe.Add(ref x2, i), Unsafe.Add(ref x3, i),
                Unsafe.Add(ref x4, i), Unsafe.Add(ref x5, i), Unsafe.Add(ref x6, i), Unsafe.Add(ref x7, i)) - shift;
            sum += d;
            squares += d * d;
        }
        return (sum, squares);
    }

    /// <summary>
    /// Four paths of an 8×8 transpose: from u01 = unpacked low pairs of rows (0, 1 | 4, 5), h01 their high pairs, u23 and h23
    /// those of rows (2, 3 | 6, 7), the paths' vectors (lane j: row j) in path order, each added as the scalar loop does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector512<double> u01, Vector512<double> h01, Vector512<double> u23, Vector512<double> h23,
        Vector512<long> evenPairs, Vector512<long> oddPairs, Vector512<double> shift, ref Vector512<double> sum, ref Vector512<double> squares)
    {
        var d = Avx512F.PermuteVar8x64x2(u01, evenPairs, u23) - shift;
        sum += d;
        squares += d * d;
        d = Avx512F.PermuteVar8x64x2(h01, evenPairs, h23) - shift;
        sum += d;
        squares += d * d;
        d = Avx512F.PermuteVar8x64x2(u01, oddPairs, u23) - shift;
        sum += d;
        squares += d * d;
        d = Avx512F.PermuteVar8x64x2(h01, oddPairs, h23) - shift;
        sum += d;
        squares += d * d;
    }

    /// <summary>The expected-value pass's sums of indicator k in a cell (per structure for a mixture), and the paths counted.</summary>
    private void RecordExpected(int k, int cell, BlockWorkspace ws, int count)
    {
        double shift = _plan.Indicators[k].BaseValue;
        int first = _first[cell];
        if (!ws.TracksExpected)
        {
            // Every path's E[X|M,θ] is the same (SimulationPlan.ParametersFixed, one structure): no model or parameter part.
            _n[first] += count;
            return;
        }
        var m = BlockWorkspace.Row(ws.ExpectedState, k, count);
        if (_structures[k] == 1)
        {
            double mean = 0, meanSquares = 0;
            for (int i = 0; i < count; i++)
            {
                double d = m[i] - shift;
                mean += d;
                meanSquares += d * d;
            }
            _n[first] += count;
            _mean[first] += mean;
            _meanSquares[first] += meanSquares;
            return;
        }
        // Structure j's paths, in increasing order (the block's lane row of the structure): the sums add the same terms in the
        // same order as a pass over every path that skips the others, without a branch mispredicted on every other path.
        int firstLane = _plan.IndicatorLanes[k];
        for (int j = 0; j < _structures[k]; j++)
        {
            var lanes = ws.LanesOf(firstLane + j);
            double mean = 0, meanSquares = 0;
            foreach (int i in lanes)
            {
                double d = m[i] - shift;
                mean += d;
                meanSquares += d * d;
            }
            _n[first + j] += lanes.Length;
            _mean[first + j] += mean;
            _meanSquares[first + j] += meanSquares;
        }
    }

    /// <summary>Floating-point sums kept (the length <see cref="CopySums"/> writes).</summary>
    public int SumsLength => 2 * _sum.Length + 2 * _mean.Length;

    /// <summary>Copies the floating-point sums into <paramref name="into"/> (in a fixed order) and, when <paramref name="clear"/>, zeroes them.</summary>
    public void CopySums(Span<double> into, bool clear)
    {
        int c = _sum.Length, j = _mean.Length;
        _sum.CopyTo(into[..c]);
        _sumSquares.CopyTo(into.Slice(c, c));
        _mean.CopyTo(into.Slice(2 * c, j));
        _meanSquares.CopyTo(into.Slice(2 * c + j, j));
        if (!clear) return;
        Array.Clear(_sum);
        Array.Clear(_sumSquares);
        Array.Clear(_mean);
        Array.Clear(_meanSquares);
    }

    /// <summary>Sets the floating-point sums from <paramref name="from"/> (the order of <see cref="CopySums"/>).</summary>
    public void SetSums(ReadOnlySpan<double> from)
    {
        from.Slice(0, _sum.Length).CopyTo(_sum);
        from.Slice(_sum.Length, _sum.Length).CopyTo(_sumSquares);
        from.Slice(2 * _sum.Length, _mean.Length).CopyTo(_mean);
        from.Slice(2 * _sum.Length + _mean.Length, _mean.Length).CopyTo(_meanSquares);
    }

    /// <summary>The per-structure path counts (integers: they merge exactly in any order).</summary>
    public Span<long> Counts => _n;

    /// <summary>The split of cell's variance (population variance over the paths).</summary>
    public VarianceDecomposition Of(int k, int cell)
    {
        long total = 0;
        int first = _first[cell];
        for (int j = 0; j < _structures[k]; j++) total += _n[first + j];
        if (total == 0) return new VarianceDecomposition(double.NaN, double.NaN, double.NaN, double.NaN);
        double mu = _sum[cell] / total;
        double variance = Math.Max(0, _sumSquares[cell] / total - mu * mu);
        double overall = 0;
        for (int j = 0; j < _structures[k]; j++) overall += _mean[first + j] / total;
        double model = 0, parameters = 0;
        for (int j = 0; j < _structures[k]; j++)
        {
            long n = _n[first + j];
            if (n == 0) continue;
            double w = (double)n / total, muJ = _mean[first + j] / n;
            model += w * (muJ - overall) * (muJ - overall);
            parameters += w * Math.Max(0, _meanSquares[first + j] / n - muJ * muJ);
        }
        return new VarianceDecomposition(variance, model, parameters, variance - model - parameters);
    }

    /// <summary>Adds <paramref name="part"/> into this one and empties it.</summary>
    public void Move(VarianceParts part)
    {
        for (int c = 0; c < _sum.Length; c++)
        {
            _sum[c] += part._sum[c];
            _sumSquares[c] += part._sumSquares[c];
        }
        for (int j = 0; j < _n.Length; j++)
        {
            _n[j] += part._n[j];
            _mean[j] += part._mean[j];
            _meanSquares[j] += part._meanSquares[j];
        }
        Array.Clear(part._sum);
        Array.Clear(part._sumSquares);
        Array.Clear(part._n);
        Array.Clear(part._mean);
        Array.Clear(part._meanSquares);
    }
}
