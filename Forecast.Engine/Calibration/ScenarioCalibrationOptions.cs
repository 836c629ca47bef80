namespace Forecast.Engine.Calibration;

/// <summary>Options of <see cref="ScenarioCalibrator.Calibrate"/>.</summary>
public sealed record ScenarioCalibrationOptions
{
    /// <summary>The volatility prior used when no <see cref="StatedVolatility"/> is given and the driver states no yearly σ: 0.10 (±10% a year).</summary>
    public const double DefaultPriorVolatility = 0.10;

    /// <summary>
    /// The region whose series are the scenario's own (series without a region count as own too); null: only series without a
    /// region are the scenario's own, every region's series is panel.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// σ of the yearly changes (log-changes for growth, logit changes for shares) where the data cannot identify it, with the
    /// source the notes quote (e.g. who stated it). Null: the driver's own yearly σ in the base scenario (a stated
    /// assumption), else <see cref="DefaultPriorVolatility"/>.
    /// </summary>
    public GrowthPrior? StatedVolatility { get; init; }

    /// <summary>The stated choices of the candidate analysis (prior weights, fallback volatility, between-region sd, decay prior).</summary>
    public CandidateOptions Candidates { get; init; } = new();

    /// <summary>
    /// Write each indicator's candidate structures into the calibrated scenario as a mixture (<see cref="MixtureEmission"/>), so
    /// its bands carry the model uncertainty; false keeps one structure per indicator (the scenario's model kind). Default true.
    /// </summary>
    public bool Mixtures { get; init; } = true;

    /// <summary>h, the largest horizon of the rolling-origin backtest in years (≥ 1). Default 3.</summary>
    public int BacktestHorizon { get; init; } = 3;

    /// <summary>Fewest observations a backtest fit may use (≥ 3, so that a fit has an interval). Default 3.</summary>
    public int MinimumTrainingPoints { get; init; } = 3;
}
