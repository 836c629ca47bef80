using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// Confidence intervals by sectioning (Asmussen and Glynn, Stochastic Simulation, 2007, §III.5a): the
/// paths are split into m sections of equal size, the statistic is computed on each section and on all
/// paths, and the interval is θ̂ ± t_{m−1}·s/√m with s² = Σ (θ̂_j − θ̂)²/(m − 1), θ̂ the all-paths estimate.
/// </summary>
/// <remarks>
/// It needs no formula for the statistic's variance, so it serves nonlinear statistics such as the
/// difference of two medians computed on the same paths: each section's difference is paired, so the
/// spread of the section estimates already includes the correlation that common random numbers create.
/// The section estimates are approximately normal and independent (their paths are), which is what the
/// Student t quantile assumes; centring on the all-paths estimate, not the mean of the sections, removes
/// most of the small-sample bias of a median computed on a section.
/// </remarks>
public static class Sectioning
{
    /// <summary>The sectioning interval around <paramref name="estimate"/> from the <paramref name="sections"/>' estimates (at least 2).</summary>
    /// <param name="estimate">The statistic on all paths.</param>
    /// <param name="sections">The statistic on each section.</param>
    /// <param name="confidence">Two-sided confidence, in (0, 1); default 0.95.</param>
    public static Interval Interval(double estimate, ReadOnlySpan<double> sections, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sections.Length, 2, nameof(sections));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence must lie in (0, 1)");
        int m = sections.Length;
        double sum = 0;
        foreach (double x in sections) sum += (x - estimate) * (x - estimate);
        double s = Math.Sqrt(sum / (m - 1));
        double half = StudentT.InvCDF(0, 1, m - 1, 0.5 + confidence / 2) * s / Math.Sqrt(m);
        return new Interval(estimate - half, estimate + half);
    }
}
