namespace Forecast.Engine.Calibration;

/// <summary>The scale on which a predictive distribution is a (scaled, shifted) Student t.</summary>
public enum PredictiveScale
{
    /// <summary>The value itself: x = location + scale·T.</summary>
    Level,

    /// <summary>The logarithm: x = exp(location + scale·T) (log-t, median exp(location)).</summary>
    Log,
}
