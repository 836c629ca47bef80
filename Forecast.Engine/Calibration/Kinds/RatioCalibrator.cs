using Forecast.Engine.Model;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.IndicatorResults;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// <b>ratio</b>: only the ratio's growth is identified. With a growth driver on each side, the numerator's level is calibrated
/// given the denominator driver's assumed mean: 1 + L_N = (1 + μ_D)·exp(g_r + (σ_N² − σ_D²)/2), sd (1 + L_N)·sd(g_r); the
/// denominator is left as assumed. Otherwise the drivers are left unchanged, with a warning.
/// </summary>
internal static class RatioCalibrator
{
    public static IndicatorCalibration Calibrate(CalibrationContext c, Indicator indicator, RatioModel model)
    {
        Driver? numerator = model.Numerator.GrowthDriver is { } n ? c.Scenario.Driver(n) : null;
        Driver? denominator = model.Denominator.GrowthDriver is { } d ? c.Scenario.Driver(d) : null;
        var kept = new List<DriverCalibration>();
        if (numerator is not null) kept.Add(Keep(numerator, "numerator growth", T.KeepNotCalibrated));
        if (denominator is not null) kept.Add(Keep(denominator, "denominator growth", T.KeepDenominator));
        if (!c.History.Covers(indicator))
        {
            return NoHistory(indicator, [.. kept]);
        }
        var (own, dataWarnings) = c.History.OwnSeries(indicator);
        GrowthEvidence e = GrowthEvidenceEstimator.FromSeries(c, own, c.Priors.ForRatio(numerator, denominator, indicator), SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            warnings = warnings.Add(CalibrationProse.RatioNotIdentified(indicator.Id, kept.Select(k => k.Driver)));
            return Unchanged(indicator, e.Method, T.WhyRatioNotIdentifiable, [.. kept], own, e, warnings);
        }
        if (numerator is null || denominator is null)
        {
            string why = CalibrationProse.RatioSideIsAnIndicator(model, numerator is null);
            warnings = warnings.Add(CalibrationProse.RatioIdentifiedNotApplied(indicator.Id, e, why));
            return Unchanged(indicator, e.Method, F(T.WhyIdentifiedNotApplied, why), [.. kept], own, e, warnings);
        }

        double sigmaN = VolatilityPriors.GrowthSigma(numerator), sigmaD = VolatilityPriors.GrowthSigma(denominator);
        double muD = denominator.Level.Mean;
        double level = (1 + muD) * Math.Exp(e.Drift + (sigmaN * sigmaN - sigmaD * sigmaD) / 2) - 1;
        double sd = (1 + level) * e.DriftSd;
        var after = new NormalDistribution(Round(level), Round(sd));
        warnings = warnings.Add(CalibrationProse.OnlyTheRatioIsIdentified(indicator.Id, e, numerator.Id, denominator.Id, muD));
        string note = CalibrationProse.RatioNote(indicator.Id, e, denominator.Id, muD, sigmaN, sigmaD, after, numerator);
        var changed = new DriverCalibration(numerator.Id, "numerator growth", numerator.Level, after, numerator.Yearly, numerator.Yearly, true, note);
        return Calibrated(indicator, e, own, warnings, [changed, .. kept.Where(k => k.Driver != numerator.Id)]);
    }
}
