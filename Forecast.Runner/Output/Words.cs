using Forecast.Engine.Projection;

namespace Forecast.Runner.Output;

/// <summary>Words for engine enums in outputs.</summary>
internal static class Words
{
    public static string Progress(ProgressCategory category) => category switch
    {
        ProgressCategory.OnTrack => "on track",
        ProgressCategory.AccelerationNeeded => "acceleration needed",
        ProgressCategory.LimitedProgress => "limited progress",
        ProgressCategory.MovingAway => "moving away",
        ProgressCategory.TargetMet => "target met",
        _ => "no history",
    };
}
