using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>One indicator of a <see cref="SimulationPlan"/>: flat numbers and its model kind's compiled step, no strings in the hot loop.</summary>
internal sealed class CompiledIndicator
{
    public required int ScenarioIndex { get; init; }
    public required Indicator Source { get; init; }
    /// <summary>The model kind's yearly step (Forecast.Engine/Model/Kinds).</summary>
    public required IndicatorStep Step { get; init; }
    /// <summary>Index of the step after which the indicator starts moving (its base year − first year).</summary>
    public required int BaseStep { get; init; }
    /// <summary>Index of the step of its target year.</summary>
    public required int TargetStep { get; init; }
    public required double BaseValue { get; init; }
    public required ulong StreamKey { get; init; }
    public bool IsCount { get; init; }
    /// <summary>Position among headline targets, or −1.</summary>
    public int HeadlineIndex { get; init; } = -1;

    public static ulong KeyFor(string indicatorId) => Randomness.StreamKey.Of("indicator:" + indicatorId);
}
