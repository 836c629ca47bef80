using Forecast.Engine.Model;
using Forecast.Engine.Randomness;

namespace Forecast.Engine.Simulation;

/// <summary>One indicator of a <see cref="SimulationPlan"/>: flat numbers and indices, no strings in the hot loop.</summary>
internal sealed class CompiledIndicator
{
    public required int ScenarioIndex { get; init; }
    public required Indicator Source { get; init; }
    public required StepKind Kind { get; init; }
    /// <summary>Index of the step after which the indicator starts moving (its base year − first year).</summary>
    public required int BaseStep { get; init; }
    /// <summary>Index of the step of its target year.</summary>
    public required int TargetStep { get; init; }
    public required double BaseValue { get; init; }
    public required ulong StreamKey { get; init; }
    /// <summary>Main driver: growth, numerator growth, step, entries, or the flow/cumulative driver; −1 if none.</summary>
    public int Driver { get; init; } = -1;
    /// <summary>Denominator growth driver for ratios, exit-rate driver for stock-flows; −1 if none.</summary>
    public int SecondDriver { get; init; } = -1;
    /// <summary>Numerator / denominator indicator (plan order index) for ratios; −1 if a growth driver.</summary>
    public int NumeratorIndicator { get; init; } = -1;
    public int DenominatorIndicator { get; init; } = -1;
    public double Lower { get; init; }
    public double Upper { get; init; }
    public int Capacity { get; init; } = -1;
    public bool IsCount { get; init; }
    public bool RoundFlow { get; init; }
    /// <summary>Position among headline targets, or −1.</summary>
    public int HeadlineIndex { get; init; } = -1;

    public static ulong KeyFor(string indicatorId) => Randomness.StreamKey.Of("indicator:" + indicatorId);
}
