using FsCheck;
using FsCheck.Fluent;
using Forecast.Engine.Model;

namespace Forecast.Tests.Robustness;

/// <summary>
/// FsCheck generators that make only valid scenarios (every one passes <see cref="ScenarioValidator"/>):
/// small (one to five indicators of every model kind, the drivers they need of every distribution and
/// yearly kind, with an occasional level change), references consistent (a ratio reads only an earlier
/// indicator with the same base year, so there is no cycle) and correlations positive semi-definite by
/// construction (C = D^(-1/2)(F·Fᵀ + E)D^(-1/2) from a random factor F and a positive diagonal E,
/// normalised to unit diagonal). Drivers play one of four roles, which keep values in ranges the
/// models are written for:
/// <list type="bullet">
/// <item>growth (ids g0, g1): rates around −3% to 15% a year, never near −100%;</item>
/// <item>count (c0, c1): yearly counts with a mean of 0 to 80;</item>
/// <item>rate (q0, q1): fractions of 0 to 0.35, for exits and conversions;</item>
/// <item>step (s0): logit steps of −0.1 to 0.25 a year, for shares.</item>
/// </list>
/// Drivers no indicator uses are dropped. Shrinking is not provided (a failing case prints its
/// scenario and FsCheck's replay seed).
/// </summary>
public static class ScenarioGenerators
{
    /// <summary>The first year an indicator can start from (base years are 2019 or 2020).</summary>
    public const int EarliestBaseYear = 2019;

    /// <summary>Valid scenarios of one to five indicators, with a default of 4,096 paths.</summary>
    public static Gen<Scenario> Scenario => ScenarioOf(5);

    /// <summary>Valid scenarios of one to <paramref name="maxIndicators"/> indicators (fewer make cheaper runs).</summary>
    public static Gen<Scenario> ScenarioOf(int maxIndicators) =>
        from pool in DriverPool()
        from count in Gen.Choose(1, maxIndicators)
        from indicators in Indicators(count, pool)
        from seed in Gen.Choose(0, int.MaxValue)
        let used = UsedDrivers(pool, indicators)
        from correlations in Correlations(used.Select(d => d.Id).ToList())
        select new Scenario("generated", LocalizedText.Both("generated"), used, correlations, indicators,
            new RunDefaults(4096, (ulong)seed));

    /// <summary><see cref="Scenario"/> as an FsCheck arbitrary (no shrinking).</summary>
    public static Arbitrary<Scenario> Scenarios => Arb.From(Scenario);

    /// <summary>A number in [lo, hi] on a grid of 1,000 steps (short decimals keep failing cases readable).</summary>
    public static Gen<double> Between(double lo, double hi) => Gen.Choose(0, 1000).Select(i => lo + (hi - lo) * i / 1000);

    /// <summary>
    /// An index 0 … n−1 drawn with the given weights. Beta and PERT levels get weight 1: the engine tabulates
    /// 8,193 of their quantiles (a root search each) when it compiles a scenario, which costs more than
    /// simulating a few thousand paths; at weight 1 they still come up in a good share of 100 cases.
    /// </summary>
    public static Gen<int> Weighted(params int[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Gen.Frequency(weights.Select((w, i) => (w, Gen.Constant(i))));
    }

    /// <summary>Levels of a growth rate: every continuous kind, centred between −3% and 15%.</summary>
    public static Gen<Distribution> GrowthLevel { get; } =
        from r in Between(-0.03, 0.15)
        from kind in Weighted(2, 3, 2, 2, 2, 1, 1)
        from a in Between(0.001, 0.05)
        from b in Between(0.001, 0.05)
        select kind switch
        {
            0 => (Distribution)new FixedDistribution(r),
            1 => new NormalDistribution(r, a),
            2 => new LogNormalDistribution(Math.Log(0.04 + r), 4 * a),
            3 => new UniformDistribution(r - a, r + b),
            4 => new TriangularDistribution(r - a, r, r + b),
            5 => new PertDistribution(r - a, r, r + b),
            _ => new BetaDistribution(1 + 100 * a, 1 + 100 * b, r - 0.05, r + 0.05),
        };

    /// <summary>Yearly variation of a growth rate: none, lognormal growth shocks or additive normal shocks.</summary>
    public static Gen<YearlyVariation> GrowthYearly { get; } = Gen.OneOf(
        Gen.Constant(YearlyVariation.None),
        Between(0, 0.08).Select(YearlyVariation.Growth),
        Between(0, 0.04).Select(YearlyVariation.Normal));

    /// <summary>Levels of a yearly count: the discrete kinds and the continuous ones, mean 0 to 80.</summary>
    public static Gen<Distribution> CountLevel { get; } =
        from m in Between(0, 80)
        from kind in Weighted(2, 3, 3, 2, 2, 1)
        from f in Between(0.01, 0.5)
        from g in Between(0.01, 0.5)
        from r in Between(1, 50)
        select kind switch
        {
            0 => (Distribution)new FixedDistribution(m),
            1 => new PoissonDistribution(m),
            2 => new NegativeBinomialDistribution(m, r),
            3 => new UniformDistribution(m * (1 - f), m * (1 + g) + 1),
            4 => new TriangularDistribution(m * (1 - f), m, m * (1 + g) + 1),
            _ => new PertDistribution(m * (1 - f), m, m * (1 + g) + 1),
        };

    /// <summary>Yearly variation of a count: none, Poisson or negative binomial.</summary>
    public static Gen<YearlyVariation> CountYearly { get; } = Gen.OneOf(
        Gen.Constant(YearlyVariation.None),
        Gen.Constant(YearlyVariation.Poisson),
        Between(1, 50).Select(YearlyVariation.NegativeBinomial));

    /// <summary>Levels of a rate (a fraction of 0 to 0.35): fixed, uniform, Beta, PERT, triangular.</summary>
    public static Gen<Distribution> RateLevel { get; } =
        from q in Between(0, 0.15)
        from kind in Weighted(3, 3, 1, 1, 2)
        from a in Between(0.001, 0.1)
        from b in Between(0.001, 0.1)
        select kind switch
        {
            0 => (Distribution)new FixedDistribution(q),
            1 => new UniformDistribution(q, q + a),
            2 => new BetaDistribution(1 + 20 * a, 1 + 20 * b, 0, 0.35),
            3 => new PertDistribution(q, q + a, q + a + b),
            _ => new TriangularDistribution(q, q + a, q + a + b),
        };

    /// <summary>Yearly variation of a rate: none or small normal shocks (the engine clamps rates to [0, 1]).</summary>
    public static Gen<YearlyVariation> RateYearly { get; } = Gen.OneOf(
        Gen.Constant(YearlyVariation.None),
        Between(0, 0.02).Select(YearlyVariation.Normal));

    /// <summary>Levels of a logit step: fixed, normal, uniform, triangular.</summary>
    public static Gen<Distribution> StepLevel { get; } =
        from mu in Between(-0.1, 0.25)
        from kind in Gen.Choose(0, 3)
        from a in Between(0.001, 0.1)
        select kind switch
        {
            0 => (Distribution)new FixedDistribution(mu),
            1 => new NormalDistribution(mu, a),
            2 => new UniformDistribution(mu - a, mu + a),
            _ => new TriangularDistribution(mu - a, mu, mu + 2 * a),
        };

    /// <summary>Yearly variation of a logit step: none or normal shocks.</summary>
    public static Gen<YearlyVariation> StepYearly { get; } = Gen.OneOf(
        Gen.Constant(YearlyVariation.None),
        Between(0, 0.1).Select(YearlyVariation.Normal));

    /// <summary>A driver of one role; one in four changes its level from 2023 on (drawn from the same role).</summary>
    public static Gen<Driver> Driver(string id, Gen<Distribution> level, Gen<YearlyVariation> yearly) =>
        from l in level
        from y in yearly
        from change in Gen.Choose(0, 3)
        from changed in level
        select new Driver(id, LocalizedText.Both(id), l, y, change == 0 ? [new LevelChange(2023, changed)] : null);

    /// <summary>
    /// A correlation matrix over a random subset of <paramref name="driverIds"/> (or none), positive
    /// semi-definite by construction: from a factor F (n × 1 or n × 2, entries in [−1, 1]) and a
    /// diagonal E ≥ 0.05, C = F·Fᵀ + E normalised to unit diagonal; |ρ| &lt; 1 by Cauchy-Schwarz.
    /// Every pair of the subset is listed, since leaving a pair out (ρ = 0) could break definiteness.
    /// </summary>
    public static Gen<IReadOnlyList<Correlation>> Correlations(IReadOnlyList<string> driverIds)
    {
        ArgumentNullException.ThrowIfNull(driverIds);
        if (driverIds.Count < 2) return Gen.Constant<IReadOnlyList<Correlation>>([]);
        return from use in Gen.Choose(0, 2)
               from subset in Gen.SubListOf<string>(driverIds)
               from rank in Gen.Choose(1, 2)
               from factor in Between(-1, 1).ArrayOf(driverIds.Count * 2)
               from noise in Between(0.05, 1).ArrayOf(driverIds.Count)
               select use == 0 || subset.Count < 2 ? (IReadOnlyList<Correlation>)[] : Matrix(subset, rank, factor, noise);
    }

    private static List<Correlation> Matrix(List<string> ids, int rank, double[] factor, double[] noise)
    {
        int n = ids.Count;
        double Cov(int i, int j)
        {
            double s = i == j ? noise[i] : 0;
            for (int k = 0; k < rank; k++) s += factor[i * 2 + k] * factor[j * 2 + k];
            return s;
        }
        var list = new List<Correlation>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                list.Add(new Correlation(ids[i], ids[j], Cov(i, j) / Math.Sqrt(Cov(i, i) * Cov(j, j))));
        return list;
    }

    /// <summary>The drivers indicators can choose from, by role.</summary>
    public sealed record Pool(IReadOnlyList<Driver> Growth, IReadOnlyList<Driver> Count, IReadOnlyList<Driver> Rate, Driver Step)
    {
        /// <summary>Every driver of the pool, in a fixed order.</summary>
        public IEnumerable<Driver> All => [.. Growth, .. Count, .. Rate, Step];
    }

    /// <summary>Two growth drivers, two count drivers, two rates and a step (unused ones are dropped later).</summary>
    public static Gen<Pool> DriverPool() =>
        from g0 in Driver("g0", GrowthLevel, GrowthYearly)
        from g1 in Driver("g1", GrowthLevel, GrowthYearly)
        from c0 in Driver("c0", CountLevel, CountYearly)
        from c1 in Driver("c1", CountLevel, CountYearly)
        from q0 in Driver("q0", RateLevel, RateYearly)
        from q1 in Driver("q1", RateLevel, RateYearly)
        from s0 in Driver("s0", StepLevel, StepYearly)
        select new Pool([g0, g1], [c0, c1], [q0, q1], s0);

    /// <summary><paramref name="count"/> indicators, each of a random kind, reading only drivers of the pool and earlier indicators.</summary>
    public static Gen<IReadOnlyList<Indicator>> Indicators(int count, Pool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Gen<IReadOnlyList<Indicator>> list = Gen.Constant<IReadOnlyList<Indicator>>([]);
        for (int i = 0; i < count; i++)
        {
            int index = i;
            list = list.SelectMany(earlier => Indicator($"i{index}", earlier, pool).Select(next => (IReadOnlyList<Indicator>)[.. earlier, next]));
        }
        return list;
    }

    private sealed record Common(int BaseYear, int Steps, Direction Direction, TargetPeriod Period, bool Headline);

    private static Gen<Common> CommonParts { get; } =
        from baseYear in Gen.Choose(EarliestBaseYear, EarliestBaseYear + 1)
        from steps in Gen.Choose(1, 6)
        from atMost in Gen.Choose(0, 4)
        from everyYear in Gen.Choose(0, 4)
        from headline in Gen.Choose(0, 1)
        select new Common(baseYear, steps, atMost == 0 ? Direction.AtMost : Direction.AtLeast,
            everyYear == 0 ? TargetPeriod.EveryYear : TargetPeriod.TargetYear, headline == 1);

    private static Indicator Make(string id, Common c, double baseValue, IndicatorModel model, double target, Bounds? bounds = null, int? baseYear = null)
    {
        int year = baseYear ?? c.BaseYear;
        return new Indicator(id, LocalizedText.Both(id), LocalizedText.Both("unit"), year, baseValue, model,
            new Target(year + c.Steps, target, c.Direction, c.Period), c.Headline, bounds);
    }

    private static Gen<Indicator> Indicator(string id, IReadOnlyList<Indicator> earlier, Pool pool) =>
        from kind in Gen.Choose(0, 5)
        from c in CommonParts
        from indicator in kind switch
        {
            0 => Compound(id, c, pool),
            1 => Ratio(id, c, earlier, pool),
            2 => Share(id, c, pool),
            3 => StockFlow(id, c, pool),
            4 => Cumulative(id, c, pool),
            _ => Flow(id, c, pool),
        }
        select indicator;

    private static Gen<Indicator> Compound(string id, Common c, Pool pool) =>
        from driver in Gen.Elements<Driver>(pool.Growth)
        from baseValue in Between(0.5, 1000)
        from rate in Between(-0.02, 0.2)
        select Make(id, c, baseValue, new CompoundGrowthModel(driver.Id), baseValue * Math.Pow(1 + rate, c.Steps));

    /// <summary>A side of a ratio: a growth driver, or an earlier indicator that stays positive.</summary>
    private static Gen<Quantity> Side(List<Indicator> positive, Pool pool) =>
        from useIndicator in Gen.Choose(0, positive.Count == 0 ? 0 : 1)
        from driver in Gen.Elements<Driver>(pool.Growth)
        from other in positive.Count == 0 ? Gen.Constant<Indicator?>(null) : Gen.Elements<Indicator>(positive).Select(i => (Indicator?)i)
        select useIndicator == 1 && other is not null ? Quantity.Of(other.Id) : Quantity.Growing(driver.Id);

    private static Gen<Indicator> Ratio(string id, Common c, IReadOnlyList<Indicator> earlier, Pool pool)
    {
        // A ratio side must share the ratio's base year and start above 0; a denominator must stay above 0 (compound
        // growth and ratios of growth do), a numerator only at or above 0 (stock-flows and cumulative counts may reach 0).
        return from anchor in earlier.Count == 0 ? Gen.Constant<Indicator?>(null) : Gen.Elements<Indicator>(earlier).Select(i => (Indicator?)i)
               let baseYear = anchor?.BaseYear ?? c.BaseYear
               let sameYear = earlier.Where(i => i.BaseYear == baseYear && i.BaseValue > 0).ToList()
               from numerator in Side(sameYear.Where(i => i.Model is CompoundGrowthModel or RatioModel or StockFlowModel or CumulativeModel).ToList(), pool)
               from denominator in Side(sameYear.Where(i => i.Model is CompoundGrowthModel or RatioModel && Positive(i, earlier)).ToList(), pool)
               from baseValue in Between(0.5, 10)
               from rate in Between(-0.02, 0.15)
               select Make(id, c, baseValue, new RatioModel(numerator, denominator), baseValue * Math.Pow(1 + rate, c.Steps), baseYear: baseYear);
    }

    /// <summary>Whether an indicator stays above 0 on every path: compound growth, or a ratio whose sides do.</summary>
    private static bool Positive(Indicator indicator, IReadOnlyList<Indicator> all) => indicator.Model switch
    {
        CompoundGrowthModel => true,
        RatioModel r => new[] { r.Numerator, r.Denominator }.All(q => q.Indicator is null || Positive(all.First(i => i.Id == q.Indicator), all)),
        _ => false,
    };

    private static Gen<Indicator> Share(string id, Common c, Pool pool) =>
        from custom in Gen.Choose(0, 1)
        from lo in Between(0, 50)
        from width in Between(1, 100)
        from at in Between(0.05, 0.95)
        from target in Between(0, 1)
        let bounds = custom == 1 ? new Bounds(lo, lo + width) : null
        let b = bounds ?? Bounds.Percent
        select Make(id, c, b.Lower + (b.Upper - b.Lower) * at, new BoundedShareModel(pool.Step.Id),
            b.Lower + (b.Upper - b.Lower) * target, bounds);

    private static Gen<Indicator> StockFlow(string id, Common c, Pool pool) =>
        from baseValue in Gen.Choose(0, 500)
        from entries in Gen.Elements<Driver>(pool.Count)
        from conversion in Gen.Elements<Driver>(pool.Rate)
        from exit in Gen.Elements<Driver>(pool.Rate)
        from exits in Gen.Choose(0, 2)
        from withCapacity in Gen.Choose(0, 3)
        from room in Gen.Choose(0, 300)
        from target in Gen.Choose(0, 1000)
        select Make(id, c, baseValue,
            withCapacity == 0
                ? new StockFlowModel(conversion.Id, exits == 0 ? null : exit.Id, baseValue + room)
                : new StockFlowModel(entries.Id, exits == 0 ? null : exit.Id),
            withCapacity == 0 ? Math.Min(target, baseValue + room) : target);

    private static Gen<Indicator> Cumulative(string id, Common c, Pool pool) =>
        from driver in Gen.Elements<Driver>(pool.Count)
        from baseValue in Gen.Choose(0, 100)
        from target in Gen.Choose(0, 400)
        select Make(id, c, baseValue, new CumulativeModel(driver.Id), target);

    private static Gen<Indicator> Flow(string id, Common c, Pool pool) =>
        from driver in Gen.Elements<Driver>(pool.All)
        from rounded in Gen.Choose(0, 1)
        from target in Between(0, 60)
        let isCount = pool.Count.Contains(driver)
        // Rounded to whole numbers, a flow is a count: only drivers that stay at or above 0 (counts and rates) feed one.
        select Make(id, c, 0, new FlowModel(driver.Id, isCount || (rounded == 1 && pool.Rate.Contains(driver))), isCount ? Math.Round(target) : target / 100);

    private static List<Driver> UsedDrivers(Pool pool, IReadOnlyList<Indicator> indicators)
    {
        var used = indicators.SelectMany(i => i.Model.DriverIds).ToHashSet(StringComparer.Ordinal);
        return pool.All.Where(d => used.Contains(d.Id)).ToList();
    }
}
