using System.Collections.Immutable;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The growth evidence shared by the compound, ratio, share and stock-flow calibrators: from three or more own points the
/// random walk (the simulation's form, a linear trend compared by AIC) with a backtest; from two points the average with the
/// volatility from the prior; from fewer, the panel's donors, precision-weighted.
/// </summary>
internal static class GrowthEvidenceEstimator
{
    private static readonly double Z975 = IntervalQuantiles.Normal975;

    public static GrowthEvidence FromSeries(CalibrationContext c, HistoricalSeries own, GrowthPrior prior, SeriesScale scale)
    {
        string method = scale.IsShare ? T.MethodLogitWalk : T.MethodCompound;
        var identifiability = Identifiability.Assess(own, c.Panel, prior);
        var bad = own.Observations.FirstOrDefault(o => !scale.Accepts(o));
        if (bad is not null)
        {
            return new GrowthEvidence { Method = method, Identifiability = identifiability, Warnings = [CalibrationProse.OutsideTheScale(own.Label, bad, scale)] };
        }
        HistoricalSeries odds = scale.Transform(own);
        int n = own.Count;
        if (n >= 3)
        {
            return ManyPoints(c, own, odds, prior, scale, method, identifiability);
        }
        if (n == 2)
        {
            CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.RandomWalkWithDrift);
            Observation a = own.Observations[0], z = own.Observations[1];
            return new GrowthEvidence
            {
                Identified = true,
                Drift = fit.Drift.Estimate,
                DriftSd = ZSd(fit.Drift),
                Volatility = prior.Volatility,
                VolatilitySource = F(T.VolatilityPriorSource, prior.Source),
                Source = F(T.SeriesTwoPoints, own.Label, a.Year, z.Year),
                Method = F(scale.IsShare ? T.MethodTwoPointLogit : T.MethodTwoPointCagr, method),
                Parameters = Named(fit, scale),
                Statistics = fit.Statistics,
                Curve = Curve(fit, scale, a.Year, z.Year),
                BacktestNote = T.NotEnoughHistoryTwoPoints,
                Identifiability = identifiability,
                Warnings = [CalibrationProse.TwoPointsAverageOnly(own.Label, a, z, fit, scale, prior)],
            };
        }
        return FromPanel(c, own, prior, scale, identifiability, method);
    }

    private static GrowthEvidence ManyPoints(CalibrationContext c, HistoricalSeries own, HistoricalSeries odds, GrowthPrior prior, SeriesScale scale, string method, IdentifiabilityReport identifiability)
    {
        ModelForm walkForm = scale.IsShare ? ModelForm.LogitRandomWalk : ModelForm.RandomWalkWithDrift;
        ModelForm trendForm = scale.IsShare ? ModelForm.LogitLinearTrend : ModelForm.LogLinearTrend;
        CompoundGrowthFit walk = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.RandomWalkWithDrift);
        CompoundGrowthFit trend = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.LogLinearTrend);
        ModelRanking ranking = ModelChoice.Rank([new ModelCandidate(walkForm, walk.Statistics), new ModelCandidate(trendForm, trend.Statistics)]);
        // The driver is always the random walk's: that is the simulation's own form (yearly shocks accumulate).
        // The trend is fitted for comparison; its likelihood covers one more observation than the walk's, so
        // AIC between them is only indicative (ModelChoice says so) and does not pick the driver.
        CompoundGrowthFit chosen = walk;
        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(chosen.Warnings);
        warnings.AddRange(ranking.Warnings);
        if (ranking.BestFormByAic == trendForm && ranking.Models.Any(m => m.Form == walkForm && m.DeltaAic > 2))
        {
            warnings.Add(CalibrationProse.TrendFitsBetter(own.Label, trendForm, walkForm));
        }

        int first = own.Observations[0].Year, last = own.Observations[^1].Year;
        BacktestResult? backtest = null;
        string backtestNote = F(T.NotEnoughHistoryPoints, own.Count, c.Options.MinimumTrainingPoints + 1);
        if (own.Count >= c.Options.MinimumTrainingPoints + 1)
        {
            if (scale.IsShare)
            {
                ShareBounds bounds = scale.Bounds!;
                backtest = RollingOriginBacktest.Run(own, T.BacktestLogistic, s => BoundedShareEstimator.Fit(s, bounds), c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            }
            else
            {
                GrowthModel m = chosen.Model;
                backtest = RollingOriginBacktest.Run(own, walkForm.Text(), s => CompoundGrowthEstimator.Fit(s, prior, m), c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            }
            if (backtest.Forecasts.IsEmpty)
            {
                backtestNote = string.Join(" ", backtest.Warnings);
                backtest = null;
            }
        }
        var parameters = Named(chosen, scale).ToBuilder();
        parameters.Add(walk.Volatility with { Name = scale.IsShare ? "logit volatility" : "volatility" });
        return new GrowthEvidence
        {
            Identified = true,
            Drift = chosen.Drift.Estimate,
            DriftSd = ZSd(chosen.Drift),
            Volatility = walk.Volatility.Estimate,
            VolatilityIdentified = double.IsFinite(walk.Volatility.Estimate),
            VolatilitySource = walk.VolatilitySource,
            Source = F(T.SeriesSpan, own.Label, first, last, own.Count),
            Method = F(T.MethodComparedByAic, method, walkForm.Text(), trendForm.Text()),
            Parameters = parameters.ToImmutable(),
            Statistics = chosen.Statistics,
            Ranking = ranking,
            Backtest = backtest,
            BacktestNote = backtestNote,
            Curve = Curve(chosen, scale, first, last),
            Identifiability = identifiability,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static GrowthEvidence FromPanel(CalibrationContext c, HistoricalSeries own, GrowthPrior prior, SeriesScale scale, IdentifiabilityReport identifiability, string method)
    {
        var donors = c.History.Donors(own.Indicator, 2, scale.Accepts);
        if (donors.IsEmpty)
        {
            return new GrowthEvidence
            {
                Method = "none",
                Identifiability = identifiability,
                BacktestNote = T.NotEnoughHistory,
                Warnings = [CalibrationProse.NoDonors(own, scale)],
            };
        }
        var fits = donors.Select(d => (Series: d, Fit: CompoundGrowthEstimator.Fit(scale.Transform(d), prior, GrowthModel.RandomWalkWithDrift))).ToList();
        double weightSum = 0, weighted = 0;
        foreach (var (_, fit) in fits)
        {
            double sd = ZSd(fit.Drift);
            double w = sd > 0 ? 1 / (sd * sd) : 1;
            weightSum += w;
            weighted += w * fit.Drift.Estimate;
        }
        double pooled = weighted / weightSum;
        double pooledSd = Math.Sqrt(1 / weightSum);
        if (fits.Count >= 2)
        {
            double[] drifts = fits.Select(f => f.Fit.Drift.Estimate).ToArray();
            double between = drifts.Sum(x => (x - drifts.Average()) * (x - drifts.Average())) / (drifts.Length - 1);
            pooledSd = Math.Sqrt(pooledSd * pooledSd + between);
        }
        bool volatilityIdentified = fits.Any(f => f.Fit.Status == FitStatus.Estimated);
        var warnings = ImmutableArray.CreateBuilder<string>();
        string namesText = string.Join(T.ListSeparator, fits.Select(f => F(T.SeriesSpan, f.Series.Region, f.Series.Observations[0].Year, f.Series.Observations[^1].Year, f.Series.Count)));
        warnings.Add(CalibrationProse.BorrowedFromThePanel(own, scale, namesText, fits.Count));
        if (!volatilityIdentified)
        {
            warnings.Add(CalibrationProse.DonorsTwoPointsEach(own.Label, prior));
        }
        var pooledEstimate = new ParameterEstimate(scale.Step + " (panel)", pooled, pooledSd, pooled - Z975 * pooledSd, pooled + Z975 * pooledSd,
            scale.IsShare ? T.MeaningLogitStepPooled : T.MeaningDriftPooled);
        var parameters = ImmutableArray.CreateBuilder<ParameterEstimate>();
        parameters.Add(pooledEstimate);
        if (!scale.IsShare)
        {
            parameters.Add(new ParameterEstimate("arithmetic rate (panel)", Math.Exp(pooled) - 1, Math.Exp(pooled) * pooledSd,
                Math.Exp(pooled - Z975 * pooledSd) - 1, Math.Exp(pooled + Z975 * pooledSd) - 1, T.MeaningRatePooled));
        }
        return new GrowthEvidence
        {
            Identified = true,
            Drift = pooled,
            DriftSd = pooledSd,
            Volatility = prior.Volatility,
            VolatilitySource = F(T.VolatilityPriorSource, prior.Source),
            Source = F(T.PanelSource, namesText),
            Method = F(fits.Count > 1 ? T.MethodBorrowedWeighted : T.MethodBorrowed, method),
            Parameters = parameters.ToImmutable(),
            Panel = donors,
            BacktestNote = T.NotEnoughHistoryOwnSeries,
            Identifiability = identifiability,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static ImmutableArray<ParameterEstimate> Named(CompoundGrowthFit fit, SeriesScale scale) => scale.IsShare
        ? [fit.Drift with { Name = "logit step", Meaning = T.MeaningLogitStepShare }]
        : [fit.Drift, fit.ArithmeticRate with { Name = "CAGR" }];

    private static ImmutableArray<CurvePoint> Curve(CompoundGrowthFit fit, SeriesScale scale, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(y => new CurvePoint(y, scale.Back(fit.Predict(y).Median))).ToImmutableArray();
}
