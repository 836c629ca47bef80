namespace Forecast.Engine.Results;

/// <summary>
/// How a nowcast conditioned its paths on the observed values: the importance weights of the first pass (each path's
/// parameters weighted by the likelihood of the observations), their effective sample size, and what was resampled.
/// </summary>
/// <param name="Observations">Observed values used.</param>
/// <param name="Particles">Paths of the first pass (candidate parameter draws).</param>
/// <param name="EffectiveSampleSize">(Σw)²/Σw² of the importance weights: how many independent draws the weighted set is worth.</param>
/// <param name="Bandwidths">Per observation (in order): the standard deviation of the Gaussian likelihood used (its stated error, else a kernel bandwidth).</param>
/// <param name="Warning">Set when the weights collapse (few particles carry the weight): the observations lie far from what the model expects.</param>
public sealed record NowcastConditioning(int Observations, long Particles, double EffectiveSampleSize, IReadOnlyList<double> Bandwidths, string? Warning);
