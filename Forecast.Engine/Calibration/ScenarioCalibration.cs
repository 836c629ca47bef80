using System.Collections.Immutable;
using Forecast.Engine.Model;

namespace Forecast.Engine.Calibration;

/// <summary>The result of <see cref="ScenarioCalibrator.Calibrate"/>.</summary>
/// <param name="Base">The base scenario.</param>
/// <param name="Calibrated">The calibrated scenario: the base with the calibrated drivers replaced (valid, ready to simulate).</param>
/// <param name="Indicators">One entry per indicator of the base scenario, in scenario order.</param>
/// <param name="UnusedSeries">History series that match no indicator or driver of the scenario ("region indicator").</param>
/// <param name="Options">The options used.</param>
public sealed record ScenarioCalibration(Scenario Base, Scenario Calibrated, ImmutableArray<IndicatorCalibration> Indicators,
    ImmutableArray<string> UnusedSeries, ScenarioCalibrationOptions Options);
