using Forecast.Engine.Model;

namespace Forecast.Engine.Calibration;

/// <summary>What every model kind's calibrator reads: the scenario, the history gathered for it, the volatility priors and the options.</summary>
internal sealed class CalibrationContext(Scenario scenario, HistoricalPanel panel, ScenarioCalibrationOptions options)
{
    public Scenario Scenario { get; } = scenario;

    public HistoricalPanel Panel { get; } = panel;

    public ScenarioCalibrationOptions Options { get; } = options;

    public HistoryGatherer History { get; } = new(scenario, panel, options.Region);

    public VolatilityPriors Priors => _priors ??= new(Scenario, Options.StatedVolatility, History, Panel, Options.Candidates);

    private VolatilityPriors? _priors;
}
