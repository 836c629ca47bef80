namespace Forecast.Engine.Results;

/// <summary>A word for a target's probability: on track (p ≥ 0.8), at risk (0.5 ≤ p &lt; 0.8), off track (p &lt; 0.5).</summary>
public enum TargetStatus
{
    /// <summary>p ≥ 0.8.</summary>
    OnTrack,
    /// <summary>0.5 ≤ p &lt; 0.8.</summary>
    AtRisk,
    /// <summary>p &lt; 0.5.</summary>
    OffTrack,
}

/// <summary>Maps probabilities to <see cref="TargetStatus"/>.</summary>
public static class TargetStatuses
{
    /// <summary>The status of a target reached with probability <paramref name="probability"/>.</summary>
    public static TargetStatus Of(double probability) =>
        probability >= 0.8 ? TargetStatus.OnTrack : probability >= 0.5 ? TargetStatus.AtRisk : TargetStatus.OffTrack;

    /// <summary>"on track", "at risk" or "off track".</summary>
    public static string Words(this TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => "on track",
        TargetStatus.AtRisk => "at risk",
        _ => "off track",
    };
}
