using Forecast.Engine.Model;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Evaluation;

/// <summary>Where an observation lies with respect to a central band of the forecast.</summary>
public enum BandPosition
{
    /// <summary>Inside the band (its ends included).</summary>
    Inside,

    /// <summary>Below the band's lower end.</summary>
    Below,

    /// <summary>Above the band's upper end.</summary>
    Above,

    /// <summary>A bound that does not say on which side the true value lies ("at least X" with X inside or below the band).</summary>
    Undecided,
}

/// <summary>One actual scored against the forecast of its indicator and year.</summary>
/// <param name="Actual">The actual as read.</param>
/// <param name="IndicatorId">The forecast indicator it is scored against (the actual's own id, or the one it was mapped to).</param>
/// <param name="Median">The forecast median.</param>
/// <param name="Band50">The forecast's central 50% band [P25, P75].</param>
/// <param name="Band90">The forecast's central 90% band [P5, P95].</param>
/// <param name="Pit">The PIT interval: a point for an exact figure (unless it is an atom of a count), [F(X−), 1] for "at least X", [0, F(X)] for "at most X".</param>
/// <param name="In50">Position in the 50% band.</param>
/// <param name="In90">Position in the 90% band.</param>
/// <param name="Crps">The CRPS in the indicator's unit; for a bound, the smallest CRPS any value the bound allows would get (a lower bound).</param>
/// <param name="ExpectedCrps">The CRPS the forecast expects of itself (½E|X − X'|), the scale of <paramref name="Crps"/>.</param>
/// <param name="IntervalScore">The interval score of the 90% band (α = 0.1); for a bound, its smallest value over the values the bound allows.</param>
/// <param name="Duplicate">Another actual in the evaluation has the same indicator and year (two sources): both are scored.</param>
public sealed record ScoredActual(Actual Actual, string IndicatorId, double Median, Interval Band50, Interval Band90, Pit Pit,
    BandPosition In50, BandPosition In90, double Crps, double ExpectedCrps, double IntervalScore, bool Duplicate)
{
    /// <summary>Whether the scores are lower bounds (the actual is a bound, not a value).</summary>
    public bool ScoresAreBounds => Actual.Bound != ActualBound.Exact;

    /// <summary>Whether the actual was scored against an indicator of another id (an explicit mapping).</summary>
    public bool Mapped => IndicatorId != Actual.Indicator;

    /// <summary>CRPS over the CRPS the forecast expects of itself: about 1 on average for a calibrated forecast, larger when worse.</summary>
    public double CrpsRatio => ExpectedCrps > 0 ? Crps / ExpectedCrps : double.NaN;
}

/// <summary>Why an actual was not scored.</summary>
public enum NotScoredReason
{
    /// <summary>The actual is about another region.</summary>
    OtherRegion,

    /// <summary>The forecast has no indicator of that id.</summary>
    NotInForecast,

    /// <summary>The year is the indicator's base year or earlier: the forecast starts from a value there.</summary>
    BaseYearOrEarlier,

    /// <summary>The year is after the last simulated year.</summary>
    AfterForecast,
}

/// <summary>An actual the forecast says nothing about, and why.</summary>
/// <param name="Actual">The actual as read.</param>
/// <param name="Reason">Why it is not scored.</param>
/// <param name="Explanation">The reason in words ("the forecast starts from 268 in 2020", "did you mean ...").</param>
public sealed record NotScoredActual(Actual Actual, NotScoredReason Reason, string Explanation);

/// <summary>Whether the actuals show a target met.</summary>
public enum TargetOutcome
{
    /// <summary>The actuals show the target met.</summary>
    Met,

    /// <summary>The actuals show the target missed.</summary>
    Missed,

    /// <summary>No actual decides it (a bound on the wrong side, a year missing, or two sources that disagree).</summary>
    Undecided,
}

/// <summary>A target of the forecast and what the actuals say about it.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Target">The target.</param>
/// <param name="BaseYear">The indicator's base year (an every-year target runs from the year after).</param>
/// <param name="Probability">The probability the forecast gave the target.</param>
/// <param name="Outcome">Met, missed or undecided.</param>
/// <param name="Evidence">The actuals the outcome rests on.</param>
/// <param name="Explanation">Why, in words.</param>
public sealed record TargetAssessment(string IndicatorId, Target Target, int BaseYear, double Probability, TargetOutcome Outcome,
    IReadOnlyList<Actual> Evidence, string Explanation)
{
    /// <summary>(p − o)² with o = 1 for met, 0 for missed; NaN when undecided.</summary>
    public double Brier => Outcome switch
    {
        TargetOutcome.Met => (Probability - 1) * (Probability - 1),
        TargetOutcome.Missed => Probability * Probability,
        _ => double.NaN,
    };
}

/// <summary>The share of exact actuals inside a band, against its nominal coverage.</summary>
/// <param name="Nominal">The band's nominal coverage (0.5, 0.9).</param>
/// <param name="Inside">Exact actuals inside.</param>
/// <param name="Count">Exact actuals.</param>
/// <param name="BoundsOutside">Bounds that lie outside the band whatever the true value (counted apart: a bound can only show a miss).</param>
/// <param name="BoundsUndecided">Bounds that cannot say.</param>
public sealed record BandCoverage(double Nominal, int Inside, int Count, int BoundsOutside, int BoundsUndecided)
{
    /// <summary>Inside / Count (NaN without exact actuals).</summary>
    public double Share => Count > 0 ? (double)Inside / Count : double.NaN;

    /// <summary>The 95% Wilson interval of <see cref="Share"/>: the coverage the actuals are compatible with.</summary>
    public Interval Ci95 => WilsonInterval.Of(Inside, Count);
}

/// <summary>Mean scores of one indicator's exact actuals.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Count">Exact actuals scored.</param>
/// <param name="MeanCrps">Mean CRPS, in the indicator's unit.</param>
/// <param name="MeanCrpsRatio">Mean of CRPS / expected CRPS.</param>
/// <param name="MeanIntervalScore">Mean interval score of the 90% band, in the indicator's unit.</param>
public sealed record IndicatorScores(string IndicatorId, int Count, double MeanCrps, double MeanCrpsRatio, double MeanIntervalScore);

/// <summary>A forecast scored against outcomes.</summary>
/// <param name="Scored">Every actual scored, in file order.</param>
/// <param name="NotScored">Every actual the forecast says nothing about, with the reason.</param>
/// <param name="Targets">Every target of the forecast with its outcome.</param>
/// <param name="Coverage50">Coverage of the 50% band.</param>
/// <param name="Coverage90">Coverage of the 90% band.</param>
/// <param name="ByIndicator">Mean scores per indicator (exact actuals only).</param>
/// <param name="MeanCrpsRatio">Mean CRPS / expected CRPS over the exact actuals: the mean CRPS, on a scale every indicator shares (about 1 for a calibrated forecast).</param>
/// <param name="PitHistogram">The non-randomised PIT histogram: <see cref="ForecastEvaluator.PitBins"/> bins of [0, 1], each actual spread evenly over its PIT interval (bounds included), so the weights add up to the actuals scored.</param>
/// <param name="Brier">Mean Brier score over the decided targets (NaN when none is decided).</param>
/// <param name="TargetsDecided">Targets whose outcome the actuals decide.</param>
public sealed record ForecastEvaluation(IReadOnlyList<ScoredActual> Scored, IReadOnlyList<NotScoredActual> NotScored,
    IReadOnlyList<TargetAssessment> Targets, BandCoverage Coverage50, BandCoverage Coverage90, IReadOnlyList<IndicatorScores> ByIndicator,
    double MeanCrpsRatio, IReadOnlyList<double> PitHistogram, double Brier, int TargetsDecided);
