namespace Forecast.Engine.Projection;

/// <summary>
/// Progress towards a target by the Eurostat / Open SDG method: the ratio R = s·CAGR_actual / |CAGR_required|
/// (s = +1 when higher is better, −1 otherwise) falls in one of four bands.
/// </summary>
public enum ProgressCategory
{
    /// <summary>No historical rate to compare with.</summary>
    NoHistory,
    /// <summary>The base already meets the target.</summary>
    TargetMet,
    /// <summary>R ≥ 0.95.</summary>
    OnTrack,
    /// <summary>0.6 ≤ R &lt; 0.95.</summary>
    AccelerationNeeded,
    /// <summary>0 ≤ R &lt; 0.6.</summary>
    LimitedProgress,
    /// <summary>R &lt; 0.</summary>
    MovingAway,
}
