using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Poisson regression with Microsoft.ML's L-BFGS trainer. Exposures enter as example weights on the
/// rate yᵢ/Eᵢ: Σ Eᵢ[(yᵢ/Eᵢ)ηᵢ − e^{ηᵢ}] = Σ [yᵢηᵢ − Eᵢe^{ηᵢ}], the Poisson log-likelihood with offset ln Eᵢ
/// (up to a constant). Regularisation is switched off so that the estimate is the maximum likelihood one.
/// </summary>
internal static class MlNetPoissonRegression
{
    public static (double Intercept, double Slope) Fit(double[] counts, double[] exposure, double[] centredYears, bool withTrend, int seed)
    {
        var context = new MLContext(seed);
        var rows = new PoissonRow[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            rows[i] = new PoissonRow
            {
                Label = (float)(counts[i] / exposure[i]),
                Weight = (float)exposure[i],
                Features = [withTrend ? (float)centredYears[i] : 0f],
            };
        }
        IDataView data = context.Data.LoadFromEnumerable(rows);
        var trainer = context.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
        {
            LabelColumnName = nameof(PoissonRow.Label),
            FeatureColumnName = nameof(PoissonRow.Features),
            ExampleWeightColumnName = nameof(PoissonRow.Weight),
            L1Regularization = 0,
            L2Regularization = 0,
            OptimizationTolerance = 1e-10f,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = 1,
        });
        PoissonRegressionModelParameters model = trainer.Fit(data).Model;
        return (model.Bias, withTrend ? model.Weights[0] : double.NaN);
    }

    private sealed class PoissonRow
    {
        public float Label { get; set; }

        public float Weight { get; set; }

        [VectorType(1)]
        public float[] Features { get; set; } = [];
    }
}
