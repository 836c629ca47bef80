using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// The panel regression behind a growth prior: does an indicator grow faster where R&amp;D intensity was higher? Across
/// the panel's regions, each interval between two observations of the indicator is a row: its yearly change on the
/// working scale (log growth, or logit steps for shares) against the region's R&amp;D intensity at the interval's start.
/// Fitted by Microsoft.ML's linear regression (SDCA, ridge 10⁻², the intensity standardised) and cross-validated by
/// region (each region's rows held out in turn), against the same hold-out with no covariate (the training regions'
/// mean growth). It informs the own region's drift prior only when its cross-validated error is below that baseline's and
/// its cross-validated R² is above 0 (it beats the grand mean too):
/// the prior is then the fitted growth at the own region's intensity, its sd the cross-validated RMSE. Otherwise it is
/// reported and not used.
/// </summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Rows">Region-intervals in the regression.</param>
/// <param name="Regions">The regions (each a fold of the cross-validation).</param>
/// <param name="Slope">The change of yearly growth per point of R&amp;D intensity (all rows).</param>
/// <param name="CrossValidatedRmse">RMSE of the held-out regions' rows.</param>
/// <param name="BaselineRmse">RMSE of the held-out rows predicted by the training regions' mean growth.</param>
/// <param name="CrossValidatedR2">1 − PRESS / Σ(y − ȳ)².</param>
/// <param name="OwnPrior">The drift prior for the own region when the regression is used, else null.</param>
/// <param name="Why">Why it is used or not, in a sentence.</param>
public sealed record InvestmentRegression(string Indicator, int Rows, ImmutableArray<string> Regions, double Slope, double CrossValidatedRmse,
    double BaselineRmse, double CrossValidatedR2, DriftPrior? OwnPrior, string Why)
{
    /// <summary>The covariate: R&amp;D intensity (% of GDP).</summary>
    public const string Covariate = "rd_intensity";

    private const float Ridge = 1e-2f;

    /// <summary>Whether the regression informs the own region's drift prior.</summary>
    public bool Used => OwnPrior is not null;

    /// <summary>
    /// The regression for <paramref name="indicator"/> on the panel, or null when fewer than four rows in two regions have
    /// both the indicator's change and the intensity at its start.
    /// </summary>
    internal static InvestmentRegression? Fit(HistoricalPanel panel, string indicator, string? ownRegion, int originYear, WorkingScale scale, int seed)
    {
        if (indicator == Covariate) return null;
        var rows = new List<(string Region, double Growth, double Intensity)>();
        foreach (var series in panel.ForIndicator(indicator))
        {
            if (series.Region is null || series.Region == ownRegion) continue;
            var intensity = panel.Find(Covariate, series.Region);
            if (intensity is null) continue;
            var points = series.Observations.Where(o => o.Period is null && scale.Accepts(o.Value)).OrderBy(o => o.Year).ToList();
            for (int i = 1; i < points.Count; i++)
            {
                var at = intensity.Observations.Where(o => o.Period is null && o.Year <= points[i - 1].Year && o.Year >= points[i - 1].Year - 2)
                    .OrderByDescending(o => o.Year).FirstOrDefault();
                if (at is null) continue;
                double growth = (scale.To(points[i].Value) - scale.To(points[i - 1].Value)) / (points[i].Year - points[i - 1].Year);
                rows.Add((series.Region, growth, at.Value));
            }
        }
        var regions = rows.Select(r => r.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        if (rows.Count < 4 || regions.Length < 2) return null;

        double mean = rows.Average(r => r.Intensity);
        double deviation = Math.Sqrt(rows.Sum(r => (r.Intensity - mean) * (r.Intensity - mean)) / rows.Count);
        if (!(deviation > 0)) return null;
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Label = (float)r.Growth,
            Features = [(float)((r.Intensity - mean) / deviation), 1f],
            // Fold column in [0, 1): region k of K takes (k + ½)/K, so each region is one fold.
            Fold = (float)((regions.IndexOf(r.Region) + 0.5) / regions.Length),
        }).ToList());
        var trainer = context.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L2Regularization = Ridge,
            L1Regularization = 0f,
            ConvergenceTolerance = 1e-5f,
            MaximumNumberOfIterations = 1000,
            BiasLearningRate = 0f,
            Shuffle = false,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model;
        double slope = model.Weights[0] / deviation, intercept = model.Weights[1] - model.Weights[0] * mean / deviation;

        var folds = context.Regression.CrossValidate(data, trainer, regions.Length, nameof(Row.Label), nameof(Row.Fold), seed);
        double press = 0, baseline = 0;
        int held = 0;
        foreach (var fold in folds)
        {
            float[] labels = fold.ScoredHoldOutSet.GetColumn<float>(nameof(Row.Label)).ToArray();
            float[] scores = fold.ScoredHoldOutSet.GetColumn<float>("Score").ToArray();
            float[] fold01 = fold.ScoredHoldOutSet.GetColumn<float>(nameof(Row.Fold)).ToArray();
            for (int i = 0; i < labels.Length; i++)
            {
                press += (labels[i] - scores[i]) * (labels[i] - scores[i]);
                // The baseline for this held-out row: the mean growth of the other regions' rows.
                double others = rows.Where(r => Math.Abs((regions.IndexOf(r.Region) + 0.5) / regions.Length - fold01[i]) > 1e-6).Average(r => r.Growth);
                baseline += (labels[i] - others) * (labels[i] - others);
            }
            held += labels.Length;
        }
        double yMean = rows.Average(r => r.Growth);
        double total = rows.Sum(r => (r.Growth - yMean) * (r.Growth - yMean));
        double rmse = Math.Sqrt(press / held), baselineRmse = Math.Sqrt(baseline / held), r2 = total > 0 ? 1 - press / total : double.NaN;

        string region = ownRegion ?? T.IrOwnRegion;
        var ownIntensity = ownRegion is null ? null : panel.Find(Covariate, ownRegion)?.Observations.Where(o => o.Period is null && o.Year <= originYear).OrderByDescending(o => o.Year).FirstOrDefault();
        string fit = F(T.IrFit, rows.Count, regions.Length, string.Join(T.ListSeparator, regions), slope, rmse, baselineRmse, r2);
        // Used only with skill on held-out regions: below the no-covariate baseline and above the grand mean (R² > 0).
        if (!(rmse < baselineRmse && r2 > 0))
            return new InvestmentRegression(indicator, rows.Count, regions, slope, rmse, baselineRmse, r2, null, F(T.IrNoSkill, fit));
        if (ownIntensity is null)
            return new InvestmentRegression(indicator, rows.Count, regions, slope, rmse, baselineRmse, r2, null, F(T.IrNoIntensity, fit, region, originYear));
        double predicted = intercept + slope * ownIntensity.Value;
        var prior = new DriftPrior(predicted, rmse, F(T.IrPrior, region, ownIntensity.Value, ownIntensity.Year, fit));
        return new InvestmentRegression(indicator, rows.Count, regions, slope, rmse, baselineRmse, r2, prior, F(T.IrUsed, fit));
    }

    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Fold { get; set; }
    }
}
