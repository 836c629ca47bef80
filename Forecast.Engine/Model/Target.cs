namespace Forecast.Engine.Model;

/// <summary>A quantified target of the plan for one indicator.</summary>
/// <param name="Year">The year by which (or, for <see cref="TargetPeriod.EveryYear"/>, up to which) the target must hold.</param>
/// <param name="Value">The threshold, in the indicator's unit.</param>
/// <param name="Direction">Whether the indicator must be at least or at most <paramref name="Value"/>.</param>
/// <param name="Period">Whether the target holds in the target year only or in every year.</param>
/// <param name="Source">Where the target comes from (e.g. "plan L169").</param>
public sealed record Target(int Year, double Value, Direction Direction = Direction.AtLeast,
    TargetPeriod Period = TargetPeriod.TargetYear, string? Source = null)
{
    /// <summary>True when <paramref name="value"/> meets the threshold.</summary>
    public bool IsMetBy(double value) => Direction == Direction.AtLeast ? value >= Value : value <= Value;

    /// <summary>How far <paramref name="value"/> falls short of the threshold (0 when met).</summary>
    public double Shortfall(double value) =>
        Direction == Direction.AtLeast ? Math.Max(0, Value - value) : Math.Max(0, value - Value);
}
