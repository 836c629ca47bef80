using System.Collections.Immutable;
using Forecast.Engine.Model;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Calibrates a scenario's drivers from history: for each indicator the history covers, the calibrator of the indicator's
/// model kind fits its estimator and replaces the driver's level by the sampling distribution of the estimate, so that
/// parameter uncertainty carries into the Monte Carlo.
/// </summary>
/// <remarks>
/// One class per model kind: <see cref="CompoundCalibrator"/>, <see cref="RatioCalibrator"/>, <see cref="ShareCalibrator"/>,
/// <see cref="StockFlowCalibrator"/>, <see cref="CountCalibrator"/> (cumulative and flow). The history is gathered by
/// <see cref="HistoryGatherer"/> (the indicator's own series in <see cref="ScenarioCalibrationOptions.Region"/> or no region,
/// completed by the scenario's base value and <c>history</c> entries; other regions' series as the panel), volatility priors
/// are resolved by <see cref="VolatilityPriors"/>, and the sentences for the planner are <see cref="CalibrationProse"/>'s.
/// A driver fed by two indicators is calibrated by the first; the second reports its estimate without applying it.
/// Beside the driver levels, every level indicator gets its <see cref="CandidateSet"/> (<see cref="CandidateAnalysis"/>): the
/// structures its history cannot tell apart, weighted, with the pooled panel estimates; the scenario written keeps one structure
/// per indicator (the mixture format is the simulation's to add).
/// </remarks>
public static class ScenarioCalibrator
{
    /// <summary>Calibrates <paramref name="scenario"/> from <paramref name="panel"/>.</summary>
    /// <param name="scenario">A valid base scenario.</param>
    /// <param name="panel">The history (the scenario's region, other regions, national series).</param>
    /// <param name="options">Region, volatility prior and backtest settings; defaults when null.</param>
    /// <returns>The calibrated scenario (valid) and one <see cref="IndicatorCalibration"/> per indicator.</returns>
    public static ScenarioCalibration Calibrate(Scenario scenario, HistoricalPanel panel, ScenarioCalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new ScenarioCalibrationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BacktestHorizon, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumTrainingPoints, 3, nameof(options));

        var context = new CalibrationContext(scenario, panel, options);
        var drivers = scenario.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var calibratedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = ImmutableArray.CreateBuilder<IndicatorCalibration>(scenario.Indicators.Count);
        foreach (Indicator indicator in scenario.Indicators)
        {
            IndicatorCalibration result = indicator.Model switch
            {
                CompoundGrowthModel m => CompoundCalibrator.Calibrate(context, indicator, m),
                RatioModel m => RatioCalibrator.Calibrate(context, indicator, m),
                BoundedShareModel m => ShareCalibrator.Calibrate(context, indicator, m),
                StockFlowModel m => StockFlowCalibrator.Calibrate(context, indicator, m),
                CumulativeModel m => CountCalibrator.Calibrate(context, indicator, m.Driver, "yearly count"),
                FlowModel m => CountCalibrator.Calibrate(context, indicator, m.Driver, "yearly flow"),
                _ => IndicatorResults.Unchanged(indicator, "none", T.WhyKindNotSupported, []),
            };
            var (candidates, predictive, candidatesNote, regression) = CandidateWiring.For(context, indicator);
            result = result with { Candidates = candidates, CandidatePredictive = predictive, CandidatesNote = candidatesNote, InvestmentRegression = regression };
            results.Add(ResolveConflicts(result, drivers, calibratedBy));
        }

        var calibrated = scenario with
        {
            Name = options.Name ?? scenario.Name + "-calibrated",
            Title = options.Title ?? new LocalizedText(scenario.Title.Zh + "（校准）", scenario.Title.En + " (calibrated)"),
            Drivers = scenario.Drivers.Select(d => drivers[d.Id]).ToList(),
        };
        if (options.Mixtures) calibrated = MixtureEmission.Apply(calibrated, results);
        ScenarioValidator.Validate(calibrated);
        return new ScenarioCalibration(scenario, calibrated, results.ToImmutable(), context.History.UnusedSeries(), options);
    }

    /// <summary>A driver can be calibrated by one indicator only: later indicators that would change it again keep the first calibration.</summary>
    private static IndicatorCalibration ResolveConflicts(IndicatorCalibration result, Dictionary<string, Driver> drivers, Dictionary<string, string> calibratedBy)
    {
        var warnings = result.Warnings.ToBuilder();
        var kept = ImmutableArray.CreateBuilder<DriverCalibration>();
        bool any = false;
        foreach (DriverCalibration d in result.Drivers)
        {
            if (!d.Changed)
            {
                kept.Add(d);
                continue;
            }
            if (calibratedBy.TryGetValue(d.Driver, out string? first))
            {
                warnings.Add(CalibrationProse.AlreadyCalibrated(d, first));
                kept.Add(d with { After = drivers[d.Driver].Level, YearlyAfter = drivers[d.Driver].Yearly, Changed = false, Note = "already calibrated from " + first });
                continue;
            }
            Driver old = drivers[d.Driver];
            if (old.LevelChanges.Count > 0)
            {
                warnings.Add(CalibrationProse.LevelChangesKept(old));
            }
            string note = string.IsNullOrWhiteSpace(old.Note) ? d.Note : old.Note + "\n" + d.Note;
            drivers[d.Driver] = old with { Level = d.After, Yearly = d.YearlyAfter, Note = note };
            calibratedBy[d.Driver] = result.Indicator;
            kept.Add(d);
            any = true;
        }
        return result with
        {
            Drivers = kept.ToImmutable(),
            Warnings = warnings.ToImmutable(),
            Outcome = any ? CalibrationOutcome.Calibrated : result.Outcome == CalibrationOutcome.Calibrated ? CalibrationOutcome.Unchanged : result.Outcome,
        };
    }
}
