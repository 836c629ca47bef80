using Forecast.Engine.Model;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace Forecast.Tests.Simulation;

/// <summary>
/// The scalar reference path: a deliberately plain simulator of a <see cref="Scenario"/>, one path at a
/// time and one year at a time, written from the model's documented semantics (Forecast.Engine.Model) and
/// sharing no code with the engine's block simulator. It is the test oracle the fast path must agree with
/// in distribution.
/// <list type="bullet">
/// <item>Random numbers come from its own Mersenne Twister; draws use MathNet.Numerics' samplers (normal,
/// Poisson, Gamma, Beta ...), textbook constructions on them (negative binomial as a Gamma–Poisson mixture,
/// binomial by geometric waiting times) or inverse CDFs built on MathNet's CDFs, never the engine's random
/// streams or quantile searches.</item>
/// <item>A driver's level is drawn once per path. Without level changes it is drawn with MathNet's sampler
/// for the distribution (Beta for PERT ...); with level changes one uniform u fixes every level, L = F⁻¹(u),
/// as <see cref="LevelChange"/> documents.</item>
/// <item>Each year every driver gets a standard normal ε; correlated drivers' shocks are z = L·ε with L the
/// Cholesky factor of the correlation matrix (an eigen-decomposition root when it is only semi-definite).</item>
/// <item>Yearly values follow <see cref="YearlyVariation"/>. A count variation (Poisson, negative binomial) of
/// a driver that takes part in a correlation is F⁻¹(Φ(z)), found by bisection on MathNet's CDF; an
/// uncorrelated count driver is drawn with MathNet's sampler directly.</item>
/// <item>A driver's trend moves its level: L_t = trend(L, a, b, n), n = max(0, t − t₀), t₀ its from-year or the first
/// simulated year, with the trend's parameters a, b drawn once per path like levels. Level correlations
/// (<c>of: levels</c>) join levels and trend parameters in a Gaussian copula: z = L·ε over all 3n members, u = Φ(z), each
/// correlated member the quantile of its u.</item>
/// <item>A mixture draws its structure once per path from a uniform of its own structure key (mixtures sharing the key
/// share the draw): structure c when u falls in [W_{c−1}, W_c), W the cumulative weights. Every structure is stepped on
/// every path with its own state, and the indicator's value is its structure's.</item>
/// <item>Indicators step from the year after their base year as <see cref="IndicatorModel"/>'s subclasses
/// document. A stock-flow first loses Binomial(N, q) exits, then gains its entries; with a capacity C the
/// entries are Binomial(C − N, e) with N the stock after the year's exits (the pool not in the stock).</item>
/// </list>
/// </summary>
internal static class ReferenceSimulator
{
    /// <summary>Simulates <paramref name="paths"/> paths of <paramref name="scenario"/> with the reference's own random source.</summary>
    public static ReferenceResult Run(Scenario scenario, int paths, int seed)
    {
        ScenarioValidator.Validate(scenario);
        var random = new MersenneTwister(seed, threadSafe: false);
        var drivers = scenario.Drivers;
        var indicators = DependencyOrder(scenario);
        var shocks = scenario.Correlations.Where(c => c.Scope == CorrelationScope.Shocks).ToList();
        var levelCorrelations = scenario.Correlations.Where(c => c.Scope == CorrelationScope.Levels && c.Rho != 0).ToList();
        var factor = CorrelationFactor(drivers.Select(d => d.Id).ToList(), shocks, (ids, name) => ids.IndexOf(name));
        var correlated = drivers.Select(d => shocks.Any(c => c.Rho != 0 && (c.First == d.Id || c.Second == d.Id))).ToArray();
        // The level copula's members: d for driver d's level, n + 2d + j for its trend's parameter j.
        var memberNames = drivers.Select(d => d.Id).Concat(drivers.SelectMany(d => new[] { d.Id + ".#0", d.Id + ".#1" })).ToList();
        var levelFactor = CorrelationFactor(memberNames, levelCorrelations, (_, name) => LevelTrend.Member(name, drivers));
        var inCopula = new bool[3 * drivers.Count];
        foreach (var c in levelCorrelations) inCopula[LevelTrend.Member(c.First, drivers)] = inCopula[LevelTrend.Member(c.Second, drivers)] = true;
        var copulaEpsilon = new double[3 * drivers.Count];
        var copulaU = new double[3 * drivers.Count];
        var trendParameters = new double[drivers.Count][];
        var structureKeys = indicators.Where(i => i.Model is MixtureModel).Select(i => ((MixtureModel)i.Model).StructureDriverId(i.Id)).Distinct().ToList();
        var structureU = new Dictionary<string, double>(StringComparer.Ordinal);
        int first = scenario.FirstYear, last = scenario.LastYear;

        var targetValues = scenario.Indicators.ToDictionary(i => i.Id, _ => new double[paths], StringComparer.Ordinal);
        var met = scenario.Indicators.ToDictionary(i => i.Id, _ => new bool[paths], StringComparer.Ordinal);

        var levels = new double[drivers.Count][];
        var epsilon = new double[drivers.Count];
        var shock = new double[drivers.Count];
        var value = new Dictionary<string, double>(StringComparer.Ordinal);
        var state = new Dictionary<string, double>(StringComparer.Ordinal);
        var numerator = new Dictionary<string, double>(StringComparer.Ordinal);
        var denominator = new Dictionary<string, double>(StringComparer.Ordinal);
        var logit = new Dictionary<string, double>(StringComparer.Ordinal);
        var everyYear = new Dictionary<string, bool>(StringComparer.Ordinal);

        for (int path = 0; path < paths; path++)
        {
            // Parameter uncertainty: one level per driver and path (one per level change, all from one uniform).
            if (levelFactor is not null)
            {
                for (int m = 0; m < copulaEpsilon.Length; m++) copulaEpsilon[m] = Normal.Sample(random, 0, 1);
                for (int m = 0; m < copulaU.Length; m++)
                {
                    double z = 0;
                    for (int j = 0; j < copulaEpsilon.Length; j++) z += levelFactor[m, j] * copulaEpsilon[j];
                    copulaU[m] = Normal.CDF(0, 1, z);
                }
            }
            for (int d = 0; d < drivers.Count; d++)
            {
                levels[d] = inCopula[d] ? LevelsAt(drivers[d], copulaU[d]) : DrawLevels(drivers[d], random);
                if (drivers[d].Trend is not { } trend) continue;
                trendParameters[d] = new double[2];
                for (int j = 0; j < trend.Parameters.Count; j++)
                {
                    int member = drivers.Count + 2 * d + j;
                    trendParameters[d][j] = inCopula[member] ? trend.Parameters[j].Quantile(copulaU[member]) : SampleLevel(trend.Parameters[j], random);
                }
            }
            foreach (var key in structureKeys) structureU[key] = random.NextDouble();

            foreach (var ind in indicators)
            {
                everyYear[ind.Id] = true;
                Start(ind, ind.Id, ind.Model);
                if (ind.Model is MixtureModel mixture)
                    for (int c = 0; c < mixture.Components.Count; c++) Start(ind, Part(ind.Id, c), mixture.Components[c].Model);
            }

            void Start(Indicator ind, string key, IndicatorModel model)
            {
                state[key] = ind.BaseValue;
                numerator[key] = 1;
                denominator[key] = 1;
                if (model is BoundedShareModel)
                {
                    var b = ind.Bounds ?? Bounds.Percent;
                    double s = (ind.BaseValue - b.Lower) / (b.Upper - b.Lower);
                    logit[key] = Math.Log(s / (1 - s));
                }
            }

            for (int year = first + 1; year <= last; year++)
            {
                for (int d = 0; d < drivers.Count; d++) epsilon[d] = Normal.Sample(random, 0, 1);
                for (int d = 0; d < drivers.Count; d++)
                {
                    if (factor is null) { shock[d] = epsilon[d]; continue; }
                    double z = 0;
                    for (int j = 0; j < drivers.Count; j++) z += factor[d, j] * epsilon[j];
                    shock[d] = z;
                }
                for (int d = 0; d < drivers.Count; d++)
                    value[drivers[d].Id] = YearlyValue(drivers[d], LevelIn(drivers[d], levels[d], trendParameters[d], year, first), shock[d], correlated[d], random);

                foreach (var ind in indicators)
                {
                    if (year <= ind.BaseYear) continue;
                    double x;
                    if (ind.Model is MixtureModel mixture)
                    {
                        var parts = new double[mixture.Components.Count];
                        for (int c = 0; c < parts.Length; c++)
                            state[Part(ind.Id, c)] = parts[c] = Step(ind, Part(ind.Id, c), mixture.Components[c].Model, scenario, value, state, numerator, denominator, logit, random);
                        x = parts[Structure(mixture, structureU[mixture.StructureDriverId(ind.Id)])];
                    }
                    else x = Step(ind, ind.Id, ind.Model, scenario, value, state, numerator, denominator, logit, random);
                    state[ind.Id] = x;
                    if (year > ind.Target.Year) continue;
                    everyYear[ind.Id] &= ind.Target.IsMetBy(x);
                    if (year == ind.Target.Year)
                    {
                        targetValues[ind.Id][path] = x;
                        met[ind.Id][path] = ind.Target.Period == TargetPeriod.EveryYear ? everyYear[ind.Id] : ind.Target.IsMetBy(x);
                    }
                }
            }
        }
        return new ReferenceResult(paths, scenario.Indicators.ToDictionary(
            i => i.Id, i => new ReferenceOutcome(i, targetValues[i.Id], met[i.Id]), StringComparer.Ordinal));
    }

    /// <summary>The state key of a mixture's structure c.</summary>
    private static string Part(string id, int c) => id + "/" + c;

    /// <summary>The structure a uniform u picks: the first c with u &lt; W_c, W the cumulative weights over their total.</summary>
    private static int Structure(MixtureModel mixture, double u)
    {
        double total = mixture.Components.Sum(c => c.Weight), upTo = 0;
        for (int c = 0; c < mixture.Components.Count - 1; c++)
            if (u < (upTo += mixture.Components[c].Weight) / total) return c;
        return mixture.Components.Count - 1;
    }

    /// <summary>One year of a model (an indicator's, or one structure of its mixture, state under <paramref name="key"/>): its value after the step.</summary>
    private static double Step(Indicator ind, string key, IndicatorModel model, Scenario scenario, Dictionary<string, double> value, Dictionary<string, double> state,
        Dictionary<string, double> numerator, Dictionary<string, double> denominator, Dictionary<string, double> logit, System.Random random)
    {
        double x = state[key];
        switch (model)
        {
            case CompoundGrowthModel m:
                return x * (1 + value[m.Growth]);
            case LinearTrendModel m:
                return ind.Bounds is { } bounds ? Math.Clamp(x + value[m.Increment], bounds.Lower, bounds.Upper) : x + value[m.Increment];
            case RatioModel m:
                numerator[key] = Side(m.Numerator, numerator[key]);
                denominator[key] = Side(m.Denominator, denominator[key]);
                return ind.BaseValue * numerator[key] / denominator[key];
            case BoundedShareModel m:
            {
                var b = ind.Bounds ?? Bounds.Percent;
                logit[key] += value[m.Step];
                return b.Lower + (b.Upper - b.Lower) / (1 + Math.Exp(-logit[key]));
            }
            case StockFlowModel m:
            {
                int n = (int)x;
                if (m.ExitRate is { } exit) n -= BinomialDraw(random, n, Math.Clamp(value[exit], 0, 1));
                if (m.Capacity is { } capacity) n += BinomialDraw(random, capacity - n, Math.Clamp(value[m.Entries], 0, 1));
                else n += (int)Math.Max(0, Math.Round(value[m.Entries]));
                return n;
            }
            case CumulativeModel m:
                return x + Math.Max(0, Math.Round(value[m.Driver]));
            case FlowModel m:
                return m.Count ? Math.Max(0, Math.Round(value[m.Driver])) : value[m.Driver];
            default:
                throw new NotSupportedException($"the reference does not know model kind '{model.KindName}'");
        }

        double Side(Quantity q, double current) => q.GrowthDriver is { } g
            ? current * (1 + value[g])
            : state[q.Indicator!] / scenario.Indicator(q.Indicator!).BaseValue;
    }

    /// <summary>The driver's value of the year from its level and its (correlated) standard normal shock z.</summary>
    private static double YearlyValue(Driver driver, double level, double z, bool correlated, System.Random random)
    {
        double scale = driver.Yearly.Scale;
        switch (driver.Yearly.Kind)
        {
            case YearlyVariationKind.None:
                return level;
            case YearlyVariationKind.Normal:
                return level + scale * z;
            case YearlyVariationKind.Growth:
                return (1 + level) * Math.Exp(scale * z - scale * scale / 2) - 1;
            case YearlyVariationKind.Poisson:
                if (level <= 0) return 0;
                return correlated
                    ? InverseCdf(Normal.CDF(0, 1, z), level, Math.Sqrt(level), k => Poisson.CDF(level, k))
                    : Poisson.Sample(random, level);
            case YearlyVariationKind.NegativeBinomial:
            {
                if (level <= 0) return 0;
                // MathNet's NB(r, p) counts failures before the r-th success: mean r(1 − p)/p = level for p = r/(r + level).
                double r = scale, p = r / (r + level);
                return correlated
                    ? InverseCdf(Normal.CDF(0, 1, z), level, Math.Sqrt(level + level * level / r), k => NegativeBinomial.CDF(r, p, k))
                    : NegativeBinomialDraw(random, level, r);
            }
            default:
                throw new NotSupportedException($"the reference does not know yearly variation '{driver.Yearly.Kind}'");
        }
    }

    /// <summary>The smallest whole k ≥ 0 with F(k) ≥ u, by bracketing around the mean and bisection.</summary>
    private static int InverseCdf(double u, double mean, double sd, Func<int, double> cdf)
    {
        u = Math.Min(u, 1 - 1e-15);
        int lo = (int)Math.Max(-1, Math.Floor(mean - 8 * sd - 8));
        if (lo >= 0 && cdf(lo) >= u) lo = -1;
        int hi = (int)Math.Ceiling(mean + 8 * sd + 8);
        while (cdf(hi) < u) { lo = hi; hi *= 2; }
        // Invariant: F(lo) < u ≤ F(hi), with F(−1) = 0.
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (cdf(mid) >= u) hi = mid;
            else lo = mid;
        }
        return hi;
    }

    /// <summary>
    /// A negative binomial draw with mean m and dispersion r as the Gamma–Poisson mixture: λ ~ Gamma(shape r,
    /// rate r/m), k ~ Poisson(λ). Not MathNet's NegativeBinomial.Sample: in MathNet.Numerics 5.0.0 it draws
    /// λ ~ Gamma(r, rate p) instead of rate p/(1 − p), so its samples have mean r/p = m + r rather than m
    /// (mathnet/mathnet-numerics issue #1109).
    /// </summary>
    private static int NegativeBinomialDraw(System.Random random, double mean, double dispersion)
    {
        double lambda = Gamma.Sample(random, dispersion, dispersion / mean);
        return lambda <= 0 ? 0 : Poisson.Sample(random, lambda);
    }

    /// <summary>
    /// Binomial(n, p) by waiting times: the gaps between successes are geometric, G = ⌊ln U / ln(1 − p)⌋ + 1, so
    /// the successes are counted in O(np) draws (MathNet's sampler makes n Bernoulli trials, too slow for
    /// stocks of thousands). For p &gt; 1/2 the failures are counted instead.
    /// </summary>
    private static int BinomialDraw(System.Random random, int n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - BinomialDraw(random, n, 1 - p);
        double logFailure = double.LogP1(-p);
        int successes = 0;
        double position = 0;
        while (true)
        {
            double u = 1 - random.NextDouble(); // in (0, 1]
            position += Math.Floor(Math.Log(u) / logFailure) + 1;
            if (position > n) return successes;
            successes++;
        }
    }

    /// <summary>The driver's levels for this path: index 0 the base level, c ≥ 1 the level from the c-th change on.</summary>
    private static double[] DrawLevels(Driver driver, System.Random random)
    {
        if (driver.LevelChanges.Count == 0) return [SampleLevel(driver.Level, random)];
        // A level change keeps the path's rank: every level is the quantile of the same uniform.
        double u;
        do u = random.NextDouble(); while (u <= 0);
        return [driver.Level.Quantile(u), .. driver.LevelChanges.Select(c => c.Level.Quantile(u))];
    }

    /// <summary>Every level of the driver from one uniform u (a level in the copula): L = F⁻¹(u) for the base level and each change.</summary>
    private static double[] LevelsAt(Driver driver, double u) =>
        [driver.Level.Quantile(u), .. driver.LevelChanges.Select(c => c.Level.Quantile(u))];

    /// <summary>The driver's level in force in the year, moved by its trend (parameters a, b) n = max(0, year − t₀) years on.</summary>
    private static double LevelIn(Driver driver, double[] levels, double[]? trendParameters, int year, int firstYear)
    {
        int current = 0;
        for (int c = 0; c < driver.LevelChanges.Count; c++)
            if (driver.LevelChanges[c].FromYear <= year) current = c + 1;
        if (driver.Trend is not { } trend) return levels[current];
        int years = Math.Max(0, year - (trend.FromYear ?? firstYear + 1));
        return trend.LevelAfter(levels[current], trendParameters![0], trendParameters[1], years);
    }

    /// <summary>One draw from a level distribution with MathNet's sampler for it.</summary>
    private static double SampleLevel(Distribution level, System.Random random)
    {
        if (level.IsDegenerate) return level.Mean;
        return level switch
        {
            FixedDistribution f => f.Value,
            UniformDistribution u => ContinuousUniform.Sample(random, u.Min, u.Max),
            NormalDistribution n => Normal.Sample(random, n.MeanValue, n.StdDev),
            LogNormalDistribution l => LogNormal.Sample(random, l.Mu, l.Sigma),
            TriangularDistribution t => Triangular.Sample(random, t.Min, t.Max, t.Mode),
            // PERT is a Beta with its own α and β, scaled to [min, max].
            BetaDistribution b => b.Min + (b.Max - b.Min) * Beta.Sample(random, b.Alpha, b.Beta),
            PoissonDistribution p => p.Lambda <= 0 ? 0 : Poisson.Sample(random, p.Lambda),
            NegativeBinomialDistribution nb => nb.MeanValue <= 0 ? 0 : NegativeBinomialDraw(random, nb.MeanValue, nb.Dispersion),
            _ => throw new NotSupportedException($"the reference has no sampler for {level.Describe()}"),
        };
    }

    /// <summary>A factor L with L·Lᵀ = C of the members' correlation matrix (member index by name), or null when no correlation is given.</summary>
    private static Matrix<double>? CorrelationFactor(List<string> ids, IReadOnlyList<Correlation> correlations, Func<List<string>, string, int> index)
    {
        if (correlations.All(c => c.Rho == 0)) return null;
        var c = Matrix<double>.Build.DenseIdentity(ids.Count);
        foreach (var corr in correlations)
        {
            int a = index(ids, corr.First), b = index(ids, corr.Second);
            c[a, b] = corr.Rho;
            c[b, a] = corr.Rho;
        }
        try
        {
            return c.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            // Semi-definite (e.g. ρ = 1): any square root serves, here V·√Λ.
            var evd = c.Evd(Symmetricity.Symmetric);
            return evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(e => Math.Sqrt(Math.Max(0, e.Real))));
        }
    }

    /// <summary>Indicators ordered so that each comes after the indicators it reads.</summary>
    private static List<Indicator> DependencyOrder(Scenario scenario)
    {
        var order = new List<Indicator>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(Indicator ind)
        {
            if (!done.Add(ind.Id)) return;
            foreach (var dep in ind.Model.IndicatorIds) Visit(scenario.Indicator(dep));
            order.Add(ind);
        }
        foreach (var ind in scenario.Indicators) Visit(ind);
        return order;
    }
}

/// <summary>What the reference simulator found: per indicator, every path's target-year value and whether its target was met.</summary>
/// <param name="Paths">Number of paths.</param>
/// <param name="Indicators">Outcomes by indicator id.</param>
internal sealed record ReferenceResult(int Paths, IReadOnlyDictionary<string, ReferenceOutcome> Indicators)
{
    /// <summary>The outcome of the indicator with the given id.</summary>
    public ReferenceOutcome this[string id] => Indicators[id];

    /// <summary>Share of paths on which every listed indicator met its target.</summary>
    public double JointProbability(IEnumerable<string> ids)
    {
        var flags = ids.Select(id => Indicators[id].Met).ToList();
        int all = 0;
        for (int path = 0; path < Paths; path++)
            if (flags.TrueForAll(f => f[path])) all++;
        return (double)all / Paths;
    }
}

/// <summary>One indicator's reference sample.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="TargetValues">Each path's value in the target year.</param>
/// <param name="Met">Whether each path met the target.</param>
internal sealed record ReferenceOutcome(Indicator Indicator, double[] TargetValues, bool[] Met)
{
    /// <summary>Share of paths that met the target.</summary>
    public double Probability => (double)Met.Count(m => m) / Met.Length;
}
