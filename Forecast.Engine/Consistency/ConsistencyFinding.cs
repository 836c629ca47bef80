namespace Forecast.Engine.Consistency;

/// <summary>Two targets of the plan that constrain the same quantity and do not fit together (or only just).</summary>
/// <param name="Severity">How serious the tension is.</param>
/// <param name="IndicatorIds">The indicators involved.</param>
/// <param name="Message">The arithmetic, in words a planner understands.</param>
public sealed record ConsistencyFinding(FindingSeverity Severity, IReadOnlyList<string> IndicatorIds, string Message);

/// <summary>How serious a <see cref="ConsistencyFinding"/> is.</summary>
public enum FindingSeverity
{
    /// <summary>The targets can both be met, but only with little room (e.g. fewer exits than are likely).</summary>
    Tight,
    /// <summary>Meeting one target exactly makes the other impossible.</summary>
    Inconsistent,
}
