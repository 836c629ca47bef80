namespace Forecast.Engine.Calibration;

/// <summary>What an estimator could learn from the data it was given.</summary>
public enum FitStatus
{
    /// <summary>Every parameter of the model was estimated, with standard errors and intervals.</summary>
    Estimated,

    /// <summary>
    /// Only an average was identified (e.g. two observations give the average growth, CAGR, but not its
    /// uncertainty or the year-to-year volatility); the rest comes from a stated prior or is missing.
    /// </summary>
    AverageOnly,

    /// <summary>The data cannot identify the model (e.g. a single observation); estimates are NaN.</summary>
    NotIdentifiable,
}
