using System.Collections.Immutable;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Fits every candidate structure of an indicator's shape to its own history, with the panel's pooled drift and volatility as
/// priors, and weights them: by the one-step-ahead log score where the history has three or more points, otherwise by the stated
/// prior weights, never a silent pick.
/// </summary>
public static class CandidateAnalysis
{
    /// <summary>Fits the candidates; null when nothing identifies any (no own point, or one point and no panel).</summary>
    /// <param name="own">The indicator's own yearly series (no period totals).</param>
    /// <param name="donors">Other regions' yearly series of the same indicator.</param>
    /// <param name="panel">Every yearly series of the history (the volatility prior's fallback when no donor has three points).</param>
    /// <param name="shape">What kind of quantity the indicator is.</param>
    /// <param name="options">Stated choices; defaults when null.</param>
    public static CandidateSet? Fit(HistoricalSeries own, IReadOnlyList<HistoricalSeries> donors, IReadOnlyList<HistoricalSeries> panel, IndicatorShape shape, CandidateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(donors);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(shape);
        options ??= new CandidateOptions();
        WorkingScale relative = shape is ShareShape share ? new WorkingScale(WorkingScaleKind.Logit, share.Bounds) : WorkingScale.Log;
        if (own.Count == 0 || own.Observations.Any(o => o.Period is not null || !relative.Accepts(o.Value)))
        {
            return null;
        }
        var usableDonors = donors.Where(d => d.Count >= 2 && d.Observations.All(o => o.Period is null && relative.Accepts(o.Value))).ToList();
        var warnings = ImmutableArray.CreateBuilder<string>();
        VolatilityPrior volatility = options.StatedVolatility ?? PanelVolatility(relative, usableDonors, panel, shape is ShareShape, options);
        PanelPooling? pooling = Pool(own, usableDonors, relative, volatility, options);
        if (options.StatedPanelDrift is { } stated)
        {
            pooling = pooling is null
                ? new PanelPooling([], null, null, stated, null, stated.Sd, F(T.PoolingStated, stated.Source))
                : pooling with { OwnPrior = stated };
        }
        if (own.Count == 1 && pooling is null)
        {
            return null;
        }

        var structures = Structures(shape, own.Count);
        Func<HistoricalSeries, CandidateFit> Builder(CandidateStructure s) => series => Build(s, series, shape, relative, volatility, pooling, options);
        var fits = structures.Select(s => Builder(s)(own)).ToImmutableArray();
        double[] prior = structures.Select(s => options.PriorWeights is { } p && p.TryGetValue(s, out double w) ? w : 1.0).ToArray();
        double priorSum = prior.Sum();
        if (!(priorSum > 0) || prior.Any(w => w < 0 || !double.IsFinite(w)))
        {
            throw new ArgumentException("Prior weights must be finite, ≥ 0 and not all 0.", nameof(options));
        }
        for (int i = 0; i < prior.Length; i++) prior[i] /= priorSum;

        int n = own.Count;
        WeightBasis basis;
        string why;
        double[] scores = Enumerable.Repeat(double.NaN, fits.Length).ToArray();
        double[] weights = (double[])prior.Clone();
        string priorWords = options.PriorWeights is null ? T.EqualPriorWeights : T.StatedPriorWeights;
        if (n >= 3)
        {
            for (int i = 0; i < fits.Length; i++)
            {
                double total = 0;
                for (int k = 2; k < n; k++)
                {
                    var prefix = HistoricalSeries.Create(own.Indicator, own.Region, own.Observations.Take(k));
                    Observation next = own.Observations[k];
                    total += Builder(structures[i])(prefix).LogPredictiveDensity(next.Year, next.Value);
                }
                scores[i] = total;
            }
            if (scores.Any(double.IsNaN) || scores.All(double.IsNegativeInfinity))
            {
                basis = WeightBasis.PriorWeights;
                why = F(T.WhyScoresFailed, n, priorWords);
                scores = Enumerable.Repeat(double.NaN, fits.Length).ToArray();
            }
            else
            {
                double max = scores.Where(double.IsFinite).Max();
                for (int i = 0; i < fits.Length; i++) weights[i] = prior[i] * Math.Exp(scores[i] - max);
                double sum = weights.Sum();
                for (int i = 0; i < fits.Length; i++) weights[i] /= sum;
                basis = WeightBasis.OneStepLogScore;
                why = F(T.WhyLogScore, n, n - 2, own.Observations[2].Year, options.PriorWeights is null ? T.EqualPriorWeight : T.StatedPriorWeight);
            }
        }
        else
        {
            basis = WeightBasis.PriorWeights;
            why = n == 2
                ? F(T.WhyTwoPoints, own.Observations[0].Year, own.Observations[1].Year, priorWords)
                : F(T.WhyOnePoint, own.Observations[0].Year, priorWords);
        }

        if (pooling is not null && usableDonors.Count == 1)
        {
            warnings.Add(F(T.OneDonorRegion, own.Indicator, usableDonors[0].Region, options.BetweenRegionSource));
        }
        if (volatility.Basis == VolatilityPriorBasis.Fallback)
        {
            warnings.Add(F(T.NoPanelVolatility, own.Indicator, volatility.Source));
        }
        var candidates = fits.Select((f, i) => new WeightedCandidate(f, prior[i], scores[i], weights[i])).ToImmutableArray();
        return new CandidateSet(own.Indicator, own, candidates, basis, why, volatility, pooling, warnings.ToImmutable());
    }

    private static ImmutableArray<CandidateStructure> Structures(IndicatorShape shape, int n) => shape switch
    {
        ShareShape => [CandidateStructure.LinearTrend, CandidateStructure.LogisticSaturation],
        StockShape => [CandidateStructure.StockFlowConstantEntries, CandidateStructure.StockFlowGrowingEntries],
        _ when n >= 2 => [CandidateStructure.LinearTrend, CandidateStructure.CompoundGrowth, CandidateStructure.DampedGrowth],
        _ => [CandidateStructure.LinearTrend, CandidateStructure.CompoundGrowth],
    };

    private static CandidateFit Build(CandidateStructure structure, HistoricalSeries series, IndicatorShape shape, WorkingScale relative,
        VolatilityPrior volatility, PanelPooling? pooling, CandidateOptions options)
    {
        double x = series.Observations[^1].Value;
        string unit = relative.Kind == WorkingScaleKind.Logit ? T.UnitLogitShare : T.UnitLnX;
        switch (structure)
        {
            case CandidateStructure.CompoundGrowth:
            case CandidateStructure.LogisticSaturation:
                return new DriftWalkCandidate(structure, relative, series, volatility.Sigma, volatility.DegreesOfFreedom, pooling?.OwnPrior, unit, volatility.Source);
            case CandidateStructure.LinearTrend:
            {
                // The relative scale's σ and drift prior in level units at the last value: dx = x·d(ln x), or range·p(1 − p)·d(logit p).
                double slope = relative.Kind == WorkingScaleKind.Logit
                    ? relative.Bounds!.Range * ((x - relative.Bounds.Lower) / relative.Bounds.Range) * ((relative.Bounds.Upper - x) / relative.Bounds.Range)
                    : x;
                DriftPrior? levelPrior = pooling is null ? null : new DriftPrior(slope * pooling.OwnPrior.Mean, slope * pooling.OwnPrior.Sd, F(T.InLevelUnits, pooling.OwnPrior.Source));
                var level = relative.Kind == WorkingScaleKind.Logit ? new WorkingScale(WorkingScaleKind.Level, relative.Bounds) : WorkingScale.Level;
                return new DriftWalkCandidate(structure, level, series, options.StatedLevelVolatility ?? slope * volatility.Sigma, volatility.DegreesOfFreedom, levelPrior, T.UnitLevel,
                    options.StatedLevelVolatility is null ? F(T.InLevelUnits, volatility.Source) : T.StatedInLevelUnits);
            }
            case CandidateStructure.DampedGrowth:
            {
                DriftPrior longRun = pooling?.OwnPrior ?? NoPanelLongRun(series);
                return new DampedGrowthCandidate(series, volatility.Sigma, volatility.DegreesOfFreedom, longRun, options.DampingPrior, volatility.Source);
            }
            default:
            {
                var stock = (StockShape)shape;
                double[] exitRates = Enumerable.Range(0, StockFlowCalibrator.ExitRateGrid)
                    .Select(k => Math.Clamp(stock.ExitRate.Quantile((k + 0.5) / StockFlowCalibrator.ExitRateGrid), 0, 1)).ToArray();
                bool growing = structure == CandidateStructure.StockFlowGrowingEntries;
                DriftPrior? growth = pooling?.OwnPrior ?? (growing && series.Count >= 2 ? OwnGrowth(series) : null);
                return new StockFlowCandidate(growing, series, exitRates, stock.ExitRate, stock.EntriesDispersion, growth, T.UnitUnits);
            }
        }
    }

    /// <summary>Without a panel, damped growth tends to no growth (Gardner and McKenzie's damped trend), with the history's pace as the sd.</summary>
    private static DriftPrior NoPanelLongRun(HistoricalSeries s)
    {
        double g = Math.Log(s.Observations[^1].Value / s.Observations[0].Value) / (s.Observations[^1].Year - s.Observations[0].Year);
        return new DriftPrior(0, Math.Max(Math.Abs(g), 0.02), F(T.NoPanelLongRun, Math.Max(Math.Abs(g), 0.02)));
    }

    /// <summary>Without a panel, growing entries grow at the stock's own average growth, ± half of it.</summary>
    private static DriftPrior OwnGrowth(HistoricalSeries s)
    {
        double g = Math.Log(s.Observations[^1].Value / s.Observations[0].Value) / (s.Observations[^1].Year - s.Observations[0].Year);
        return new DriftPrior(g, Math.Max(Math.Abs(g) / 2, 0.01), F(T.NoPanelOwnGrowth, g, s.Observations[0].Year, s.Observations[^1].Year));
    }

    /// <summary>
    /// The volatility prior from the panel's yearly changes on the relative scale: the within-series scatter of every donor with
    /// three or more points (Σ SSᵣ / Σ dfᵣ), worth at most <see cref="CandidateOptions.MaximumPanelDegreesOfFreedom"/> own changes;
    /// else of every series of the panel on the log scale (levels only); else the stated fallback.
    /// </summary>
    internal static VolatilityPrior PanelVolatility(WorkingScale relative, IReadOnlyList<HistoricalSeries> donors, IReadOnlyList<HistoricalSeries> panel, bool share, CandidateOptions options)
    {
        VolatilityPrior? From(IEnumerable<HistoricalSeries> series, VolatilityPriorBasis basis)
        {
            var used = series.Where(s => s.Count >= 3 && s.Observations.All(o => o.Period is null && relative.Accepts(o.Value))).ToList();
            if (used.Count == 0) return null;
            double ss = 0;
            int df = 0;
            foreach (HistoricalSeries s in used)
            {
                var (_, scatter, _, changes) = relative.Walk(s.Observations);
                ss += scatter;
                df += changes - 1;
            }
            if (!(ss > 0)) return null;
            double sigma = Math.Sqrt(ss / df), nu = Math.Min(df, options.MaximumPanelDegreesOfFreedom);
            string names = string.Join(T.ListSeparator, used.Select(s => F(T.SeriesSpan, s.Label, s.Observations[0].Year, s.Observations[^1].Year, s.Count)));
            return new VolatilityPrior(sigma, nu, basis, F(share ? T.PanelVolatilityLogit : T.PanelVolatilityLog, names, sigma, df, nu));
        }
        return From(donors, VolatilityPriorBasis.SameIndicatorPanel)
            ?? (share ? null : From(panel, VolatilityPriorBasis.WholePanel))
            ?? new VolatilityPrior(options.FallbackVolatility, options.FallbackDegreesOfFreedom, VolatilityPriorBasis.Fallback,
                F(T.PanelVolatilityFallback, options.FallbackVolatility, options.FallbackDegreesOfFreedom));
    }

    /// <summary>Pools the donors' drifts (random effects); the own region's predictive and shrunken drift.</summary>
    internal static PanelPooling? Pool(HistoricalSeries own, IReadOnlyList<HistoricalSeries> donors, WorkingScale relative, VolatilityPrior volatility, CandidateOptions options)
    {
        if (donors.Count == 0) return null;
        var studies = donors.Select(d => Study(d, d.Region ?? d.Label, relative, volatility)).ToImmutableArray();
        RandomEffectsFit? dl = null, reml = null;
        DriftPrior ownPrior;
        double tau;
        string tauSource;
        if (studies.Length == 1)
        {
            tau = options.BetweenRegionSd;
            tauSource = F(T.OneDonorTau, options.BetweenRegionSource);
            ownPrior = new DriftPrior(studies[0].Estimate, Math.Sqrt(studies[0].Variance + tau * tau),
                F(T.DonorDrift, studies[0].Label, studies[0].Estimate, tau));
        }
        else
        {
            dl = RandomEffectsMeta.Fit(studies, TauEstimator.DerSimonianLaird);
            reml = RandomEffectsMeta.Fit(studies, TauEstimator.RestrictedMaximumLikelihood);
            bool floor = studies.Length < options.DonorsForEstimatedTau && reml.Tau < options.BetweenRegionSd;
            tau = floor ? options.BetweenRegionSd : reml.Tau;
            tauSource = floor
                ? F(T.RemlBelowPrior, reml.Tau, studies.Length, options.BetweenRegionSource)
                : F(T.RemlOver, studies.Length);
            ownPrior = new DriftPrior(reml.Mu, Math.Sqrt(tau * tau + reml.MuStandardError * reml.MuStandardError),
                F(T.PooledDrift, reml.Mu, string.Join(T.ListSeparator, studies.Select(s => s.Label)), tau));
        }
        ShrunkenEstimate? shrunken = null;
        if (own.Count >= 2)
        {
            RandomEffectsStudy o = Study(own, own.Region ?? own.Label, relative, volatility);
            double prior = ownPrior.Sd * ownPrior.Sd;
            double variance = 1 / (1 / prior + 1 / o.Variance);
            double estimate = variance * (ownPrior.Mean / prior + o.Estimate / o.Variance);
            double z = IntervalQuantiles.Normal975;
            shrunken = new ShrunkenEstimate(o.Label, estimate, Math.Sqrt(variance), estimate - z * Math.Sqrt(variance), estimate + z * Math.Sqrt(variance));
        }
        return new PanelPooling(studies, dl, reml, ownPrior, shrunken, tau, tauSource);
    }

    /// <summary>A series' average drift (last − first)/span on the relative scale, and its variance s²/span with s² from its own changes and the volatility prior.</summary>
    private static RandomEffectsStudy Study(HistoricalSeries s, string label, WorkingScale relative, VolatilityPrior volatility)
    {
        var (b, ss, span, changes) = relative.Walk(s.Observations);
        double nu = volatility.DegreesOfFreedom + changes - 1;
        double s2 = (volatility.DegreesOfFreedom * volatility.Sigma * volatility.Sigma + ss) / nu;
        return new RandomEffectsStudy(Invariant($"{label} {s.Observations[0].Year}-{s.Observations[^1].Year}"), b, s2 / span);
    }
}
