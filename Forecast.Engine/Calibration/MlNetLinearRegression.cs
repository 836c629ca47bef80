using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Simple linear regression with Microsoft.ML's SDCA trainer (the linear regression trainer shipped in
/// Microsoft.ML itself; its OLS trainer needs the separate Mkl package). The driver is standardised
/// (z = (x − x̄)/sₓ, full-sample mean and deviation: no label information) and a constant feature carries
/// the intercept; the ridge penalty 10⁻² on the standardised design shrinks the slope by about 1% (smaller
/// penalties need thousands of SDCA epochs on a panel of a few regions).
/// Cross-validation uses <c>Regression.CrossValidate</c> with a fold column in [0, 1), so that the folds
/// are exactly the ones assigned (row i in fold i mod k) rather than hashed.
/// </summary>
internal static class MlNetLinearRegression
{
    private const float Ridge = 1e-2f;

    public static (double Slope, CrossValidationSummary CrossValidation) Fit(double[] x, double[] y, int folds, int seed)
    {
        int n = x.Length;
        double mean = x.Average();
        double deviation = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / n);
        var context = new MLContext(seed);
        var rows = new RegressionRow[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new RegressionRow
            {
                Label = (float)y[i],
                Features = [(float)((x[i] - mean) / deviation), 1f],
                Fold = folds > 1 ? (float)((i % folds + 0.5) / folds) : 0f,
            };
        }
        IDataView data = context.Data.LoadFromEnumerable(rows);
        var trainer = context.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(RegressionRow.Label),
            FeatureColumnName = nameof(RegressionRow.Features),
            L2Regularization = Ridge,
            L1Regularization = 0f,
            ConvergenceTolerance = 1e-5f,
            MaximumNumberOfIterations = 1000,
            BiasLearningRate = 0f,
            Shuffle = false,
            NumberOfThreads = 1,
        });
        LinearRegressionModelParameters model = trainer.Fit(data).Model;
        double slope = model.Weights[0] / deviation;
        if (folds < 2)
        {
            return (slope, CrossValidationSummary.None);
        }

        var results = context.Regression.CrossValidate(data, trainer, folds, nameof(RegressionRow.Label), nameof(RegressionRow.Fold), seed);
        double press = 0;
        int held = 0;
        var foldRmse = ImmutableArray.CreateBuilder<double>(results.Count);
        foreach (var fold in results)
        {
            foldRmse.Add(fold.Metrics.RootMeanSquaredError);
            float[] labels = fold.ScoredHoldOutSet.GetColumn<float>(nameof(RegressionRow.Label)).ToArray();
            float[] scores = fold.ScoredHoldOutSet.GetColumn<float>("Score").ToArray();
            for (int i = 0; i < labels.Length; i++)
            {
                double e = labels[i] - scores[i];
                press += e * e;
            }
            held += labels.Length;
        }
        double meanY = y.Average();
        double total = y.Sum(v => (v - meanY) * (v - meanY));
        string scheme = folds == n ? "leave-one-out" : FormattableString.Invariant($"{folds}-fold");
        return (slope, new CrossValidationSummary(scheme, folds, Math.Sqrt(press / held), 1 - press / total, foldRmse.MoveToImmutable()));
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Fold { get; set; }
    }
}
