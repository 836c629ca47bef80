using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Out-of-sample accuracy of a regression by k-fold cross-validation (Microsoft.ML
/// <c>Regression.CrossValidate</c>), pooled over the held-out predictions of all folds.
/// </summary>
/// <param name="Scheme">"5-fold", "leave-one-out" or "none".</param>
/// <param name="Folds">Number of folds (0 when none).</param>
/// <param name="Rmse">Root mean squared error of the held-out predictions (response units), or NaN.</param>
/// <param name="RSquared">Predictive R² = 1 − PRESS/Σ(y − ȳ)² (can be negative), or NaN.</param>
/// <param name="FoldRmse">RMSE of each fold as reported by Microsoft.ML.</param>
public sealed record CrossValidationSummary(string Scheme, int Folds, double Rmse, double RSquared, ImmutableArray<double> FoldRmse)
{
    /// <summary>No cross-validation was run.</summary>
    public static CrossValidationSummary None { get; } = new("none", 0, double.NaN, double.NaN, []);
}
