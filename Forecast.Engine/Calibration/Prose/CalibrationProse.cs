using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The planner-facing sentences of the calibration (warnings and driver notes), in one place: what is identified, what comes
/// from a prior or the panel, and what is left unchanged.
/// </summary>
internal static class CalibrationProse
{
    // ---- data

    public static string FileAndScenarioDisagree(string indicator, int year, double file, double scenario, string source) =>
        Invariant($"{indicator} {year}: the history file gives {Num(file)}, the scenario {Num(scenario)} ({source}); the fit uses the history file's value.");

    public static string NotAWholeCount(string what, double value) => Invariant($"{what}: {Num(value)} is not a whole count; left out.");

    public static string OutsideTheScale(string label, Observation bad, SeriesScale scale)
    {
        string need = scale.IsShare ? Invariant($"strictly between {scale.Bounds!.Lower} and {scale.Bounds.Upper}") : "above 0";
        return Invariant($"{label}: the value {bad.Value} in {bad.Year} is not {need}; the {scale.Step} cannot be estimated.");
    }

    // ---- growth evidence

    public static string TwoPointsAverageOnly(string label, Observation a, Observation z, CompoundGrowthFit fit, SeriesScale scale, GrowthPrior prior)
    {
        string average = scale.IsShare
            ? Invariant($"logit step {Num(fit.Drift.Estimate)} a year, {Num((z.Value - a.Value) / (z.Year - a.Year))} points a year")
            : Invariant($"CAGR {Percent(fit.ArithmeticRate.Estimate)} a year");
        return Invariant($"{label}: two points ({a.Year}: {Num(a.Value)}, {z.Year}: {Num(z.Value)}): average growth only ({average}); volatility from the prior (sigma = {Num(prior.Volatility)}, {prior.Source}); the interval of the {scale.Step} is conditional on that prior.");
    }

    public static string TrendFitsBetter(string label, ModelForm trend, ModelForm walk) =>
        Invariant($"{label}: the {trend.Describe()} fits better by AIC (the series may revert to a trend); the driver uses the {walk.Describe()}, the simulation's form, whose spread may then be wider than the history's.");

    private static string OwnText(HistoricalSeries own) => own.Count == 1 ? Invariant($"one point ({own.Observations[0].Year})") : "no points";

    public static string NoDonors(HistoricalSeries own, SeriesScale scale) =>
        Invariant($"{own.Label}: {OwnText(own)}: the level is known but the {scale.Step} is not identifiable, and no other region of the history reports two or more years of '{own.Indicator}'.");

    public static string BorrowedFromThePanel(HistoricalSeries own, SeriesScale scale, string names, int donors) =>
        Invariant($"{own.Label}: {OwnText(own)}: the {scale.Step} is not identified by the own series and is borrowed from the panel: {names}. The region is assumed to follow that pace; how much regions differ is {(donors >= 2 ? "taken from the spread of the donors" : "not identified (one donor), so the interval understates the uncertainty")}.");

    public static string DonorsTwoPointsEach(string label, GrowthPrior prior) =>
        Invariant($"{label}: the donors have two points each: average growth only, volatility from the prior (sigma = {Num(prior.Volatility)}, {prior.Source}).");

    // ---- compound, share

    public static string CompoundNote(GrowthEvidence e, double yearlySigma, Distribution after, Driver driver) =>
        Invariant($"Calibrated from {e.Source}: drift {Num(e.Drift)} a year (log terms, 95% {Interval(e.Drift, e.DriftSd)}), yearly sigma {Num(yearlySigma)} ({e.VolatilitySource}); level {after.Describe()} = exp(drift + sigma^2/2) - 1 and its standard error (was {driver.Level.Describe()}).");

    public static string ShareNote(GrowthEvidence e, double yearlySigma, Distribution after, Driver driver) =>
        Invariant($"Calibrated from {e.Source}: logit step {Num(e.Drift)} a year (95% {Interval(e.Drift, e.DriftSd)}), yearly sd {Num(yearlySigma)} ({e.VolatilitySource}); level {after.Describe()} (was {driver.Level.Describe()}).");

    // ---- ratio

    public static string RatioNotIdentified(string indicator, IEnumerable<string> drivers) =>
        Invariant($"{indicator}: the ratio's growth is not identified, so neither side can be calibrated: {string.Join(" and ", drivers)} unchanged (assumptions).");

    public static string RatioSideIsAnIndicator(RatioModel model, bool numeratorIsIndicator) => numeratorIsIndicator
        ? Invariant($"the numerator is the indicator '{model.Numerator.Indicator}' (calibrate that indicator instead)")
        : Invariant($"the denominator is the indicator '{model.Denominator.Indicator}', whose growth is not a driver that can be held at its assumption");

    public static string RatioIdentifiedNotApplied(string indicator, GrowthEvidence e, string why) =>
        Invariant($"{indicator}: the ratio grows by {Percent(Math.Exp(e.Drift) - 1)} a year ({e.Source}), but {why}; drivers unchanged.");

    public static string OnlyTheRatioIsIdentified(string indicator, GrowthEvidence e, string numerator, string denominator, double muD) =>
        Invariant($"{indicator}: only the ratio's growth is identified (drift {Num(e.Drift)} a year); '{numerator}' is calibrated given the assumed mean {Num(muD)} of '{denominator}', which stays as assumed. The denominator's own level uncertainty adds to the ratio's, so the simulated ratio growth is somewhat wider than the data's interval.");

    public static string RatioNote(string indicator, GrowthEvidence e, string denominator, double muD, double sigmaN, double sigmaD, Distribution after, Driver numerator) =>
        Invariant($"Calibrated from {e.Source}: the ratio {indicator} grew with drift {Num(e.Drift)} a year (95% {Interval(e.Drift, e.DriftSd)}); given {denominator} at its assumed mean {Num(muD)}, level {after.Describe()} = (1 + {Num(muD)})·exp(drift + ({Num(sigmaN)}^2 - {Num(sigmaD)}^2)/2) - 1 (was {numerator.Level.Describe()}).");

    // ---- stock-flow

    public static string CapacityNotCalibrated(string indicator) =>
        Invariant($"{indicator}: a stock with a capacity converts a pool with a yearly probability; calibrating that probability is not supported; drivers unchanged.");

    public static string OneStockLevel(string indicator) =>
        Invariant($"{indicator}: one stock level and no counts of entries: the entries rate is not identified; drivers unchanged.");

    public static string NoImpliedEntries(string indicator, double exitRate, double rate) =>
        Invariant($"{indicator}: with an exit rate of {Num(exitRate)} the stock's history implies no entries ({Num(rate)} a year); the entries rate is not identifiable; drivers unchanged.");

    public static string EntriesImplied(string indicator, double lambda, ParameterEstimate rate, string? exitDriver, int first, int last) =>
        Invariant($"{indicator}: entries are not counted in the history; {Num(lambda)} a year (95% [{Num(rate.Lower95)}, {Num(rate.Upper95)}]) is implied by the stock's change given the exit-rate assumption '{exitDriver ?? "none"}' (not identified: kept as assumed) and a constant entry rate over {first}-{last}; if entries rose over the period, the recent rate is higher.");

    public static string EntriesDispersionNotIdentified(string indicator, string entries) =>
        Invariant($"{indicator}: the yearly dispersion of entries is not identified by stock levels; the counting error uses the base scenario's yearly variation of '{entries}'.");

    public static string EntriesNote(string source, double lambda, ParameterEstimate rate, Distribution after, Driver entries) =>
        Invariant($"Calibrated from {source}: {Num(lambda)} entries a year (95% [{Num(rate.Lower95)}, {Num(rate.Upper95)}]) implied by the stock's change given the exit-rate assumption; level {after.Describe()} (was {entries.Level.Describe()}).");

    // ---- counts

    public static string TrendingRateFitsBetter(string indicator, ParameterEstimate trend, double centreYear) =>
        Invariant($"{indicator}: a trending rate fits better by AIC (the log rate changes by {Num(trend.Estimate)} a year, 95% [{Num(trend.Lower95)}, {Num(trend.Upper95)}]); the scenario's driver has a constant level, calibrated to the average rate at {Num(centreYear)}.");

    public static string CountsOverdispersed(string indicator, double alpha, double r) =>
        Invariant($"{indicator}: the counts are overdispersed (alpha {Num(alpha)}): the yearly variation becomes negbin with dispersion {Num(r)}.");

    public static string DispersionKept(string indicator, int periods, double dispersion, double inflation) =>
        Invariant($"{indicator}: overdispersion is not identified by {periods} period(s); the base scenario's yearly negbin dispersion {Num(dispersion)} is kept and widens the Poisson standard error by {Num(inflation)}.");

    public static string RateAssumedToContinue(string indicator, double lambda, string source) =>
        Invariant($"{indicator}: the {Num(lambda)} a year of {source} is assumed to continue.");

    public static string CountNote(string source, double lambda, ParameterEstimate rate, string model, Distribution after, Driver driver) =>
        Invariant($"Calibrated from {source}: {Num(lambda)} a year (95% [{Num(rate.Lower95)}, {Num(rate.Upper95)}]), {model}; level {after.Describe()} (was {driver.Level.Describe()}).");

    // ---- conflicts

    public static string AlreadyCalibrated(DriverCalibration d, string first) =>
        Invariant($"driver '{d.Driver}' was already calibrated from '{first}'; this indicator's estimate ({d.After.Describe()}) is reported but not applied.");

    public static string LevelChangesKept(Driver old) =>
        Invariant($"driver '{old.Id}' has level changes from {old.LevelChanges[0].FromYear}; they are kept as in the base scenario, only the level before them is calibrated.");
}
