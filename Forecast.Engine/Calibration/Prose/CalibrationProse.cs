using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The planner-facing sentences of the calibration (warnings and driver notes), in one place: what is identified, what comes
/// from a prior or the panel, and what is left unchanged. All are read in the UI culture (<see cref="T"/>), the driver notes (the
/// ...Note methods) too: they go into the calibrated scenario file in the language calibrate was asked for.
/// </summary>
internal static class CalibrationProse
{
    // ---- data

    public static string FileAndScenarioDisagree(string indicator, int year, double file, double scenario, string source) =>
        F(T.FileAndScenarioDisagree, indicator, year, Num(file), Num(scenario), source);

    public static string NotAWholeCount(string what, double value) => F(T.NotAWholeCount, what, Num(value));

    public static string OutsideTheScale(string label, Observation bad, SeriesScale scale)
    {
        string need = scale.IsShare ? F(T.StrictlyBetween, scale.Bounds!.Lower, scale.Bounds.Upper) : T.AboveZero;
        return F(T.OutsideTheScale, label, bad.Value, bad.Year, need, Parameter(scale.Step));
    }

    // ---- growth evidence

    public static string TwoPointsAverageOnly(string label, Observation a, Observation z, CompoundGrowthFit fit, SeriesScale scale, GrowthPrior prior)
    {
        string average = scale.IsShare
            ? F(T.AverageLogitStep, Num(fit.Drift.Estimate), Num((z.Value - a.Value) / (z.Year - a.Year)))
            : F(T.AverageCagr, Percent(fit.ArithmeticRate.Estimate));
        return F(T.TwoPointsAverageOnly, label, a.Year, Num(a.Value), z.Year, Num(z.Value), average, Num(prior.Volatility), prior.Source, Parameter(scale.Step));
    }

    public static string TrendFitsBetter(string label, ModelForm trend, ModelForm walk) =>
        F(T.TrendFitsBetter, label, trend.Text(), walk.Text());

    private static string OwnText(HistoricalSeries own) => own.Count == 1 ? F(T.OnePointOwn, own.Observations[0].Year) : T.NoPointsOwn;

    public static string NoDonors(HistoricalSeries own, SeriesScale scale) =>
        F(T.NoDonors, own.Label, OwnText(own), Parameter(scale.Step), own.Indicator);

    public static string BorrowedFromThePanel(HistoricalSeries own, SeriesScale scale, string names, int donors) =>
        F(T.BorrowedFromThePanel, own.Label, OwnText(own), Parameter(scale.Step), names, donors >= 2 ? T.DonorSpread : T.OneDonorUnderstates);

    public static string DonorsTwoPointsEach(string label, GrowthPrior prior) =>
        F(T.DonorsTwoPointsEach, label, Num(prior.Volatility), prior.Source);

    // ---- compound, share

    public static string CompoundNote(GrowthEvidence e, double yearlySigma, Distribution after, Driver driver) =>
        F(T.CompoundNote, e.Source, Num(e.Drift), Interval(e.Drift, e.DriftSd), Num(yearlySigma), e.VolatilitySource, after.Describe(), driver.Level.Describe());

    public static string ShareNote(GrowthEvidence e, double yearlySigma, Distribution after, Driver driver) =>
        F(T.ShareNote, e.Source, Num(e.Drift), Interval(e.Drift, e.DriftSd), Num(yearlySigma), e.VolatilitySource, after.Describe(), driver.Level.Describe());

    // ---- ratio

    public static string RatioNotIdentified(string indicator, IEnumerable<string> drivers) =>
        F(T.RatioNotIdentified, indicator, string.Join(T.And, drivers));

    public static string RatioSideIsAnIndicator(RatioModel model, bool numeratorIsIndicator) => numeratorIsIndicator
        ? F(T.NumeratorIsIndicator, model.Numerator.Indicator)
        : F(T.DenominatorIsIndicator, model.Denominator.Indicator);

    public static string RatioIdentifiedNotApplied(string indicator, GrowthEvidence e, string why) =>
        F(T.RatioIdentifiedNotApplied, indicator, Percent(Math.Exp(e.Drift) - 1), e.Source, why);

    public static string OnlyTheRatioIsIdentified(string indicator, GrowthEvidence e, string numerator, string denominator, double muD) =>
        F(T.OnlyTheRatioIsIdentified, indicator, Num(e.Drift), numerator, Num(muD), denominator);

    public static string RatioNote(string indicator, GrowthEvidence e, string denominator, double muD, double sigmaN, double sigmaD, Distribution after, Driver numerator) =>
        F(T.RatioNote, e.Source, indicator, Num(e.Drift), Interval(e.Drift, e.DriftSd), denominator, Num(muD), after.Describe(), Num(sigmaN), Num(sigmaD), numerator.Level.Describe());

    // ---- stock-flow

    public static string CapacityNotCalibrated(string indicator) =>
        F(T.CapacityNotCalibrated, indicator);

    public static string OneStockLevel(string indicator) =>
        F(T.OneStockLevel, indicator);

    public static string NoImpliedEntries(string indicator, double exitRate, double rate) =>
        F(T.NoImpliedEntries, indicator, Num(exitRate), Num(rate));

    public static string EntriesImplied(string indicator, double lambda, ParameterEstimate rate, string? exitDriver, int first, int last) =>
        F(T.EntriesImplied, indicator, Num(lambda), Num(rate.Lower95), Num(rate.Upper95), exitDriver ?? T.NoExitDriver, first, last);

    public static string EntriesDispersionNotIdentified(string indicator, string entries) =>
        F(T.EntriesDispersionNotIdentified, indicator, entries);

    public static string EntriesNote(string source, double lambda, ParameterEstimate rate, Distribution after, Driver entries) =>
        F(T.EntriesNote, source, Num(lambda), Num(rate.Lower95), Num(rate.Upper95), after.Describe(), entries.Level.Describe());

    // ---- counts

    public static string TrendingRateFitsBetter(string indicator, ParameterEstimate trend, double centreYear) =>
        F(T.TrendingRateFitsBetter, indicator, Num(trend.Estimate), Num(trend.Lower95), Num(trend.Upper95), Num(centreYear));

    public static string CountsOverdispersed(string indicator, double alpha, double r) =>
        F(T.CountsOverdispersed, indicator, Num(alpha), Num(r));

    public static string DispersionKept(string indicator, int periods, double dispersion, double inflation) =>
        F(T.DispersionKept, indicator, periods, Num(dispersion), Num(inflation));

    public static string RateAssumedToContinue(string indicator, double lambda, string source) =>
        F(T.RateAssumedToContinue, indicator, Num(lambda), source);

    public static string CountNote(string source, double lambda, ParameterEstimate rate, string model, Distribution after, Driver driver) =>
        F(T.CountNote, source, Num(lambda), Num(rate.Lower95), Num(rate.Upper95), CalibrationWords.Model(model), after.Describe(), driver.Level.Describe());

    // ---- conflicts

    public static string AlreadyCalibrated(DriverCalibration d, string first) =>
        F(T.AlreadyCalibrated, d.Driver, first, d.After.Describe());

    public static string LevelChangesKept(Driver old) =>
        F(T.LevelChangesKept, old.Id, old.LevelChanges[0].FromYear);
}
