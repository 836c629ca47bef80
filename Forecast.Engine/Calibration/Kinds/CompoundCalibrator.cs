using Forecast.Engine.Model;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.IndicatorResults;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// <b>compound</b>: drift g of ln x (the random walk; two points: the average growth with σ from the prior). The growth
/// driver's level ~ Normal(exp(g + σ²/2) − 1, sd), the arithmetic mean growth whose lognormal yearly factor (yearly kind
/// <c>growth</c>) has median drift g; sd the delta-method standard error matched to the 95% interval.
/// </summary>
internal static class CompoundCalibrator
{
    public static IndicatorCalibration Calibrate(CalibrationContext c, Indicator indicator, CompoundGrowthModel model)
    {
        Driver driver = c.Scenario.Driver(model.Growth);
        if (!c.History.Covers(indicator))
        {
            return NoHistory(indicator, [Keep(driver, "growth", T.NoHistory)]);
        }
        var (own, dataWarnings) = c.History.OwnSeries(indicator);
        GrowthEvidence e = GrowthEvidenceEstimator.FromSeries(c, own, c.Priors.For(driver, indicator), SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            return Unchanged(indicator, e.Method, T.WhyGrowthNotIdentifiable, [Keep(driver, "growth", T.KeepGrowthNotIdentified)], own, e, warnings);
        }
        double yearlySigma = YearlySigmaAfter(c, driver, e, YearlyVariationKind.Growth);
        double level = Math.Exp(e.Drift + yearlySigma * yearlySigma / 2) - 1;
        double sd = (1 + level) * e.DriftSd;
        var after = new NormalDistribution(Round(level), Round(sd));
        var yearlyAfter = driver.Yearly.Kind == YearlyVariationKind.Growth ? YearlyVariation.Growth(Round(yearlySigma)) : driver.Yearly;
        string note = CalibrationProse.CompoundNote(e, yearlySigma, after, driver);
        return Calibrated(indicator, e, own, warnings, [new DriverCalibration(driver.Id, "growth", driver.Level, after, driver.Yearly, yearlyAfter, true, note)]);
    }

    /// <summary>The yearly σ the calibrated driver keeps: the data's where identified, else the stated prior's, else the driver's own.</summary>
    public static double YearlySigmaAfter(CalibrationContext c, Driver driver, GrowthEvidence e, YearlyVariationKind kind)
    {
        if (driver.Yearly.Kind != kind)
        {
            return 0;
        }
        if (e.VolatilityIdentified)
        {
            return e.Volatility;
        }
        return c.Priors.Stated?.Volatility ?? driver.Yearly.Scale;
    }
}
