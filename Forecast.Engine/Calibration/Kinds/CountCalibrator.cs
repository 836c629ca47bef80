using System.Collections.Immutable;
using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.IndicatorResults;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// <b>cumulative / flow</b> (and counted entries of a stock): counts per year by Poisson and negative binomial regression with
/// the period lengths as exposure (111 platforms in 2016-2020 is 111 over 5 years). Level ~ LogNormal(β̂₀, se).
/// </summary>
internal static class CountCalibrator
{
    private static readonly double Z975 = IntervalQuantiles.Normal975;

    public static IndicatorCalibration Calibrate(CalibrationContext c, Indicator indicator, string driverId, string role)
    {
        Driver driver = c.Scenario.Driver(driverId);
        CountHistory counted = c.History.Counts(indicator, driverId, includeIndicator: true, flow: indicator.Model is FlowModel);
        if (counted.Counts.IsEmpty)
        {
            return counted.Warnings.IsEmpty
                ? NoHistory(indicator, [Keep(driver, role, T.NoHistory)])
                : Unchanged(indicator, "none", T.WhyNoUsableCounts, [Keep(driver, role, T.WhyNoUsableCounts)], null, null, counted.Warnings);
        }
        return CalibrateDriver(c, indicator, driver, role, counted);
    }

    public static IndicatorCalibration CalibrateDriver(CalibrationContext c, Indicator indicator, Driver driver, string role, CountHistory counted)
    {
        var counts = counted.Counts;
        string source = counted.Source;
        var warnings = counted.Warnings.ToBuilder();
        CountRegressionFit constant = CountRegressionEstimator.Fit(counts, CountTrend.None);
        warnings.AddRange(constant.Warnings);
        CountModelFit chosen = constant.Preferred;
        if (chosen.Status == FitStatus.NotIdentifiable)
        {
            return Unchanged(indicator, T.MethodCountRegressionShort, T.WhyRateNotIdentifiable, [Keep(driver, role, T.KeepRateNotIdentified)], null, null, warnings.ToImmutable()) with { Counts = counts, DataSource = counted.Source };
        }
        var candidates = new List<ModelCandidate> { new(ModelForm.PoissonConstantRate, constant.Poisson.Statistics) };
        if (constant.NegativeBinomial is { } nb) candidates.Add(new(ModelForm.NegativeBinomialConstantRate, nb.Statistics));
        CountRegressionFit? trend = null;
        if (counts.Select(x => x.Year).Distinct().Count() >= 3)
        {
            trend = CountRegressionEstimator.Fit(counts, CountTrend.Linear);
            candidates.Add(new(ModelForm.PoissonTrendRate, trend.Poisson.Statistics));
            if (trend.NegativeBinomial is { } nbt) candidates.Add(new(ModelForm.NegativeBinomialTrendRate, nbt.Statistics));
        }
        ModelRanking? ranking = candidates.Count >= 2 ? ModelChoice.Rank(candidates) : null;
        if (ranking?.BestFormByAic is { } best && best.HasTrendingRate() && trend is not null
            && ranking.Models.First(m => !m.Form.HasTrendingRate()).DeltaAic > 2)
        {
            warnings.Add(CalibrationProse.TrendingRateFitsBetter(indicator.Id, trend.Preferred.Trend, chosen.CentreYear));
        }

        double mu = chosen.LogRate.Estimate;
        double se = ZSd(chosen.LogRate);
        double lambda = Math.Exp(mu);
        YearlyVariation yearlyAfter = driver.Yearly;
        bool overdispersed = ReferenceEquals(chosen, constant.NegativeBinomial) && chosen.Dispersion.Estimate > 0;
        if (overdispersed)
        {
            double r = 1 / chosen.Dispersion.Estimate;
            yearlyAfter = YearlyVariation.NegativeBinomial(Round(r));
            warnings.Add(CalibrationProse.CountsOverdispersed(indicator.Id, chosen.Dispersion.Estimate, r));
        }
        else if (driver.Yearly.Kind == YearlyVariationKind.NegativeBinomial)
        {
            double inflation = Math.Sqrt(1 + lambda / driver.Yearly.Scale);
            se *= inflation;
            warnings.Add(CalibrationProse.DispersionKept(indicator.Id, counts.Length, driver.Yearly.Scale, inflation));
        }
        var after = new LogNormalDistribution(Round(mu), Round(se));
        var rate = new ParameterEstimate("yearly rate", lambda, lambda * se, Math.Exp(mu - Z975 * se), Math.Exp(mu + Z975 * se),
            F(T.CountRateMeaning, Role(role), Num(chosen.CentreYear)));
        var parameters = ImmutableArray.CreateBuilder<ParameterEstimate>();
        parameters.Add(chosen.LogRate with { StandardError = se, Lower95 = mu - Z975 * se, Upper95 = mu + Z975 * se });
        parameters.Add(rate);
        if (overdispersed) parameters.Add(chosen.Dispersion);
        if (trend is not null) parameters.Add(trend.Preferred.Trend);
        warnings.Add(CalibrationProse.RateAssumedToContinue(indicator.Id, lambda, counted.Source));
        string note = CalibrationProse.CountNote(source, lambda, rate, chosen.Model, after, driver);

        BacktestResult? backtest = null;
        string backtestNote = F(T.NotEnoughHistoryPeriods, counts.Length, c.Options.MinimumTrainingPoints + 1);
        if (counts.Length >= c.Options.MinimumTrainingPoints + 1 && counts.All(x => x.ExposureYears == 1 && x.Year == Math.Floor(x.Year)))
        {
            var yearly = HistoricalSeries.FromValues(driver.Id, counts.Select(x => ((int)x.Year, x.Count)));
            backtest = RollingOriginBacktest.Run(yearly, T.BacktestConstantRate, CountRateForecast.Fit, c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            if (backtest.Forecasts.IsEmpty)
            {
                backtest = null;
            }
        }

        var curve = ImmutableArray.CreateBuilder<CurvePoint>();
        foreach (CountObservation x in counts.Where(x => x.ExposureYears > 1))
        {
            int end = (int)Math.Round(x.Year + (x.ExposureYears - 1) / 2);
            int start = end - (int)x.ExposureYears;
            curve.Add(new CurvePoint(start, 0));
            curve.Add(new CurvePoint(end, x.Count));
        }
        return new IndicatorCalibration
        {
            Indicator = indicator.Id,
            ModelKind = indicator.Model.KindName,
            Outcome = CalibrationOutcome.Calibrated,
            Method = F(T.MethodCountRegression, CalibrationWords.Model(chosen.Model)),
            DataSource = counted.Source,
            Counts = counts,
            Parameters = parameters.ToImmutable(),
            Statistics = chosen.Statistics,
            Ranking = ranking,
            Backtest = backtest,
            BacktestNote = backtest is null ? backtestNote : "",
            Drivers = [new DriverCalibration(driver.Id, role, driver.Level, after, driver.Yearly, yearlyAfter, true, note)],
            FittedCurve = curve.ToImmutable(),
            Warnings = warnings.ToImmutable(),
        };
    }
}
