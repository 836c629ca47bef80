using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>How a series is turned into a positive series whose log-growth is the quantity of interest.</summary>
internal sealed record SeriesScale(ShareBounds? Bounds)
{
    public static SeriesScale Positive { get; } = new((ShareBounds?)null);

    public bool IsShare => Bounds is not null;

    /// <summary>The name of the yearly change: "logit step" for a share, "drift" otherwise.</summary>
    public string Step => IsShare ? "logit step" : "drift";

    public bool Accepts(Observation o) => Bounds is null ? o.Value > 0 : Bounds.StrictlyContains(o.Value);

    /// <summary>The odds (x − lo)/(hi − x) for a share, the value itself otherwise: its log-growth is the logit step or the drift.</summary>
    public HistoricalSeries Transform(HistoricalSeries s) => Bounds is null
        ? s
        : HistoricalSeries.Create(s.Indicator, s.Region, s.Observations.Select(o => o with { Value = (o.Value - Bounds.Lower) / (Bounds.Upper - o.Value) }));

    public double Back(double odds) => Bounds is null ? odds : Bounds.Lower + Bounds.Range * odds / (1 + odds);
}

/// <summary>What a series (or the panel, for a series that cannot) says about the yearly log-growth (or logit step) of an indicator.</summary>
internal sealed record GrowthEvidence
{
    public bool Identified { get; init; }
    public double Drift { get; init; } = double.NaN;
    public double DriftSd { get; init; } = double.NaN;
    public double Volatility { get; init; } = double.NaN;
    public bool VolatilityIdentified { get; init; }
    public string VolatilitySource { get; init; } = "";
    /// <summary>Where the evidence comes from, in the UI culture: the console, calibration.json and the calibrated scenario's notes.</summary>
    public string Source { get; init; } = "";
    public required string Method { get; init; }
    public ImmutableArray<ParameterEstimate> Parameters { get; init; } = [];
    public FitStatistics? Statistics { get; init; }
    public ModelRanking? Ranking { get; init; }
    public BacktestResult? Backtest { get; init; }
    public string BacktestNote { get; init; } = Resources.CalibrationText.NotEnoughHistory;
    public ImmutableArray<HistoricalSeries> Panel { get; init; } = [];
    public ImmutableArray<CurvePoint> Curve { get; init; } = [];
    public ImmutableArray<string> Warnings { get; init; } = [];
    public IdentifiabilityReport? Identifiability { get; init; }
}
