namespace Forecast.Engine.Calibration;

/// <summary>A fitted model offered to <see cref="ModelChoice.Rank"/>.</summary>
/// <param name="Name">The model's name, e.g. "compound growth".</param>
/// <param name="Statistics">Its fit statistics (log-likelihood on the original scale).</param>
public sealed record ModelCandidate(string Name, FitStatistics Statistics);
