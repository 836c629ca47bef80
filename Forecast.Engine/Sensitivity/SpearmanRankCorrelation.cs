using System.Collections.Immutable;
using MathNet.Numerics.Statistics;

namespace Forecast.Engine.Sensitivity;

/// <summary>
/// Spearman's rank correlation ρ between sampled inputs and an output: the Pearson correlation of
/// their ranks, ties given the average of the ranks they span (Spearman 1904; Kendall and Gibbons 1990).
/// A thin wrapper over <see cref="Correlation.Spearman"/> of MathNet.Numerics, which ranks with
/// <see cref="RankDefinition.Average"/>; the wrapper adds the guards and the per-input form.
/// </summary>
/// <remarks>
/// Range: −1 ≤ ρ ≤ 1; ρ = ±1 exactly when one sample is a strictly monotone function of the other.
/// ρ is invariant under strictly increasing transforms, so it may be computed on the uniforms of a
/// design as well as on the input values they map to. It is NaN when either sample is constant (0/0).
/// Cost: O(n log n) and O(n) allocation per pair (ranking copies the data).
/// </remarks>
public static class SpearmanRankCorrelation
{
    /// <summary>Spearman's ρ between two paired samples.</summary>
    /// <param name="x">First sample; finite values.</param>
    /// <param name="y">Second sample, paired with <paramref name="x"/> element by element; finite values.</param>
    /// <returns>ρ in [−1, 1], or NaN when either sample is constant.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two pairs.</exception>
    public static double Between(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"The samples must be paired: {x.Length} values against {y.Length}.", nameof(y));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, 2, nameof(x));
        RequireFinite(x, nameof(x));
        RequireFinite(y, nameof(y));
        return Correlation.Spearman(x.ToArray(), y.ToArray());
    }

    /// <summary>
    /// Spearman's ρ between each input column of a row-major sample and the output of each row.
    /// </summary>
    /// <param name="inputsRowMajor">
    /// <paramref name="rows"/> × <paramref name="inputCount"/> sampled inputs, input i of row r at index
    /// <c>r * inputCount + i</c> (the layout of <see cref="BlockModel"/>); finite values.
    /// </param>
    /// <param name="rows">Number of rows; at least 2.</param>
    /// <param name="inputCount">Number of inputs k; at least 1.</param>
    /// <param name="outputs">The output of each row, length <paramref name="rows"/>; finite values.</param>
    /// <returns>One ρ per input, in input order.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="inputCount"/> is out of range.</exception>
    public static ImmutableArray<double> PerInput(ReadOnlySpan<double> inputsRowMajor, int rows, int inputCount, ReadOnlySpan<double> outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        if (inputsRowMajor.Length != (long)rows * inputCount)
        {
            throw new ArgumentException($"Expected {rows} × {inputCount} inputs, got {inputsRowMajor.Length}.", nameof(inputsRowMajor));
        }
        if (outputs.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} outputs, got {outputs.Length}.", nameof(outputs));
        }
        RequireFinite(inputsRowMajor, nameof(inputsRowMajor));
        RequireFinite(outputs, nameof(outputs));

        double[] output = outputs.ToArray();
        var column = new double[rows];
        var rho = ImmutableArray.CreateBuilder<double>(inputCount);
        for (int i = 0; i < inputCount; i++)
        {
            for (int r = 0; r < rows; r++) column[r] = inputsRowMajor[r * inputCount + i];
            rho.Add(Correlation.Spearman(column, output));
        }
        return rho.MoveToImmutable();
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string parameterName)
    {
        for (int j = 0; j < values.Length; j++)
        {
            if (!double.IsFinite(values[j]))
            {
                throw new ArgumentException($"Value {j} is {values[j]}; ranks need finite values.", parameterName);
            }
        }
    }
}
