namespace Forecast.Engine.Calibration;

/// <summary>What the calibration did with an indicator's drivers.</summary>
public enum CalibrationOutcome
{
    /// <summary>At least one driver level was replaced by the sampling distribution of an estimate.</summary>
    Calibrated,

    /// <summary>The history covers the indicator, but it cannot identify (or the model cannot use) a driver: drivers unchanged.</summary>
    Unchanged,

    /// <summary>Neither the history nor the scenario gives any observation of the indicator: drivers unchanged.</summary>
    NoHistory,
}
