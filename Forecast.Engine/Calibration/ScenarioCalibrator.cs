using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Forecast.Engine.Model;
using static System.FormattableString;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Calibrates a scenario's drivers from history: for each indicator the history covers, chooses the
/// estimator by the indicator's model kind, fits it, and replaces the driver's level by the sampling
/// distribution of the estimate, so that parameter uncertainty carries into the Monte Carlo.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>compound</b>: drift g of ln x (random walk with drift or log-linear trend, by AIC; two points:
/// the average growth with σ from the prior). The growth driver's level ~ Normal(exp(g + σ²/2) − 1, sd), the
/// arithmetic mean growth whose lognormal yearly factor (yearly kind <c>growth</c>) has median drift g; sd the
/// delta-method standard error matched to the 95% interval.</item>
/// <item><b>ratio</b>: only the ratio's growth is identified. With a growth driver on each side, the numerator's
/// level is calibrated given the denominator driver's assumed mean:
/// 1 + L_N = (1 + μ_D)·exp(g_r + (σ_N² − σ_D²)/2), sd (1 + L_N)·sd(g_r); the denominator is left as assumed.
/// Otherwise the drivers are left unchanged, with a warning.</item>
/// <item><b>share</b>: the logit of the share follows a random walk with step b (the odds compound at e^b), or a
/// logit-linear trend, by AIC; the step driver's level ~ Normal(b, sd), its yearly sd the logit volatility where
/// identified.</item>
/// <item><b>stock-flow</b> (open stock): entries a year from counts of entries when the history has them,
/// otherwise implied by the stock's change given the exit-rate driver's distribution (integrated over it):
/// E = (N₁ − N₀(1 − q)^Δ)·q/(1 − (1 − q)^Δ). Level ~ LogNormal(ln Ê, σ) with σ² the counting variance of the
/// entries under the driver's yearly variation plus the variance of ln Ê over the exit rate. The exit rate is not
/// identified by two stock levels and stays as assumed.</item>
/// <item><b>cumulative / flow</b>: counts per year by Poisson and negative binomial regression with the period
/// lengths as exposure (e.g. 111 platforms in 2016-2020 is 111 over 5 years). Level ~ LogNormal(β̂₀, se).</item>
/// </list>
/// Where the indicator's own series (region <see cref="ScenarioCalibrationOptions.Region"/> or no region) cannot
/// identify the growth, other regions' series of the same indicator (the panel) are pooled. The scenario's own
/// base values and <c>history</c> entries are used as observations too (the history file wins for a year it gives).
/// </remarks>
public static partial class ScenarioCalibrator
{
    private static readonly double Z975 = IntervalQuantiles.Normal975;

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
        if (options.PriorVolatility is { } prior && (!double.IsFinite(prior) || prior < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), prior, "The prior volatility must be a finite number ≥ 0.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BacktestHorizon, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumTrainingPoints, 3, nameof(options));

        var context = new Context(scenario, panel, options);
        var drivers = scenario.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var calibratedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = ImmutableArray.CreateBuilder<IndicatorCalibration>(scenario.Indicators.Count);
        foreach (Indicator indicator in scenario.Indicators)
        {
            IndicatorCalibration result = indicator.Model switch
            {
                CompoundGrowthModel m => CalibrateCompound(context, indicator, m),
                RatioModel m => CalibrateRatio(context, indicator, m),
                BoundedShareModel m => CalibrateShare(context, indicator, m),
                StockFlowModel m => CalibrateStockFlow(context, indicator, m),
                CumulativeModel m => CalibrateCounts(context, indicator, m.Driver, "yearly count"),
                FlowModel m => CalibrateCounts(context, indicator, m.Driver, "yearly flow"),
                _ => Unchanged(indicator, "none", "the model kind is not supported by calibration", []),
            };
            results.Add(ResolveConflicts(result, drivers, calibratedBy));
        }

        var calibratedDrivers = scenario.Drivers.Select(d => drivers[d.Id]).ToList();
        var calibrated = scenario with
        {
            Name = scenario.Name + "-calibrated",
            Title = new LocalizedText(scenario.Title.Zh + "（校准）", scenario.Title.En + " (calibrated)"),
            Drivers = calibratedDrivers,
        };
        ScenarioValidator.Validate(calibrated);
        return new ScenarioCalibration(scenario, calibrated, results.ToImmutable(), UnusedSeries(scenario, panel), options);
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
                warnings.Add(Invariant($"driver '{d.Driver}' was already calibrated from '{first}'; this indicator's estimate ({d.After.Describe()}) is reported but not applied."));
                kept.Add(d with { After = drivers[d.Driver].Level, YearlyAfter = drivers[d.Driver].Yearly, Changed = false, Note = "already calibrated from " + first });
                continue;
            }
            Driver old = drivers[d.Driver];
            if (old.LevelChanges.Count > 0)
            {
                warnings.Add(Invariant($"driver '{d.Driver}' has level changes from {old.LevelChanges[0].FromYear}; they are kept as in the base scenario, only the level before them is calibrated."));
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

    // ------------------------------------------------------------------------------------------------
    // compound

    private static IndicatorCalibration CalibrateCompound(Context c, Indicator indicator, CompoundGrowthModel model)
    {
        Driver driver = c.Scenario.Driver(model.Growth);
        if (!c.Covers(indicator))
        {
            return NoHistory(indicator, [Keep(driver, "growth", "no history")]);
        }
        var (own, dataWarnings) = c.OwnSeries(indicator);
        var (sigma, source) = c.Prior(driver);
        GrowthEvidence e = GrowthFromSeries(c, own, new GrowthPrior(sigma, source), SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            return Unchanged(indicator, e.Method, "growth not identifiable: drivers unchanged", [Keep(driver, "growth", "growth not identified")], own, e, warnings);
        }
        double yearlySigma = YearlySigmaAfter(c, driver, e, YearlyVariationKind.Growth);
        double level = Math.Exp(e.Drift + yearlySigma * yearlySigma / 2) - 1;
        double sd = (1 + level) * e.DriftSd;
        var after = new NormalDistribution(Round(level), Round(sd));
        var yearlyAfter = driver.Yearly.Kind == YearlyVariationKind.Growth ? YearlyVariation.Growth(Round(yearlySigma)) : driver.Yearly;
        string note = Invariant($"Calibrated from {e.Source}: drift {Num(e.Drift)} a year (log terms, 95% {Interval(e.Drift, e.DriftSd)}), yearly sigma {Num(yearlySigma)} ({e.VolatilitySource}); level {after.Describe()} = exp(drift + sigma^2/2) - 1 and its standard error (was {driver.Level.Describe()}).");
        return Result(indicator, e, own, warnings, [new DriverCalibration(driver.Id, "growth", driver.Level, after, driver.Yearly, yearlyAfter, true, note)]);
    }

    // ------------------------------------------------------------------------------------------------
    // ratio

    private static IndicatorCalibration CalibrateRatio(Context c, Indicator indicator, RatioModel model)
    {
        Driver? numerator = model.Numerator.GrowthDriver is { } n ? c.Scenario.Driver(n) : null;
        Driver? denominator = model.Denominator.GrowthDriver is { } d ? c.Scenario.Driver(d) : null;
        var kept = new List<DriverCalibration>();
        if (numerator is not null) kept.Add(Keep(numerator, "numerator growth", "not calibrated"));
        if (denominator is not null) kept.Add(Keep(denominator, "denominator growth", "assumption kept: the ratio's history cannot separate it from the numerator"));
        if (!c.Covers(indicator))
        {
            return NoHistory(indicator, [.. kept]);
        }
        var (own, dataWarnings) = c.OwnSeries(indicator);

        double sigmaN = numerator is { Yearly.Kind: YearlyVariationKind.Growth } ? numerator.Yearly.Scale : 0;
        double sigmaD = denominator is { Yearly.Kind: YearlyVariationKind.Growth } ? denominator.Yearly.Scale : 0;
        GrowthPrior prior;
        if (c.Options.PriorVolatility is { } p)
        {
            prior = new GrowthPrior(p, Invariant($"--prior-volatility {Num(p)}"));
        }
        else if (sigmaN > 0 || sigmaD > 0)
        {
            double rho = numerator is not null && denominator is not null ? c.Correlation(numerator.Id, denominator.Id) : 0;
            double s = Math.Sqrt(Math.Max(0, sigmaN * sigmaN + sigmaD * sigmaD - 2 * rho * sigmaN * sigmaD));
            prior = new GrowthPrior(s, Invariant($"the ratio's yearly sigma implied by the base scenario's numerator and denominator shocks ({Num(sigmaN)}, {Num(sigmaD)}, rho {Num(rho)})"));
        }
        else
        {
            prior = new GrowthPrior(ScenarioCalibrationOptions.DefaultPriorVolatility, "default prior 0.10");
        }

        GrowthEvidence e = GrowthFromSeries(c, own, prior, SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            warnings = warnings.Add(Invariant($"{indicator.Id}: the ratio's growth is not identified, so neither side can be calibrated: {string.Join(" and ", kept.Select(k => k.Driver))} unchanged (assumptions)."));
            return Unchanged(indicator, e.Method, "ratio growth not identifiable: drivers unchanged", [.. kept], own, e, warnings);
        }
        if (numerator is null || denominator is null)
        {
            string why = numerator is null
                ? Invariant($"the numerator is the indicator '{model.Numerator.Indicator}' (calibrate that indicator instead)")
                : Invariant($"the denominator is the indicator '{model.Denominator.Indicator}', whose growth is not a driver that can be held at its assumption");
            warnings = warnings.Add(Invariant($"{indicator.Id}: the ratio grows by {Percent(Math.Exp(e.Drift) - 1)} a year ({e.Source}), but {why}; drivers unchanged."));
            return Unchanged(indicator, e.Method, "identified, not applied: " + why, [.. kept], own, e, warnings);
        }

        double muD = denominator.Level.Mean;
        double level = (1 + muD) * Math.Exp(e.Drift + (sigmaN * sigmaN - sigmaD * sigmaD) / 2) - 1;
        double sd = (1 + level) * e.DriftSd;
        var after = new NormalDistribution(Round(level), Round(sd));
        warnings = warnings.Add(Invariant($"{indicator.Id}: only the ratio's growth is identified (drift {Num(e.Drift)} a year); '{numerator.Id}' is calibrated given the assumed mean {Num(muD)} of '{denominator.Id}', which stays as assumed. The denominator's own level uncertainty adds to the ratio's, so the simulated ratio growth is somewhat wider than the data's interval."));
        string note = Invariant($"Calibrated from {e.Source}: the ratio {indicator.Id} grew with drift {Num(e.Drift)} a year (95% {Interval(e.Drift, e.DriftSd)}); given {denominator.Id} at its assumed mean {Num(muD)}, level {after.Describe()} = (1 + {Num(muD)})·exp(drift + ({Num(sigmaN)}^2 - {Num(sigmaD)}^2)/2) - 1 (was {numerator.Level.Describe()}).");
        var changed = new DriverCalibration(numerator.Id, "numerator growth", numerator.Level, after, numerator.Yearly, numerator.Yearly, true, note);
        return Result(indicator, e, own, warnings, [changed, .. kept.Where(k => k.Driver != numerator.Id)]);
    }

    // ------------------------------------------------------------------------------------------------
    // share

    private static IndicatorCalibration CalibrateShare(Context c, Indicator indicator, BoundedShareModel model)
    {
        Driver driver = c.Scenario.Driver(model.Step);
        if (!c.Covers(indicator))
        {
            return NoHistory(indicator, [Keep(driver, "step", "no history")]);
        }
        var (own, dataWarnings) = c.OwnSeries(indicator);
        Bounds b = indicator.Bounds ?? Bounds.Percent;
        var bounds = new ShareBounds(b.Lower, b.Upper);
        var (sigma, source) = c.Prior(driver);
        GrowthEvidence e = GrowthFromSeries(c, own, new GrowthPrior(sigma, source), new SeriesScale(bounds));
        var warnings = dataWarnings.AddRange(e.Warnings);
        if (!e.Identified)
        {
            return Unchanged(indicator, e.Method, "logit step not identifiable: drivers unchanged", [Keep(driver, "step", "step not identified")], own, e, warnings);
        }
        double yearlySigma = YearlySigmaAfter(c, driver, e, YearlyVariationKind.Normal);
        var after = new NormalDistribution(Round(e.Drift), Round(e.DriftSd));
        var yearlyAfter = driver.Yearly.Kind == YearlyVariationKind.Normal ? YearlyVariation.Normal(Round(yearlySigma)) : driver.Yearly;
        string note = Invariant($"Calibrated from {e.Source}: logit step {Num(e.Drift)} a year (95% {Interval(e.Drift, e.DriftSd)}), yearly sd {Num(yearlySigma)} ({e.VolatilitySource}); level {after.Describe()} (was {driver.Level.Describe()}).");
        return Result(indicator, e, own, warnings, [new DriverCalibration(driver.Id, "step", driver.Level, after, driver.Yearly, yearlyAfter, true, note)]);
    }

    private static double YearlySigmaAfter(Context c, Driver driver, GrowthEvidence e, YearlyVariationKind kind)
    {
        if (driver.Yearly.Kind != kind)
        {
            return 0;
        }
        if (e.VolatilityIdentified)
        {
            return e.Volatility;
        }
        return c.Options.PriorVolatility ?? driver.Yearly.Scale;
    }

    // ------------------------------------------------------------------------------------------------
    // shared growth evidence (compound, ratio, share via the odds)

    /// <summary>How a series is turned into a positive series whose log-growth is the quantity of interest.</summary>
    private sealed record SeriesScale(ShareBounds? Bounds)
    {
        public static SeriesScale Positive { get; } = new((ShareBounds?)null);

        public bool IsShare => Bounds is not null;

        public string Step => IsShare ? "logit step" : "drift";

        public bool Accepts(Observation o) => Bounds is null ? o.Value > 0 : Bounds.StrictlyContains(o.Value);

        /// <summary>The odds (x − lo)/(hi − x) for a share, the value itself otherwise: its log-growth is the logit step or the drift.</summary>
        public HistoricalSeries Transform(HistoricalSeries s) => Bounds is null
            ? s
            : HistoricalSeries.Create(s.Indicator, s.Region, s.Observations.Select(o => o with { Value = (o.Value - Bounds.Lower) / (Bounds.Upper - o.Value) }));

        public double Back(double odds) => Bounds is null ? odds : Bounds.Lower + Bounds.Range * odds / (1 + odds);
    }

    private sealed record GrowthEvidence
    {
        public bool Identified { get; init; }
        public double Drift { get; init; } = double.NaN;
        public double DriftSd { get; init; } = double.NaN;
        public double Volatility { get; init; } = double.NaN;
        public bool VolatilityIdentified { get; init; }
        public string VolatilitySource { get; init; } = "";
        public string Source { get; init; } = "";
        public required string Method { get; init; }
        public ImmutableArray<ParameterEstimate> Parameters { get; init; } = [];
        public FitStatistics? Statistics { get; init; }
        public ModelRanking? Ranking { get; init; }
        public BacktestResult? Backtest { get; init; }
        public string BacktestNote { get; init; } = "not enough history";
        public ImmutableArray<HistoricalSeries> Panel { get; init; } = [];
        public ImmutableArray<CurvePoint> Curve { get; init; } = [];
        public ImmutableArray<string> Warnings { get; init; } = [];
        public IdentifiabilityReport? Identifiability { get; init; }
    }

    private static GrowthEvidence GrowthFromSeries(Context c, HistoricalSeries own, GrowthPrior prior, SeriesScale scale)
    {
        string method = scale.IsShare ? "logit random walk (odds compound)" : "compound growth";
        var identifiability = Identifiability.Assess(own, c.Panel, prior);
        var bad = own.Observations.FirstOrDefault(o => !scale.Accepts(o));
        if (bad is not null)
        {
            string need = scale.IsShare ? Invariant($"strictly between {scale.Bounds!.Lower} and {scale.Bounds.Upper}") : "above 0";
            return new GrowthEvidence { Method = method, Identifiability = identifiability, Warnings = [Invariant($"{own.Label}: the value {bad.Value} in {bad.Year} is not {need}; the {scale.Step} cannot be estimated.")] };
        }
        HistoricalSeries odds = scale.Transform(own);
        int n = own.Count;
        if (n >= 3)
        {
            return ManyPoints(c, own, odds, prior, scale, method, identifiability);
        }
        if (n == 2)
        {
            CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.RandomWalkWithDrift);
            Observation a = own.Observations[0], z = own.Observations[1];
            string average = scale.IsShare
                ? Invariant($"logit step {Num(fit.Drift.Estimate)} a year, {Num((z.Value - a.Value) / (z.Year - a.Year))} points a year")
                : Invariant($"CAGR {Percent(fit.ArithmeticRate.Estimate)} a year");
            return new GrowthEvidence
            {
                Identified = true,
                Drift = fit.Drift.Estimate,
                DriftSd = ZSd(fit.Drift),
                Volatility = prior.Volatility,
                VolatilitySource = "prior: " + prior.Source,
                Source = Invariant($"{own.Label} {a.Year}-{z.Year} (2 points)"),
                Method = method + (scale.IsShare ? ", two-point logit step" : ", two-point CAGR") + " with the volatility from the prior",
                Parameters = Named(fit, scale),
                Statistics = fit.Statistics,
                Curve = Curve(fit, scale, a.Year, z.Year),
                BacktestNote = "not enough history (2 points)",
                Identifiability = identifiability,
                Warnings = [Invariant($"{own.Label}: two points ({a.Year}: {Num(a.Value)}, {z.Year}: {Num(z.Value)}): average growth only ({average}); volatility from the prior (sigma = {Num(prior.Volatility)}, {prior.Source}); the interval of the {scale.Step} is conditional on that prior.")],
            };
        }
        return FromPanel(c, own, prior, scale, method, identifiability);
    }

    private static GrowthEvidence ManyPoints(Context c, HistoricalSeries own, HistoricalSeries odds, GrowthPrior prior, SeriesScale scale, string method, IdentifiabilityReport identifiability)
    {
        string walkName = scale.IsShare ? "logit random walk" : "random walk with drift";
        string trendName = scale.IsShare ? "logit-linear trend" : "log-linear trend";
        CompoundGrowthFit walk = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.RandomWalkWithDrift);
        CompoundGrowthFit trend = CompoundGrowthEstimator.Fit(odds, prior, GrowthModel.LogLinearTrend);
        ModelRanking ranking = ModelChoice.Rank([new ModelCandidate(walkName, walk.Statistics), new ModelCandidate(trendName, trend.Statistics)]);
        // The driver is always the random walk's: that is the simulation's own form (yearly shocks accumulate).
        // The trend is fitted for comparison; its likelihood covers one more observation than the walk's, so
        // AIC between them is only indicative (ModelChoice says so) and does not pick the driver.
        CompoundGrowthFit chosen = walk;
        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(chosen.Warnings);
        warnings.AddRange(ranking.Warnings);
        if (ranking.BestByAic == trendName && ranking.Models.Any(m => m.Name == walkName && m.DeltaAic > 2))
        {
            warnings.Add(Invariant($"{own.Label}: the {trendName} fits better by AIC (the series may revert to a trend); the driver uses the {walkName}, the simulation's form, whose spread may then be wider than the history's."));
        }

        int first = own.Observations[0].Year, last = own.Observations[^1].Year;
        BacktestResult? backtest = null;
        string backtestNote = Invariant($"not enough history ({own.Count} points; a backtest needs {c.Options.MinimumTrainingPoints + 1})");
        if (own.Count >= c.Options.MinimumTrainingPoints + 1)
        {
            if (scale.IsShare)
            {
                ShareBounds bounds = scale.Bounds!;
                backtest = RollingOriginBacktest.Run(own, "logistic curve (least squares)", s => BoundedShareEstimator.Fit(s, bounds), c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            }
            else
            {
                GrowthModel m = chosen.Model;
                backtest = RollingOriginBacktest.Run(own, walkName, s => CompoundGrowthEstimator.Fit(s, prior, m), c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            }
            if (backtest.Forecasts.IsEmpty)
            {
                backtestNote = string.Join(" ", backtest.Warnings);
                backtest = null;
            }
        }
        var parameters = Named(chosen, scale).ToBuilder();
        parameters.Add(walk.Volatility with { Name = scale.IsShare ? "logit volatility" : "volatility" });
        return new GrowthEvidence
        {
            Identified = true,
            Drift = chosen.Drift.Estimate,
            DriftSd = ZSd(chosen.Drift),
            Volatility = walk.Volatility.Estimate,
            VolatilityIdentified = double.IsFinite(walk.Volatility.Estimate),
            VolatilitySource = walk.VolatilitySource,
            Source = Invariant($"{own.Label} {first}-{last} ({own.Count} points)"),
            Method = method + ", " + walkName + " (" + trendName + " compared by AIC)",
            Parameters = parameters.ToImmutable(),
            Statistics = chosen.Statistics,
            Ranking = ranking,
            Backtest = backtest,
            BacktestNote = backtestNote,
            Curve = Curve(chosen, scale, first, last),
            Identifiability = identifiability,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static GrowthEvidence FromPanel(Context c, HistoricalSeries own, GrowthPrior prior, SeriesScale scale, string method, IdentifiabilityReport identifiability)
    {
        var donors = c.Panel.ForIndicator(own.Indicator)
            .Where(s => s.Region is not null && !string.Equals(s.Region, c.Options.Region, StringComparison.Ordinal) && s.Count >= 2 && s.Observations.All(scale.Accepts))
            .ToImmutableArray();
        string ownText = own.Count == 1 ? Invariant($"one point ({own.Observations[0].Year})") : "no points";
        if (donors.IsEmpty)
        {
            return new GrowthEvidence
            {
                Method = "none",
                Identifiability = identifiability,
                BacktestNote = "not enough history",
                Warnings = [Invariant($"{own.Label}: {ownText}: the level is known but the {scale.Step} is not identifiable, and no other region of the history reports two or more years of '{own.Indicator}'.")],
            };
        }
        var fits = donors.Select(d => (Series: d, Fit: CompoundGrowthEstimator.Fit(scale.Transform(d), prior, GrowthModel.RandomWalkWithDrift))).ToList();
        double weightSum = 0, weighted = 0;
        foreach (var (_, fit) in fits)
        {
            double sd = ZSd(fit.Drift);
            double w = sd > 0 ? 1 / (sd * sd) : 1;
            weightSum += w;
            weighted += w * fit.Drift.Estimate;
        }
        double pooled = weighted / weightSum;
        double pooledSd = Math.Sqrt(1 / weightSum);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (fits.Count >= 2)
        {
            double between = fits.Select(f => f.Fit.Drift.Estimate).ToArray() is var drifts && drifts.Length > 1
                ? drifts.Sum(x => (x - drifts.Average()) * (x - drifts.Average())) / (drifts.Length - 1) : 0;
            pooledSd = Math.Sqrt(pooledSd * pooledSd + between);
        }
        string names = string.Join(", ", fits.Select(f => Invariant($"{f.Series.Region} {f.Series.Observations[0].Year}-{f.Series.Observations[^1].Year} ({f.Series.Count} points)")));
        bool volatilityIdentified = fits.Any(f => f.Fit.Status == FitStatus.Estimated);
        warnings.Add(Invariant($"{own.Label}: {ownText}: the {scale.Step} is not identified by the own series and is borrowed from the panel: {names}. The region is assumed to follow that pace; how much regions differ is {(fits.Count >= 2 ? "taken from the spread of the donors" : "not identified (one donor), so the interval understates the uncertainty")}."));
        if (!volatilityIdentified)
        {
            warnings.Add(Invariant($"{own.Label}: the donors have two points each: average growth only, volatility from the prior (sigma = {Num(prior.Volatility)}, {prior.Source})."));
        }
        var pooledEstimate = new ParameterEstimate(scale.Step + " (panel)", pooled, pooledSd, pooled - Z975 * pooledSd, pooled + Z975 * pooledSd,
            scale.IsShare ? "b, change of the logit per year, pooled over the panel donors" : "g, annual log-growth, pooled over the panel donors");
        var parameters = ImmutableArray.CreateBuilder<ParameterEstimate>();
        parameters.Add(pooledEstimate);
        if (!scale.IsShare)
        {
            parameters.Add(new ParameterEstimate("arithmetic rate (panel)", Math.Exp(pooled) - 1, Math.Exp(pooled) * pooledSd,
                Math.Exp(pooled - Z975 * pooledSd) - 1, Math.Exp(pooled + Z975 * pooledSd) - 1, "e^g - 1, annual growth rate"));
        }
        return new GrowthEvidence
        {
            Identified = true,
            Drift = pooled,
            DriftSd = pooledSd,
            Volatility = prior.Volatility,
            VolatilitySource = "prior: " + prior.Source,
            Source = "panel: " + names,
            Method = method + ", borrowed from the panel" + (fits.Count > 1 ? " (precision-weighted)" : ""),
            Parameters = parameters.ToImmutable(),
            Panel = donors,
            BacktestNote = "not enough history (own series)",
            Identifiability = identifiability,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static ImmutableArray<ParameterEstimate> Named(CompoundGrowthFit fit, SeriesScale scale) => scale.IsShare
        ? [fit.Drift with { Name = "logit step", Meaning = "b, change of the logit of the share per year" }]
        : [fit.Drift, fit.ArithmeticRate with { Name = "CAGR" }];

    private static ImmutableArray<CurvePoint> Curve(CompoundGrowthFit fit, SeriesScale scale, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(y => new CurvePoint(y, scale.Back(fit.Predict(y).Median))).ToImmutableArray();

    // ------------------------------------------------------------------------------------------------
    // stock-flow

    private static IndicatorCalibration CalibrateStockFlow(Context c, Indicator indicator, StockFlowModel model)
    {
        Driver entries = c.Scenario.Driver(model.Entries);
        Driver? exits = model.ExitRate is { } x ? c.Scenario.Driver(x) : null;
        var kept = new List<DriverCalibration> { Keep(entries, "entries", "not calibrated") };
        if (exits is not null) kept.Add(Keep(exits, "exit rate", "not identified by stock levels: assumption kept"));

        var (counts, countSources, countWarnings) = c.Counts(indicator, entries.Id, includeIndicator: false, flow: false);
        if (!c.Covers(indicator) && counts.IsEmpty && countWarnings.IsEmpty)
        {
            return NoHistory(indicator, [.. kept]);
        }
        if (model.Capacity is not null)
        {
            var (ownCapped, _) = c.OwnSeries(indicator);
            return Unchanged(indicator, "none", "stock with a capacity: the entries are a conversion probability, not calibrated", [.. kept], ownCapped, null,
                [Invariant($"{indicator.Id}: a stock with a capacity converts a pool with a yearly probability; calibrating that probability is not supported; drivers unchanged.")]);
        }
        if (!counts.IsEmpty)
        {
            // Counts of entries themselves identify the entries rate directly.
            var result = CalibrateCountDriver(c, indicator, entries, "entries", counts, countSources, countWarnings);
            return result with { Drivers = [.. result.Drivers, .. kept.Skip(1)] };
        }

        var (own, dataWarnings) = c.OwnSeries(indicator);
        double priorSigma = c.Options.PriorVolatility ?? ScenarioCalibrationOptions.DefaultPriorVolatility;
        string priorSource = c.Options.PriorVolatility is null ? "default prior 0.10" : Invariant($"--prior-volatility {Num(priorSigma)}");
        GrowthEvidence growth = GrowthFromSeries(c, own, new GrowthPrior(priorSigma, priorSource), SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(growth.Warnings);
        if (own.Count < 2)
        {
            warnings = warnings.Add(Invariant($"{indicator.Id}: one stock level and no counts of entries: the entries rate is not identified; drivers unchanged."));
            return Unchanged(indicator, "none", "entries not identifiable: drivers unchanged", [.. kept], own, growth with { Panel = [] }, warnings);
        }

        // Entries implied by the change of the stock, given the exit-rate assumption, integrated over its distribution.
        const int grid = 64;
        var exitRates = new double[exits is null ? 1 : grid];
        for (int k = 0; k < exitRates.Length; k++)
        {
            exitRates[k] = exits is null ? 0 : Math.Clamp(exits.Level.Quantile((k + 0.5) / grid), 0, 1);
        }
        var obs = own.Observations;
        double totalYears = obs[^1].Year - obs[0].Year;
        var logRates = new double[exitRates.Length];
        for (int k = 0; k < exitRates.Length; k++)
        {
            double total = 0;
            for (int i = 1; i < obs.Length; i++)
            {
                int span = obs[i].Year - obs[i - 1].Year;
                total += ImpliedEntries(obs[i - 1].Value, obs[i].Value, span, exitRates[k]) * span;
            }
            double rate = total / totalYears;
            if (!(rate > 0))
            {
                warnings = warnings.Add(Invariant($"{indicator.Id}: with an exit rate of {Num(exitRates[k])} the stock's history implies no entries ({Num(rate)} a year); the entries rate is not identifiable; drivers unchanged."));
                return Unchanged(indicator, "stock-flow balance", "entries not identifiable", [.. kept], own, growth with { Panel = [] }, warnings);
            }
            logRates[k] = Math.Log(rate);
        }
        double mu = logRates.Average();
        double varExit = logRates.Length > 1 ? logRates.Sum(v => (v - mu) * (v - mu)) / logRates.Length : 0;
        double lambda = Math.Exp(mu);
        double totalEntries = lambda * totalYears;
        double yearlyVariance = YearlyCountVariance(entries.Yearly, lambda);
        double varCount = totalYears * yearlyVariance / (totalEntries * totalEntries);
        double sigma = Math.Sqrt(varCount + varExit);
        var after = new LogNormalDistribution(Round(mu), Round(sigma));
        double exitMean = exits?.Level.Mean ?? 0;
        var rateEstimate = new ParameterEstimate("entries a year", lambda, lambda * sigma, Math.Exp(mu - Z975 * sigma), Math.Exp(mu + Z975 * sigma),
            Invariant($"new entries a year implied by the stock's change {obs[0].Year}-{obs[^1].Year} given the exit rate (mean {Num(exitMean)})"));
        var parameters = growth.Parameters.Add(rateEstimate);
        if (exits is not null)
        {
            parameters = parameters.Add(new ParameterEstimate("exit rate (assumed)", exitMean, double.NaN, exitRates[0], exitRates[^1], "the base scenario's exit-rate assumption, integrated over; not identified by stock levels"));
        }
        string source = Invariant($"{own.Label} {obs[0].Year}-{obs[^1].Year} ({own.Count} points)");
        warnings = warnings.Add(Invariant($"{indicator.Id}: entries are not counted in the history; {Num(lambda)} a year (95% [{Num(rateEstimate.Lower95)}, {Num(rateEstimate.Upper95)}]) is implied by the stock's change given the exit-rate assumption '{exits?.Id ?? "none"}' (not identified: kept as assumed) and a constant entry rate over {obs[0].Year}-{obs[^1].Year}; if entries rose over the period, the recent rate is higher."));
        if (entries.Yearly.Kind is YearlyVariationKind.NegativeBinomial or YearlyVariationKind.Poisson)
        {
            warnings = warnings.Add(Invariant($"{indicator.Id}: the yearly dispersion of entries is not identified by stock levels; the counting error uses the base scenario's yearly variation of '{entries.Id}'."));
        }
        string note = Invariant($"Calibrated from {source}: {Num(lambda)} entries a year (95% [{Num(rateEstimate.Lower95)}, {Num(rateEstimate.Upper95)}]) implied by the stock's change given the exit-rate assumption; level {after.Describe()} (was {entries.Level.Describe()}).");

        var curve = ImmutableArray.CreateBuilder<CurvePoint>();
        double n = obs[0].Value;
        curve.Add(new CurvePoint(obs[0].Year, n));
        for (int y = obs[0].Year + 1; y <= obs[^1].Year; y++)
        {
            n = n * (1 - exitMean) + lambda;
            curve.Add(new CurvePoint(y, n));
        }
        var changed = new DriverCalibration(entries.Id, "entries", entries.Level, after, entries.Yearly, entries.Yearly, true, note);
        return new IndicatorCalibration
        {
            Indicator = indicator.Id,
            ModelKind = indicator.Model.KindName,
            Outcome = CalibrationOutcome.Calibrated,
            Method = "stock-flow balance: entries implied by the stock's change (compound growth of the stock reported)",
            DataSource = source,
            Observations = own.Observations,
            Parameters = parameters,
            Statistics = growth.Statistics,
            Ranking = growth.Ranking,
            Backtest = growth.Backtest,
            BacktestNote = growth.Backtest is null ? growth.BacktestNote : "compound growth of the stock",
            Identifiability = growth.Identifiability,
            Drivers = [changed, .. kept.Skip(1)],
            FittedCurve = curve.ToImmutable(),
            Warnings = warnings,
        };
    }

    /// <summary>Entries a year E that take a stock from n0 to n1 in span years with a yearly exit rate q: n1 = n0(1−q)^Δ + E·Σ(1−q)^k.</summary>
    internal static double ImpliedEntries(double n0, double n1, int span, double q)
    {
        if (q <= 0)
        {
            return (n1 - n0) / span;
        }
        double survive = Math.Pow(1 - q, span);
        return (n1 - n0 * survive) * q / (1 - survive);
    }

    private static double YearlyCountVariance(YearlyVariation yearly, double lambda) => yearly.Kind switch
    {
        YearlyVariationKind.NegativeBinomial => lambda + lambda * lambda / yearly.Scale,
        YearlyVariationKind.Normal => Math.Max(lambda, yearly.Scale * yearly.Scale),
        _ => lambda,
    };

    // ------------------------------------------------------------------------------------------------
    // counts (cumulative, flow, entries)

    private static IndicatorCalibration CalibrateCounts(Context c, Indicator indicator, string driverId, string role)
    {
        Driver driver = c.Scenario.Driver(driverId);
        var (counts, sources, warnings) = c.Counts(indicator, driverId, includeIndicator: true, flow: indicator.Model is FlowModel);
        if (counts.IsEmpty)
        {
            return warnings.IsEmpty
                ? NoHistory(indicator, [Keep(driver, role, "no history")])
                : Unchanged(indicator, "none", "no usable counts", [Keep(driver, role, "no usable counts")], null, null, warnings);
        }
        return CalibrateCountDriver(c, indicator, driver, role, counts, sources, warnings);
    }

    private static IndicatorCalibration CalibrateCountDriver(Context c, Indicator indicator, Driver driver, string role,
        ImmutableArray<CountObservation> counts, string source, ImmutableArray<string> dataWarnings)
    {
        var warnings = dataWarnings.ToBuilder();
        CountRegressionFit constant = CountRegressionEstimator.Fit(counts, CountTrend.None, c.Options.CountOptions);
        warnings.AddRange(constant.Warnings);
        CountModelFit chosen = constant.Preferred;
        if (chosen.Status == FitStatus.NotIdentifiable)
        {
            return Unchanged(indicator, "count regression", "rate not identifiable", [Keep(driver, role, "rate not identified")], null, null, warnings.ToImmutable()) with { Counts = counts, DataSource = source };
        }
        var candidates = new List<ModelCandidate> { new("Poisson, constant rate", constant.Poisson.Statistics) };
        if (constant.NegativeBinomial is { } nb) candidates.Add(new("negative binomial, constant rate", nb.Statistics));
        CountRegressionFit? trend = null;
        if (counts.Select(x => x.Year).Distinct().Count() >= 3)
        {
            trend = CountRegressionEstimator.Fit(counts, CountTrend.Linear, c.Options.CountOptions);
            candidates.Add(new("Poisson, log-linear trend", trend.Poisson.Statistics));
            if (trend.NegativeBinomial is { } nbt) candidates.Add(new("negative binomial, log-linear trend", nbt.Statistics));
        }
        ModelRanking? ranking = candidates.Count >= 2 ? ModelChoice.Rank(candidates) : null;
        if (ranking?.BestByAic is { } best && best.Contains("trend", StringComparison.Ordinal) && trend is not null
            && ranking.Models.First(m => !m.Name.Contains("trend", StringComparison.Ordinal)).DeltaAic > 2)
        {
            ParameterEstimate t = trend.Preferred.Trend;
            warnings.Add(Invariant($"{indicator.Id}: a trending rate fits better by AIC (the log rate changes by {Num(t.Estimate)} a year, 95% [{Num(t.Lower95)}, {Num(t.Upper95)}]); the scenario's driver has a constant level, calibrated to the average rate at {Num(chosen.CentreYear)}."));
        }

        double mu = chosen.LogRate.Estimate;
        double se = ZSd(chosen.LogRate);
        double lambda = Math.Exp(mu);
        YearlyVariation yearlyAfter = driver.Yearly;
        bool overdispersed = ReferenceEquals(chosen, constant.NegativeBinomial) && chosen.Dispersion.Estimate > 0;
        if (overdispersed)
        {
            double r = 1 / chosen.Dispersion.Estimate;
            yearlyAfter = YearlyVariation.NegativeBinomial(Round(r));
            warnings.Add(Invariant($"{indicator.Id}: the counts are overdispersed (alpha {Num(chosen.Dispersion.Estimate)}): the yearly variation becomes negbin with dispersion {Num(r)}."));
        }
        else if (driver.Yearly.Kind == YearlyVariationKind.NegativeBinomial)
        {
            double inflation = Math.Sqrt(1 + lambda / driver.Yearly.Scale);
            se *= inflation;
            warnings.Add(Invariant($"{indicator.Id}: overdispersion is not identified by {counts.Length} period(s); the base scenario's yearly negbin dispersion {Num(driver.Yearly.Scale)} is kept and widens the Poisson standard error by {Num(inflation)}."));
        }
        var after = new LogNormalDistribution(Round(mu), Round(se));
        var rate = new ParameterEstimate("yearly rate", lambda, lambda * se, Math.Exp(mu - Z975 * se), Math.Exp(mu + Z975 * se),
            Invariant($"{role}s a year (average over the counted periods, centred on {Num(chosen.CentreYear)})"));
        var parameters = ImmutableArray.CreateBuilder<ParameterEstimate>();
        parameters.Add(chosen.LogRate with { StandardError = se, Lower95 = mu - Z975 * se, Upper95 = mu + Z975 * se });
        parameters.Add(rate);
        if (overdispersed) parameters.Add(chosen.Dispersion);
        if (trend is not null) parameters.Add(trend.Preferred.Trend);
        warnings.Add(Invariant($"{indicator.Id}: the {Num(lambda)} a year of {source} is assumed to continue."));
        string note = Invariant($"Calibrated from {source}: {Num(lambda)} a year (95% [{Num(rate.Lower95)}, {Num(rate.Upper95)}]), {chosen.Model}; level {after.Describe()} (was {driver.Level.Describe()}).");

        BacktestResult? backtest = null;
        string backtestNote = Invariant($"not enough history ({counts.Length} period(s); a backtest needs {c.Options.MinimumTrainingPoints + 1} yearly counts)");
        if (counts.Length >= c.Options.MinimumTrainingPoints + 1 && counts.All(x => x.ExposureYears == 1 && x.Year == Math.Floor(x.Year)))
        {
            var yearly = HistoricalSeries.FromValues(driver.Id, counts.Select(x => ((int)x.Year, x.Count)));
            var options = c.Options.CountOptions;
            backtest = RollingOriginBacktest.Run(yearly, "constant rate (Poisson or NB)", s => CountRateForecast.Fit(s, options), c.Options.BacktestHorizon, c.Options.MinimumTrainingPoints);
            if (backtest.Forecasts.IsEmpty)
            {
                backtest = null;
            }
        }

        var curve = ImmutableArray.CreateBuilder<CurvePoint>();
        foreach (CountObservation x in counts.Where(x => x.ExposureYears > 1))
        {
            int end = (int)Math.Round(x.Year + (x.ExposureYears - 1) / 2);
            int start = end - (int)x.ExposureYears;
            curve.Add(new CurvePoint(start, 0));
            curve.Add(new CurvePoint(end, x.Count));
        }
        return new IndicatorCalibration
        {
            Indicator = indicator.Id,
            ModelKind = indicator.Model.KindName,
            Outcome = CalibrationOutcome.Calibrated,
            Method = "count regression: " + chosen.Model + ", constant rate, period lengths as exposure",
            DataSource = source,
            Counts = counts,
            Parameters = parameters.ToImmutable(),
            Statistics = chosen.Statistics,
            Ranking = ranking,
            Backtest = backtest,
            BacktestNote = backtest is null ? backtestNote : "",
            Drivers = [new DriverCalibration(driver.Id, role, driver.Level, after, driver.Yearly, yearlyAfter, true, note)],
            FittedCurve = curve.ToImmutable(),
            Warnings = warnings.ToImmutable(),
        };
    }

    // ------------------------------------------------------------------------------------------------
    // result builders

    private static IndicatorCalibration Result(Indicator indicator, GrowthEvidence e, HistoricalSeries own, ImmutableArray<string> warnings, ImmutableArray<DriverCalibration> drivers) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.Calibrated,
        Method = e.Method,
        DataSource = e.Source,
        Observations = own.Observations,
        PanelSeries = e.Panel,
        Parameters = e.Parameters,
        Statistics = e.Statistics,
        Ranking = e.Ranking,
        Backtest = e.Backtest,
        BacktestNote = e.Backtest is null ? e.BacktestNote : "",
        Identifiability = e.Identifiability,
        Drivers = drivers,
        FittedCurve = e.Curve,
        Warnings = warnings,
    };

    private static IndicatorCalibration Unchanged(Indicator indicator, string method, string why, ImmutableArray<DriverCalibration> drivers,
        HistoricalSeries? own = null, GrowthEvidence? e = null, ImmutableArray<string> warnings = default) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.Unchanged,
        Method = method == "none" ? why : method + ": " + why,
        DataSource = own is null || own.Count == 0 ? "no usable observations" : Invariant($"{own.Label} {string.Join(", ", own.Years)} ({own.Count} point{(own.Count == 1 ? "" : "s")})"),
        Observations = own?.Observations ?? [],
        PanelSeries = e?.Panel ?? [],
        Parameters = e?.Parameters ?? [],
        Statistics = e?.Statistics,
        Ranking = e?.Ranking,
        Backtest = e?.Backtest,
        BacktestNote = e?.Backtest is null ? e?.BacktestNote ?? "not enough history" : "",
        Identifiability = e?.Identifiability,
        Drivers = drivers,
        FittedCurve = e?.Curve ?? [],
        Warnings = warnings.IsDefault ? [] : warnings,
    };

    private static IndicatorCalibration NoHistory(Indicator indicator, ImmutableArray<DriverCalibration> drivers) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.NoHistory,
        Method = "none",
        DataSource = "no history",
        Drivers = drivers,
        BacktestNote = "not enough history (none)",
    };

    private static DriverCalibration Keep(Driver d, string role, string why) => new(d.Id, role, d.Level, d.Level, d.Yearly, d.Yearly, false, why);

    private static ImmutableArray<string> UnusedSeries(Scenario scenario, HistoricalPanel panel)
    {
        var known = new HashSet<string>(scenario.Indicators.Select(i => i.Id).Concat(scenario.Drivers.Select(d => d.Id)), StringComparer.Ordinal);
        return panel.Series
            .Where(s => !known.Contains(PeriodTotal().Match(s.Indicator) is { Success: true } m ? m.Groups["id"].Value : s.Indicator))
            .Select(s => s.Label)
            .ToImmutableArray();
    }

    // ------------------------------------------------------------------------------------------------
    // numbers

    /// <summary>The sd of a normal with the same 95% interval as the estimate's (t-intervals are wider than ±1.96·se).</summary>
    private static double ZSd(ParameterEstimate p) => p.HasInterval ? (p.Upper95 - p.Lower95) / (2 * Z975) : p.StandardError;

    /// <summary>Six significant digits: the calibrated scenario stays readable and its values round-trip.</summary>
    private static double Round(double x) => x == 0 || !double.IsFinite(x) ? x : double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Num(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Interval(double estimate, double sd) => Invariant($"[{Num(estimate - Z975 * sd)}, {Num(estimate + Z975 * sd)}]");

    [GeneratedRegex(@"^(?<id>.+)_(?<from>[12][0-9]{3})_(?<to>[12][0-9]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodTotal();

    // ------------------------------------------------------------------------------------------------
    // data gathering

    private sealed class Context(Scenario scenario, HistoricalPanel panel, ScenarioCalibrationOptions options)
    {
        public Scenario Scenario { get; } = scenario;
        public HistoricalPanel Panel { get; } = panel;
        public ScenarioCalibrationOptions Options { get; } = options;

        public (double Sigma, string Source) Prior(Driver driver)
        {
            if (Options.PriorVolatility is { } s) return (s, Invariant($"--prior-volatility {Num(s)}"));
            if (driver.Yearly.Kind is YearlyVariationKind.Normal or YearlyVariationKind.Growth && driver.Yearly.Scale > 0)
                return (driver.Yearly.Scale, Invariant($"the base scenario's yearly sd of '{driver.Id}'"));
            return (ScenarioCalibrationOptions.DefaultPriorVolatility, "default prior 0.10");
        }

        public double Correlation(string a, string b)
        {
            foreach (Correlation corr in Scenario.Correlations)
            {
                if ((corr.First == a && corr.Second == b) || (corr.First == b && corr.Second == a)) return corr.Rho;
            }
            return 0;
        }

        /// <summary>True when the history has a series of the indicator (any region) or the scenario gives history points for it.</summary>
        public bool Covers(Indicator indicator) => !Panel.ForIndicator(indicator.Id).IsEmpty || indicator.HistoryPoints.Count > 0;

        private HistoricalSeries? Find(string id) => Panel.Find(id, Options.Region) ?? Panel.Find(id);

        /// <summary>The own series of a level indicator: the history file's, completed by the scenario's base value and yearly history points.</summary>
        public (HistoricalSeries Series, ImmutableArray<string> Warnings) OwnSeries(Indicator indicator)
        {
            var warnings = ImmutableArray.CreateBuilder<string>();
            HistoricalSeries? file = Find(indicator.Id);
            var byYear = new SortedDictionary<int, Observation>();
            if (file is not null)
            {
                foreach (Observation o in file.Observations) byYear[o.Year] = o;
            }
            string? region = file is null ? Options.Region : file.Region;
            var fromScenario = indicator.HistoryPoints.Where(h => h.Years == 1).Select(h => (h.Year, h.Value, Source: h.Source ?? "scenario history"))
                .Append((Year: indicator.BaseYear, Value: indicator.BaseValue, Source: "scenario base value"));
            foreach (var (year, value, source) in fromScenario)
            {
                if (byYear.TryGetValue(year, out Observation? there))
                {
                    if (Math.Abs(there.Value - value) > 1e-9 * Math.Max(1, Math.Abs(value)))
                        warnings.Add(Invariant($"{indicator.Id} {year}: the history file gives {Num(there.Value)}, the scenario {Num(value)} ({source}); the fit uses the history file's value."));
                    continue;
                }
                byYear[year] = new Observation(indicator.Id, year, value, region, "scenario: " + source);
            }
            return (HistoricalSeries.Create(indicator.Id, region, byYear.Values), warnings.ToImmutable());
        }

        /// <summary>
        /// Counts for a count driver: yearly counts under the driver's id (and, for a flow, the indicator's id),
        /// period totals under "&lt;id&gt;_&lt;first year&gt;_&lt;last year&gt;" (exposure = the number of years), and the
        /// scenario's own period totals (history points with years &gt; 1).
        /// </summary>
        public (ImmutableArray<CountObservation> Counts, string Source, ImmutableArray<string> Warnings) Counts(Indicator indicator, string driverId, bool includeIndicator, bool flow)
        {
            var warnings = ImmutableArray.CreateBuilder<string>();
            var counts = new List<CountObservation>();
            var sources = new List<string>();
            var periods = new HashSet<(int, int)>();
            string[] ids = includeIndicator ? [indicator.Id, driverId] : [driverId];
            foreach (HistoricalSeries s in Panel.Series.Where(s => s.Region is null || string.Equals(s.Region, Options.Region, StringComparison.Ordinal)))
            {
                bool yearly = s.Indicator == driverId || (flow && s.Indicator == indicator.Id);
                Match m = PeriodTotal().Match(s.Indicator);
                bool total = m.Success && ids.Contains(m.Groups["id"].Value);
                if (!yearly && !total) continue;
                foreach (Observation o in s.Observations)
                {
                    if (o.Value < 0 || o.Value != Math.Floor(o.Value))
                    {
                        warnings.Add(Invariant($"{s.Label} {o.Year}: {Num(o.Value)} is not a whole count; left out."));
                        continue;
                    }
                    if (yearly)
                    {
                        counts.Add(new CountObservation(o.Year, o.Value, 1));
                        continue;
                    }
                    int from = int.Parse(m.Groups["from"].Value, CultureInfo.InvariantCulture), to = int.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture);
                    if (to < from) continue;
                    periods.Add((from, to));
                    counts.Add(new CountObservation((from + to) / 2.0, o.Value, to - from + 1));
                }
                sources.Add(yearly
                    ? Invariant($"{s.Label} {s.Observations[0].Year}-{s.Observations[^1].Year} (yearly)")
                    : Invariant($"{s.Label} ({string.Join(", ", s.Observations.Select(o => Num(o.Value)))})"));
            }
            foreach (HistoryPoint h in indicator.HistoryPoints)
            {
                if (h.Years > 1)
                {
                    int from = h.Year - h.Years + 1;
                    if (periods.Contains((from, h.Year))) continue;
                    if (h.Value < 0 || h.Value != Math.Floor(h.Value))
                    {
                        warnings.Add(Invariant($"{indicator.Id} history {from}-{h.Year}: {Num(h.Value)} is not a whole count; left out."));
                        continue;
                    }
                    counts.Add(new CountObservation((from + h.Year) / 2.0, h.Value, h.Years));
                    sources.Add(Invariant($"{Num(h.Value)} in {from}-{h.Year} (scenario history, {h.Source ?? "no source"})"));
                }
                else if (flow && !counts.Any(x => x.ExposureYears == 1 && x.Year == h.Year) && h.Value >= 0 && h.Value == Math.Floor(h.Value))
                {
                    counts.Add(new CountObservation(h.Year, h.Value, 1));
                    sources.Add(Invariant($"{Num(h.Value)} in {h.Year} (scenario history)"));
                }
            }
            return (counts.OrderBy(x => x.Year).ToImmutableArray(), string.Join("; ", sources), warnings.ToImmutable());
        }
    }
}
