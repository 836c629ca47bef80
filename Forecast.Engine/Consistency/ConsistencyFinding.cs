namespace Forecast.Engine.Consistency;

/// <summary>Two targets of the plan that constrain the same quantity and do not fit together (or only just).</summary>
/// <param name="Severity">How serious the tension is.</param>
/// <param name="IndicatorIds">The indicators involved.</param>
/// <param name="Message">The arithmetic, in words a planner understands.</param>
public sealed record ConsistencyFinding(FindingSeverity Severity, IReadOnlyList<string> IndicatorIds, string Message)
{
    /// <summary>The numbers behind <see cref="Message"/>, for writers that word it in another language (null when not known, e.g. read back from a file).</summary>
    public StockFlowGap? Gap { get; init; }
}

/// <summary>The arithmetic of a stock target against the cumulative target of its entries.</summary>
/// <param name="BaseValue">The stock at the base year.</param>
/// <param name="BaseYear">The base year.</param>
/// <param name="Added">The new entries the cumulative target asks for.</param>
/// <param name="Reach">Base plus added: the stock before any exit.</param>
/// <param name="TargetValue">The stock's target.</param>
/// <param name="TargetYear">The year of both targets.</param>
/// <param name="ExitRate">The scenario's mean exit rate, a fraction a year.</param>
/// <param name="ExpectedExits">The exits the exit rate implies on the way to the target.</param>
/// <param name="Years">Years from the base to the target.</param>
public sealed record StockFlowGap(double BaseValue, int BaseYear, double Added, double Reach, double TargetValue, int TargetYear,
    double ExitRate, double ExpectedExits, int Years);

/// <summary>How serious a <see cref="ConsistencyFinding"/> is.</summary>
public enum FindingSeverity
{
    /// <summary>The targets can both be met, but only with little room (e.g. fewer exits than are likely).</summary>
    Tight,
    /// <summary>Meeting one target exactly makes the other impossible.</summary>
    Inconsistent,
}
