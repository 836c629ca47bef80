using Forecast.Engine.WhatIf;

namespace Forecast.Runner.Plots;

/// <summary>
/// One target's probability over the grid of a two-lever sweep, with both levers' values ascending.
/// </summary>
/// <param name="Xs">The first lever's values, ascending.</param>
/// <param name="Ys">The second lever's values, ascending.</param>
/// <param name="Probability">Probability[i, j] at (Xs[i], Ys[j]).</param>
internal sealed record SweepSurface(IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, double[,] Probability)
{
    /// <summary>
    /// The surface of target <paramref name="id"/> (an indicator id or <see cref="ScenarioComparison.AllHeadlineTargetsId"/>)
    /// in a sweep of two levers; its points run over the first lever's values with the second varying fastest.
    /// </summary>
    public static SweepSurface Of(SweepResult result, string id)
    {
        if (result.Axes.Count != 2) throw new ArgumentException("a surface needs a sweep of two levers", nameof(result));
        var xs = result.Axes[0].Values;
        var ys = result.Axes[1].Values;
        var xOrder = Ascending(xs);
        var yOrder = Ascending(ys);
        var p = new double[xs.Count, ys.Count];
        for (int i = 0; i < xs.Count; i++)
            for (int j = 0; j < ys.Count; j++)
                p[i, j] = Estimate(result.Points[xOrder[i] * ys.Count + yOrder[j]], result, id).Value;
        return new SweepSurface([.. xOrder.Select(i => xs[i])], [.. yOrder.Select(j => ys[j])], p);
    }

    /// <summary>The estimate of target <paramref name="id"/> at a point.</summary>
    public static ProbabilityEstimate Estimate(SweepPoint point, SweepResult result, string id) => id switch
    {
        ScenarioComparison.AllHeadlineTargetsId => point.AllHeadlineTargets,
        ScenarioComparison.AllTargetsId => point.AllTargets,
        _ => point.Targets[IndexOf(result, id)],
    };

    private static int IndexOf(SweepResult result, string id)
    {
        for (int m = 0; m < result.IndicatorIds.Count; m++)
            if (result.IndicatorIds[m] == id) return m;
        throw new ArgumentException($"'{id}' is not a target of the sweep", nameof(id));
    }

    private static int[] Ascending(IReadOnlyList<double> values) =>
        [.. Enumerable.Range(0, values.Count).OrderBy(k => values[k])];
}
