namespace Forecast.Engine.Model;

/// <summary>Which side of a target counts as reaching it.</summary>
public enum Direction
{
    /// <summary>The indicator must reach at least the target value (higher is better).</summary>
    AtLeast,

    /// <summary>The indicator must stay at or below the target value (lower is better).</summary>
    AtMost,
}
