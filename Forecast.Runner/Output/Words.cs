using System.Globalization;
using Forecast.Engine.Projection;
using Forecast.Engine.Results;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>Words for engine enums and formatted sentences, in the invocation's language (<see cref="Language"/>).</summary>
internal static class Words
{
    /// <summary>A resource format filled with invariant-culture numbers.</summary>
    public static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    public static string Progress(ProgressCategory category) => category switch
    {
        ProgressCategory.OnTrack => Strings.ProgressOnTrack,
        ProgressCategory.AccelerationNeeded => Strings.ProgressAccelerationNeeded,
        ProgressCategory.LimitedProgress => Strings.ProgressLimitedProgress,
        ProgressCategory.MovingAway => Strings.ProgressMovingAway,
        ProgressCategory.TargetMet => Strings.ProgressTargetMet,
        _ => Strings.ProgressNoHistory,
    };

    public static string Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => Strings.StatusOnTrack,
        TargetStatus.AtRisk => Strings.StatusAtRisk,
        _ => Strings.StatusOffTrack,
    };

    /// <summary>The target in words: "≥600 in 2025", "≥45 every year to 2025" (or the Chinese).</summary>
    /// <param name="target">The target.</param>
    /// <param name="wide">False for the compact "≥45/yr to 2025".</param>
    public static string Target(Forecast.Engine.Model.Target target, bool wide = true)
    {
        string sign = target.Direction == Forecast.Engine.Model.Direction.AtMost ? "≤" : "≥";
        return F(target.Period == Forecast.Engine.Model.TargetPeriod.EveryYear ? wide ? Strings.TargetEveryYear : Strings.TargetEveryYearShort : Strings.TargetIn,
            sign, Numbers.Human(target.Value), target.Year);
    }
}
