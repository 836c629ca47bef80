using Forecast.Engine.Model;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.IndicatorResults;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// <b>share</b>: the logit of the share follows a random walk with step b (the odds compound at e^b), a logit-linear trend
/// compared by AIC; the step driver's level ~ Normal(b, sd), its yearly sd the logit volatility where identified.
/// </summary>
internal static class ShareCalibrator
{
    public static IndicatorCalibration Calibrate(CalibrationContext c, Indicator indicator, BoundedShareModel model)
    {
        Driver driver = c.Scenario.Driver(model.Step);
        if (!c.History.Covers(indicator))
        {
            return NoHistory(indicator, [Keep(driver, "step", T.NoHistory)]);
        }
        var (own, dataWarnings) = c.History.OwnSeries(indicator);
        Bounds b = indicator.Bounds ?? Bounds.Percent;
        GrowthEvidence e = GrowthEvidenceEstimator.FromSeries(c, own, c.Priors.For(driver, indicator), new SeriesScale(new ShareBounds(b.Lower, b.Upper)));
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            return Unchanged(indicator, e.Method, T.WhyLogitNotIdentifiable, [Keep(driver, "step", T.KeepStepNotIdentified)], own, e, warnings);
        }
        double yearlySigma = CompoundCalibrator.YearlySigmaAfter(c, driver, e, YearlyVariationKind.Normal);
        var after = new NormalDistribution(Round(e.Drift), Round(e.DriftSd));
        var yearlyAfter = driver.Yearly.Kind == YearlyVariationKind.Normal ? YearlyVariation.Normal(Round(yearlySigma)) : driver.Yearly;
        string note = CalibrationProse.ShareNote(e, yearlySigma, after, driver);
        return Calibrated(indicator, e, own, warnings, [new DriverCalibration(driver.Id, "step", driver.Level, after, driver.Yearly, yearlyAfter, true, note)]);
    }
}
