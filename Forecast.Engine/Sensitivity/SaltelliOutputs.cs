using Forecast.Engine.Randomness;

namespace Forecast.Engine.Sensitivity;

/// <summary>
/// The N(k + 2) model outputs of a Saltelli design (Saltelli et al. 2010, section 3): f(A), f(B)
/// and f(A_B^i) for each input i, where A and B are independent N × k matrices of uniforms and A_B^i
/// is A with its column i taken from B. All outputs are centred on the mean f0 of f(A) and f(B),
/// which leaves the indices' expectations unchanged and keeps the variance sums well conditioned.
/// </summary>
internal sealed class SaltelliOutputs
{
    /// <summary>Upper bound on the doubles of one block buffer, so wide models still evaluate in small blocks.</summary>
    private const int BlockDoubles = 1 << 16;

    /// <summary>Upper bound on the rows handed to the model in one call.</summary>
    private const int MaxBlockRows = 1024;

    private static readonly ulong DesignKey = StreamKey.Of("sensitivity.sobol.design");

    private SaltelliOutputs(int inputCount, int baseSamples)
    {
        InputCount = inputCount;
        BaseSamples = baseSamples;
        Rows = new double[baseSamples * (inputCount + 2)];
    }

    /// <summary>k, the number of inputs.</summary>
    public int InputCount { get; }

    /// <summary>N, the number of rows of A and of B.</summary>
    public int BaseSamples { get; }

    /// <summary>Number of outputs per design row, k + 2: the stride of <see cref="Rows"/>.</summary>
    public int Stride => InputCount + 2;

    /// <summary>
    /// The outputs of design row j, minus f0, at [j·(k + 2), (j + 1)·(k + 2)): f(A)_j, f(B)_j, then
    /// f(A_B^i)_j for i = 0 … k − 1. One row is contiguous, so a bootstrap draw touches one or two cache lines.
    /// </summary>
    public double[] Rows { get; }

    /// <summary>
    /// Draws the design and evaluates <paramref name="model"/> on it. Row j of A and B comes from the
    /// stream <c>StreamKey.Derive(seed, j, "sensitivity.sobol.design")</c> (k uniforms for A, then k for B),
    /// so a row depends only on the seed and its index.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model left an output unwritten or non-finite.</exception>
    public static SaltelliOutputs Evaluate(BlockModel model, int inputCount, int baseSamples, ulong seed) =>
        Evaluate(model, inputCount, baseSamples, seed, replicates: 0);

    /// <summary>
    /// Draws the design and evaluates <paramref name="model"/> on it. With <paramref name="replicates"/> = 0 row j of A and
    /// B comes from the stream <c>StreamKey.Derive(seed, j, "sensitivity.sobol.design")</c> (k uniforms for A, then k for B).
    /// With R &gt; 0 replicates the rows are scrambled Sobol points, as SALib and SciPy draw them: row j belongs to
    /// replicate j mod R and is point ⌊j/R⌋ of that replicate's 2k-dimensional sequence (Joe and Kuo's directions,
    /// Matoušek's scramble and a digital shift keyed by (seed, r)), its first k coordinates A's row and the last k B's.
    /// Either way a row depends only on the seed and its index, so a larger N keeps the first rows.
    /// </summary>
    public static SaltelliOutputs Evaluate(BlockModel model, int inputCount, int baseSamples, ulong seed, int replicates)
    {
        int k = inputCount;
        var outputs = new SaltelliOutputs(k, baseSamples);
        var quasi = replicates > 0 ? QuasiRandomRows(k, baseSamples, seed, replicates) : null;
        int blockRows = Math.Min(baseSamples, Math.Clamp(BlockDoubles / k, 1, MaxBlockRows));
        var aRows = new double[blockRows * k];
        var bRows = new double[blockRows * k];
        var mixedRows = new double[blockRows * k];
        var blockOutputBuffer = new double[blockRows];

        for (int first = 0; first < baseSamples; first += blockRows)
        {
            int rows = Math.Min(blockRows, baseSamples - first);
            int cells = rows * k;
            Span<double> a = aRows.AsSpan(0, cells);
            Span<double> b = bRows.AsSpan(0, cells);
            for (int r = 0; r < rows; r++)
            {
                if (quasi is not null)
                {
                    quasi.AsSpan((first + r) * 2 * k, k).CopyTo(a.Slice(r * k, k));
                    quasi.AsSpan((first + r) * 2 * k + k, k).CopyTo(b.Slice(r * k, k));
                    continue;
                }
                Xoshiro256StarStar generator = StreamKey.Derive(seed, first + r, DesignKey);
                generator.FillOpenUniform(a.Slice(r * k, k));
                generator.FillOpenUniform(b.Slice(r * k, k));
            }

            int stride = k + 2;
            Span<double> block = outputs.Rows.AsSpan(first * stride, rows * stride);
            Span<double> blockOutputs = blockOutputBuffer.AsSpan(0, rows);
            Run(model, a, rows, k, blockOutputs, first);
            for (int r = 0; r < rows; r++) block[r * stride] = blockOutputs[r];
            Run(model, b, rows, k, blockOutputs, first);
            for (int r = 0; r < rows; r++) block[r * stride + 1] = blockOutputs[r];

            Span<double> mixed = mixedRows.AsSpan(0, cells);
            a.CopyTo(mixed);
            for (int i = 0; i < k; i++)
            {
                for (int r = 0; r < rows; r++) mixed[r * k + i] = b[r * k + i];
                Run(model, mixed, rows, k, blockOutputs, first);
                for (int r = 0; r < rows; r++) block[r * stride + 2 + i] = blockOutputs[r];
                for (int r = 0; r < rows; r++) mixed[r * k + i] = a[r * k + i];
            }
        }

        outputs.Centre();
        return outputs;
    }

    /// <summary>Rows of A|B (2k coordinates each, row-major) from <paramref name="replicates"/> scrambled Sobol sequences, interleaved.</summary>
    private static double[] QuasiRandomRows(int k, int rows, ulong seed, int replicates)
    {
        var design = new double[rows * 2 * k];
        var column = new double[(rows + replicates - 1) / replicates];
        for (int r = 0; r < replicates && r < rows; r++)
        {
            int points = (rows - r + replicates - 1) / replicates;
            var sequence = SobolSequence.Create(2 * k, StreamKey.Derive(seed, r, QuasiRandomKey).NextUInt64());
            for (int d = 0; d < 2 * k; d++)
            {
                sequence.Fill(d, 0, column.AsSpan(0, points));
                for (int p = 0; p < points; p++) design[(p * replicates + r) * 2 * k + d] = column[p];
            }
        }
        return design;
    }

    private static readonly ulong QuasiRandomKey = StreamKey.Of("sensitivity.sobol.quasi-random");

    private static void Run(BlockModel model, ReadOnlySpan<double> inputs, int rows, int k, Span<double> destination, int firstRow)
    {
        destination.Fill(double.NaN);
        model(inputs, rows, k, destination);
        for (int r = 0; r < destination.Length; r++)
        {
            if (!double.IsFinite(destination[r]))
            {
                throw new InvalidOperationException(
                    $"The model returned {destination[r]} for design row {firstRow + r}; every output must be written and finite.");
            }
        }
    }

    private void Centre()
    {
        double sum = 0.0;
        for (int j = 0; j < Rows.Length; j += Stride) sum += Rows[j] + Rows[j + 1];
        double f0 = sum / (2.0 * BaseSamples);
        Subtract(Rows, f0);
    }

    private static void Subtract(Span<double> values, double offset)
    {
        for (int j = 0; j < values.Length; j++) values[j] -= offset;
    }
}
