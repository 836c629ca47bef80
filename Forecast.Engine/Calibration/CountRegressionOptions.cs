namespace Forecast.Engine.Calibration;

/// <summary>Options of <see cref="CountRegressionEstimator"/>.</summary>
/// <param name="CrossCheckWithMlNet">
/// Fit the Poisson model with Microsoft.ML's L-BFGS Poisson regression first and start the
/// double-precision Newton (IRLS) refinement from its estimates; false skips ML.NET (faster, for simulations).
/// </param>
/// <param name="MlNetSeed">Seed of the ML.NET context (determinism).</param>
public sealed record CountRegressionOptions(bool CrossCheckWithMlNet = true, int MlNetSeed = 0)
{
    /// <summary>The defaults: ML.NET cross-check on, seed 0.</summary>
    public static CountRegressionOptions Default { get; } = new();
}
