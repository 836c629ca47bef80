using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>The calibration of one indicator: data used, fit, model choice, backtest, identifiability and driver changes.</summary>
public sealed record IndicatorCalibration
{
    /// <summary>Indicator id.</summary>
    public required string Indicator { get; init; }

    /// <summary>The indicator's model kind in the scenario (compound, ratio, share, stock-flow, cumulative, flow).</summary>
    public required string ModelKind { get; init; }

    /// <summary>What happened to the drivers.</summary>
    public required CalibrationOutcome Outcome { get; init; }

    /// <summary>The estimator and model used, e.g. "compound growth, random walk with drift".</summary>
    public required string Method { get; init; }

    /// <summary>Where the estimate comes from, e.g. "Liaocheng 2015-2020 (2 points)" or "panel: China 2015-2020".</summary>
    public required string DataSource { get; init; }

    /// <summary>The indicator's own observations (region of the scenario or no region), oldest first.</summary>
    public ImmutableArray<Observation> Observations { get; init; } = [];

    /// <summary>Other regions' series that were used (the panel), empty when the own series sufficed.</summary>
    public ImmutableArray<HistoricalSeries> PanelSeries { get; init; } = [];

    /// <summary>Counts over periods used by count models (period totals with their exposure in years).</summary>
    public ImmutableArray<CountObservation> Counts { get; init; } = [];

    /// <summary>Estimated parameters with standard errors and 95% intervals.</summary>
    public ImmutableArray<ParameterEstimate> Parameters { get; init; } = [];

    /// <summary>Fit statistics of the model used, or null when nothing was fitted.</summary>
    public FitStatistics? Statistics { get; init; }

    /// <summary>AIC/BIC ranking when more than one model could be fitted, else null.</summary>
    public ModelRanking? Ranking { get; init; }

    /// <summary>Rolling-origin backtest, or null when the series is too short ("not enough history").</summary>
    public BacktestResult? Backtest { get; init; }

    /// <summary>Why the backtest was not run, when <see cref="Backtest"/> is null.</summary>
    public string BacktestNote { get; init; } = "not enough history";

    /// <summary>What the own series identifies, item by item, or null for count models.</summary>
    public IdentifiabilityReport? Identifiability { get; init; }

    /// <summary>The drivers of the indicator's model, before and after.</summary>
    public ImmutableArray<DriverCalibration> Drivers { get; init; } = [];

    /// <summary>The fitted curve over the history years (for plots), possibly empty.</summary>
    public ImmutableArray<CurvePoint> FittedCurve { get; init; } = [];

    /// <summary>The candidate structures fitted to the indicator's history and their weights (model uncertainty), or null.</summary>
    public CandidateSet? Candidates { get; init; }

    /// <summary>The cross-validated panel regression of the indicator's growth on R&amp;D intensity (Microsoft.ML), or null without the data for one.</summary>
    public InvestmentRegression? InvestmentRegression { get; init; }

    /// <summary>The candidates' mixture predictive from the history's last year to the target year, or null.</summary>
    public MixturePredictive? CandidatePredictive { get; init; }

    /// <summary>Why there are no candidates, when <see cref="Candidates"/> is null.</summary>
    public string CandidatesNote { get; init; } = "";

    /// <summary>Messages for the planner: what is identified, what comes from a prior or the panel, what is left unchanged.</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];
}
