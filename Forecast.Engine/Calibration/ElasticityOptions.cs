namespace Forecast.Engine.Calibration;

/// <summary>Options of <see cref="ElasticityEstimator"/>.</summary>
/// <param name="Folds">k of k-fold cross-validation (≥ 2); falls back to leave-one-out when the panel has fewer than 2k regions.</param>
/// <param name="Seed">Seed of the ML.NET context (determinism).</param>
/// <param name="UseMlNet">Fit and cross-validate with Microsoft.ML's SDCA regression; false gives the OLS estimate only (for simulations).</param>
public sealed record ElasticityOptions(int Folds = 5, int Seed = 0, bool UseMlNet = true)
{
    /// <summary>5 folds, seed 0, ML.NET on.</summary>
    public static ElasticityOptions Default { get; } = new();
}
