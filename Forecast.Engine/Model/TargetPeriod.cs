namespace Forecast.Engine.Model;

/// <summary>When a target must hold.</summary>
public enum TargetPeriod
{
    /// <summary>In the target year (e.g. "600 high-tech enterprises by 2025").</summary>
    TargetYear,

    /// <summary>In every simulated year from the year after the base to the target year (e.g. "about 50 major projects a year").</summary>
    EveryYear,
}
