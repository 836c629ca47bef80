using System.Collections.Immutable;

namespace Forecast.Engine.Sensitivity;

/// <summary>
/// The outcome of a <see cref="SobolAnalysis"/>: first-order and total indices of every input with
/// their bootstrap percentile intervals, and the output variance they are shares of.
/// </summary>
/// <remarks>Two results are equal when all their fields and all their per-input estimates are equal.</remarks>
/// <param name="Inputs">One entry per input, in input order (entry <c>i</c> has <c>Input == i</c>).</param>
/// <param name="OutputVariance">
/// V(Y) estimated from the 2N outputs of the base matrices A and B (1/(2N) normalisation).
/// Range: V(Y) ≥ 0. When it is 0 every index is undefined and reported as <see cref="double.NaN"/>.
/// </param>
/// <param name="BaseSamples">N, the number of rows of each base matrix A and B.</param>
/// <param name="BootstrapReplicates">Number of bootstrap replicates behind the intervals (0: no intervals).</param>
/// <param name="ConfidenceLevel">Nominal coverage of the percentile intervals, in (0, 1).</param>
/// <param name="DesignReplicates">
/// Independently scrambled Sobol replicates of a quasi-random design (<see cref="SobolAnalysis.EstimateQuasiRandom"/>), whose
/// spread gives the intervals (Student's t on DesignReplicates − 1 degrees of freedom); 0 for the plain Monte Carlo design,
/// whose intervals are bootstrap percentiles.
/// </param>
public sealed record SobolResult(
    ImmutableArray<InputSensitivity> Inputs,
    double OutputVariance,
    int BaseSamples,
    int BootstrapReplicates,
    double ConfidenceLevel,
    int DesignReplicates = 0)
{
    /// <summary>Whether the design's base samples are scrambled Sobol points (rather than plain random numbers).</summary>
    public bool IsQuasiRandom => DesignReplicates > 0;

    /// <summary>Number of model evaluations the analysis cost: N(k + 2) for k inputs.</summary>
    public long ModelEvaluations => (long)BaseSamples * (Inputs.Length + 2);

    /// <summary>Value equality, comparing <see cref="Inputs"/> element by element.</summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns><see langword="true"/> when every field and every per-input estimate is equal.</returns>
    public bool Equals(SobolResult? other) =>
        other is not null
        && OutputVariance.Equals(other.OutputVariance)
        && BaseSamples == other.BaseSamples
        && BootstrapReplicates == other.BootstrapReplicates
        && ConfidenceLevel.Equals(other.ConfidenceLevel)
        && DesignReplicates == other.DesignReplicates
        && Inputs.AsSpan().SequenceEqual(other.Inputs.AsSpan());

    /// <summary>A hash consistent with <see cref="Equals(SobolResult?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(OutputVariance);
        hash.Add(BaseSamples);
        hash.Add(BootstrapReplicates);
        hash.Add(ConfidenceLevel);
        hash.Add(DesignReplicates);
        foreach (InputSensitivity input in Inputs) hash.Add(input);
        return hash.ToHashCode();
    }
}
