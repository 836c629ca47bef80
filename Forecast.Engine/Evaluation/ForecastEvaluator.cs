using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Resources;
using Forecast.Engine.Results;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Evaluation;

/// <summary>What to evaluate against what.</summary>
/// <param name="Region">The forecast's region: actuals of other regions are listed, not scored. Null scores every region's rows.</param>
/// <param name="Mappings">Actual indicator id → forecast indicator id, for figures reported under another id whose meaning the user has checked (e.g. a cumulative count with a period suffix).</param>
public sealed record EvaluationOptions(string? Region = null, IReadOnlyDictionary<string, string>? Mappings = null);

/// <summary>
/// Scores a forecast against outcomes: for every actual its PIT, band membership, CRPS and interval score from the stored
/// distribution of its indicator and year; for every target whether the actuals show it met and the probability the
/// forecast gave it (Brier score); and the summary: band coverage, mean CRPS on a common scale, the PIT histogram.
/// </summary>
/// <remarks>
/// Bounds ("at least X") are censored observations and scored as such, never as if X were the value: their PIT is the
/// interval [F(X−), 1]; band coverage counts exact actuals only, and a bound separately when it lies outside the band
/// whatever the true value (a bound can show a miss, never a hit, so counting only decidable bounds would bias coverage
/// down); its CRPS and interval score are the smallest any allowed value would get (lower bounds), kept out of the means.
/// </remarks>
public static partial class ForecastEvaluator
{
    /// <summary>Bins of the PIT histogram.</summary>
    public const int PitBins = 10;

    /// <summary>The interval score's α: the central 90% band.</summary>
    public const double Alpha = 0.1;

    /// <summary>Scores <paramref name="actuals"/> against the run's <paramref name="distribution"/> and its <paramref name="outcomes"/> (targets and probabilities).</summary>
    public static ForecastEvaluation Evaluate(RunDistribution distribution, IReadOnlyList<IndicatorOutcome> outcomes, IReadOnlyList<Actual> actuals,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(actuals);
        options ??= new EvaluationOptions();
        var byId = outcomes.ToDictionary(o => o.Indicator.Id, StringComparer.Ordinal);
        var scoredFirst = new List<(Actual Actual, string Id, ForecastDistribution F)>();
        var notScored = new List<NotScoredActual>();
        foreach (var a in actuals)
        {
            if (options.Region is { } region && a.Region is { } r && !string.Equals(r, region, StringComparison.OrdinalIgnoreCase))
            {
                notScored.Add(new NotScoredActual(a, NotScoredReason.OtherRegion, MessageText.Format(Messages.EvalOtherRegion, r, region)));
                continue;
            }
            string id = options.Mappings is { } map && map.TryGetValue(a.Indicator, out var mapped) ? mapped : a.Indicator;
            if (!byId.TryGetValue(id, out var outcome) || distribution.Indicator(id) is not { } indicatorDistribution)
            {
                notScored.Add(new NotScoredActual(a, NotScoredReason.NotInForecast, MessageText.Format(Messages.EvalNotInForecast, DidYouMean(id, byId.Keys))));
                continue;
            }
            var indicator = outcome.Indicator;
            if (a.Year <= indicator.BaseYear)
            {
                notScored.Add(new NotScoredActual(a, NotScoredReason.BaseYearOrEarlier, a.Year == indicator.BaseYear
                    ? MessageText.Format(Messages.EvalBaseYear, Text(indicator.BaseValue), indicator.BaseYear)
                    : MessageText.Format(Messages.EvalBeforeBase, indicator.BaseYear)));
                continue;
            }
            if (indicatorDistribution.Year(a.Year) is not { } f)
            {
                notScored.Add(new NotScoredActual(a, NotScoredReason.AfterForecast,
                    MessageText.Format(Messages.EvalAfterForecast, indicatorDistribution.Years[^1].Year)));
                continue;
            }
            scoredFirst.Add((a, id, f));
        }

        var counts = scoredFirst.GroupBy(s => (s.Id, s.Actual.Year)).ToDictionary(g => g.Key, g => g.Count());
        var scored = scoredFirst.Select(s => Score(s.Actual, s.Id, s.F, counts[(s.Id, s.Actual.Year)] > 1)).ToList();
        var targets = outcomes.Select(o => Assess(o, scored.Where(s => s.IndicatorId == o.Indicator.Id).Select(s => s.Actual).ToList())).ToList();
        var exact = scored.Where(s => !s.ScoresAreBounds).ToList();
        var byIndicator = exact.GroupBy(s => s.IndicatorId).Select(g => new IndicatorScores(g.Key, g.Count(),
            g.Average(s => s.Crps), g.Average(s => s.CrpsRatio), g.Average(s => s.IntervalScore))).ToList();
        var decided = targets.Where(t => t.Outcome != TargetOutcome.Undecided).ToList();
        return new ForecastEvaluation(scored, notScored, targets, Coverage(scored, 0.5, s => s.In50), Coverage(scored, 0.9, s => s.In90),
            byIndicator, exact.Count > 0 ? exact.Average(s => s.CrpsRatio) : double.NaN, Histogram(scored),
            decided.Count > 0 ? decided.Average(t => t.Brier) : double.NaN, decided.Count);
    }

    /// <summary>Scores one actual against the distribution <paramref name="f"/>.</summary>
    public static ScoredActual Score(Actual actual, string indicatorId, ForecastDistribution f, bool duplicate = false)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(f);
        var (l50, u50) = f.CentralInterval(0.5);
        var (l90, u90) = f.CentralInterval(0.9);
        double x = actual.Value;
        var (below, atOrBelow) = f.Cdf(x);
        Pit pit;
        double crps, score;
        switch (actual.Bound)
        {
            case ActualBound.AtLeast:
                pit = new Pit(below, 1);
                // CRPS(F, y) is convex in y with its minimum at the median; the interval score is flat on [l, u].
                crps = f.Crps(Math.Max(x, f.Quantile(0.5)));
                score = f.IntervalScore(Math.Max(x, l90), Alpha);
                break;
            case ActualBound.AtMost:
                pit = new Pit(0, atOrBelow);
                crps = f.Crps(Math.Min(x, f.Quantile(0.5)));
                score = f.IntervalScore(Math.Min(x, u90), Alpha);
                break;
            default:
                pit = new Pit(below, atOrBelow);
                crps = f.Crps(x);
                score = f.IntervalScore(x, Alpha);
                break;
        }
        return new ScoredActual(actual, indicatorId, f.Quantile(0.5), new Interval(l50, u50), new Interval(l90, u90), pit,
            Position(actual, l50, u50), Position(actual, l90, u90), crps, f.ExpectedCrps, score, duplicate);
    }

    /// <summary>Where the actual lies with respect to [l, u]; a bound is decided only when every value it allows lies on one side.</summary>
    public static BandPosition Position(Actual actual, double l, double u)
    {
        ArgumentNullException.ThrowIfNull(actual);
        double x = actual.Value;
        return actual.Bound switch
        {
            ActualBound.AtLeast => x > u ? BandPosition.Above : BandPosition.Undecided,
            ActualBound.AtMost => x < l ? BandPosition.Below : BandPosition.Undecided,
            _ => x < l ? BandPosition.Below : x > u ? BandPosition.Above : BandPosition.Inside,
        };
    }

    /// <summary>Whether an actual shows a target met, missed, or cannot say (a bound on the wrong side).</summary>
    public static TargetOutcome Meets(Actual actual, Target target)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(target);
        double x = actual.Value, t = target.Value;
        bool atLeast = target.Direction == Direction.AtLeast;
        return actual.Bound switch
        {
            ActualBound.Exact => target.IsMetBy(x) ? TargetOutcome.Met : TargetOutcome.Missed,
            // The value is ≥ x.
            ActualBound.AtLeast => atLeast ? (x >= t ? TargetOutcome.Met : TargetOutcome.Undecided) : (x > t ? TargetOutcome.Missed : TargetOutcome.Undecided),
            // The value is ≤ x.
            _ => atLeast ? (x < t ? TargetOutcome.Missed : TargetOutcome.Undecided) : (x <= t ? TargetOutcome.Met : TargetOutcome.Undecided),
        };
    }

    private static TargetAssessment Assess(IndicatorOutcome outcome, IReadOnlyList<Actual> actuals)
    {
        var indicator = outcome.Indicator;
        var target = indicator.Target;
        TargetAssessment Result(TargetOutcome o, IReadOnlyList<Actual> evidence, string why) =>
            new(indicator.Id, target, indicator.BaseYear, outcome.Probability, o, evidence, why);

        if (target.Period == TargetPeriod.TargetYear)
        {
            var inYear = actuals.Where(a => a.Year == target.Year).ToList();
            if (inYear.Count == 0) return Result(TargetOutcome.Undecided, [], MessageText.Format(Messages.EvalNoActual, target.Year));
            var verdicts = inYear.Select(a => Meets(a, target)).ToList();
            var decided = verdicts.Where(v => v != TargetOutcome.Undecided).Distinct().ToList();
            if (decided.Count == 1)
                return Result(decided[0], inYear, MessageText.Format(Messages.EvalAgainst, target.Year, Values(inYear), Text(target.Value)));
            return decided.Count > 1
                ? Result(TargetOutcome.Undecided, inYear, MessageText.Format(Messages.EvalSourcesDisagreeIn, target.Year, List(inYear.Select(a => a.ValueText))))
                : Result(TargetOutcome.Undecided, inYear, MessageText.Format(Messages.EvalCannotSay, target.Year, Values(inYear), Text(target.Value)));
        }

        // Every year from the year after the base to the target year: one decided miss settles it; a hit needs every year.
        var years = Enumerable.Range(indicator.BaseYear + 1, target.Year - indicator.BaseYear).ToList();
        var relevant = actuals.Where(a => a.Year > indicator.BaseYear && a.Year <= target.Year).ToList();
        var missed = relevant.Where(a => Meets(a, target) == TargetOutcome.Missed).ToList();
        var met = relevant.Where(a => Meets(a, target) == TargetOutcome.Met).ToList();
        var metYears = met.Select(a => a.Year).ToHashSet();
        if (missed.Count > 0 && missed.All(m => !met.Any(a => a.Year == m.Year)))
            return Result(TargetOutcome.Missed, missed, MessageText.Format(Messages.EvalMissedIn, List(missed.Select(a => a.Year).Distinct())));
        if (missed.Count == 0 && years.All(metYears.Contains))
            return Result(TargetOutcome.Met, met, MessageText.Format(Messages.EvalMetEveryYear, years[0], years[^1]));
        var lacking = years.Where(y => !metYears.Contains(y)).ToList();
        return Result(TargetOutcome.Undecided, relevant, missed.Count > 0
            ? Messages.EvalSourcesDisagree
            : MessageText.Format(Messages.EvalNoDeciding, List(lacking)));
    }

    private static BandCoverage Coverage(IReadOnlyList<ScoredActual> scored, double nominal, Func<ScoredActual, BandPosition> position)
    {
        var exact = scored.Where(s => !s.ScoresAreBounds).ToList();
        var bounds = scored.Where(s => s.ScoresAreBounds).ToList();
        return new BandCoverage(nominal, exact.Count(s => position(s) == BandPosition.Inside), exact.Count,
            bounds.Count(s => position(s) is BandPosition.Above or BandPosition.Below), bounds.Count(s => position(s) == BandPosition.Undecided));
    }

    /// <summary>The non-randomised PIT histogram (Czado, Gneiting and Held 2009): each actual spread evenly over its PIT interval.</summary>
    public static double[] Histogram(IEnumerable<ScoredActual> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var bins = new double[PitBins];
        foreach (var s in scored)
            for (int b = 0; b < PitBins; b++) bins[b] += s.Pit.Share((double)b / PitBins, (double)(b + 1) / PitBins);
        return bins;
    }

    /// <summary>
    /// A hint for an id the forecast lacks: the forecast's id it differs from only by a period suffix ("_2021_2025", as outcome
    /// files name cumulative counts), which --map can score (only if the definitions agree), else the validator's "did you mean".
    /// </summary>
    private static string DidYouMean(string id, IEnumerable<string> known)
    {
        string withoutPeriod = PeriodSuffix().Replace(id, "");
        return withoutPeriod != id && known.Contains(withoutPeriod, StringComparer.Ordinal)
            ? MessageText.Format(Messages.EvalSimilarId, withoutPeriod, id)
            : ScenarioValidator.Suggest(id, known);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"_[0-9]{4}_[0-9]{4}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PeriodSuffix();

    private static string Text(double x) => x.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>Values of one year joined as the UI language joins two sources' figures ("1000 and 1050", "1000和1050").</summary>
    private static string Values(IEnumerable<Actual> actuals) => string.Join(Messages.EvalAnd, actuals.Select(a => a.ValueText));

    /// <summary>Years or values listed in the UI language ("2021, 2024", "2021、2024").</summary>
    private static string List<T>(IEnumerable<T> items) =>
        string.Join(Messages.EvalListSeparator, items.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));
}
