using System.Globalization;
using Forecast.Engine.Resources;

namespace Forecast.Engine.Model;

/// <summary>One row of the domain table: a field of the scenario and what-if formats, its range, and why.</summary>
/// <param name="Field">The field, as written in a scenario file (e.g. "a probability driver's level").</param>
/// <param name="Range">The values accepted.</param>
/// <param name="Reason">Why the range is what it is (the measurement or arithmetic behind it).</param>
public sealed record DomainRule(string Field, string Range, string Reason);

/// <summary>A number of a scenario outside its declared domain.</summary>
/// <param name="Path">Field path in the scenario file's key names, e.g. "drivers[9].level.max".</param>
/// <param name="Subject">The driver or indicator id the number belongs to.</param>
/// <param name="Parameter">The parameter, e.g. "level.max", "yearly.sd", "target.value".</param>
/// <param name="Message">What is wrong, what the domain is and why, in words a planner understands.</param>
public sealed record DomainViolation(string Path, string Subject, string Parameter, string Message)
{
    /// <summary>The violation as a validator problem.</summary>
    public ScenarioProblem ToProblem() => new(Path, Message);
}

/// <summary>
/// The declared domain of every numeric field of a scenario: the one place the limits live. The validator reports
/// numbers outside it as located problems, <see cref="Guard"/> lets the engine refuse such a scenario itself, and the
/// README's scenario reference lists <see cref="Table"/>.
/// <para>
/// A driver's domain depends on what it drives (its role): a growth rate (compound and ratio models), a logit step
/// (shares), a probability (exit rates, conversions into a capped stock), a count (entries, cumulative counts,
/// count flows) or a plain value. "Every level it can draw" is the range of F⁻¹(u) over the uniforms the engine
/// draws, 2⁻⁵⁴ ≤ u ≤ 1 − 2⁻⁵³: for a normal the mean ± 8.3 standard deviations, for bounded distributions their
/// ends; yearly shocks are taken at the same ± 8.3.
/// </para>
/// </summary>
public static class ScenarioDomain
{
    /// <summary>Earliest year of any base, target, history point or level change.</summary>
    public const int FirstYear = 1900;

    /// <summary>Latest year of any base, target, history point or level change.</summary>
    public const int LastYear = 2200;

    /// <summary>The longest simulated horizon, in years (all base and target years within this span).</summary>
    public const int MaxYears = 100;

    /// <summary>Largest magnitude of any value, parameter, base, target or bound.</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Largest level of a count driver and largest mean of a Poisson or negative binomial draw.</summary>
    public const double MaxCount = 1e6;

    /// <summary>Largest standard deviation of a Poisson or negative binomial draw (its cost grows with it).</summary>
    public const double MaxCountSpread = 1e4;

    /// <summary>Smallest negative binomial dispersion r.</summary>
    public const double MinDispersion = 0.01;

    /// <summary>Largest negative binomial dispersion r.</summary>
    public const double MaxDispersion = 1e6;

    /// <summary>Smallest Beta shape α or β.</summary>
    public const double MinShape = 0.01;

    /// <summary>Largest Beta shape α or β.</summary>
    public const double MaxShape = 1e6;

    /// <summary>Largest base value or capacity of a stock-flow count.</summary>
    public const double MaxStock = 1e8;

    /// <summary>Largest |ln(1 + g)| of a yearly growth rate g.</summary>
    public const double MaxLogGrowth = 3;

    /// <summary>Largest |v| of a yearly logit step.</summary>
    public const double MaxLogitStep = 36.7;

    /// <summary>Largest yearly standard deviation of a probability driver.</summary>
    public const double MaxProbabilitySd = 1;

    /// <summary>Normal quantile of the most extreme uniform the engine draws: Φ⁻¹(2⁻⁵⁴) ≈ −8.22, rounded out.</summary>
    public const double DrawableZ = 8.3;

    /// <summary>Longest period a history point may total.</summary>
    public const int MaxPeriodYears = MaxYears;

    /// <summary>The largest uniform the level samplers draw (1 − 2⁻⁵³).</summary>
    private const double TopUniform = 1 - 1.0 / (1UL << 53);

    private static readonly double LowestGrowth = Math.Exp(-MaxLogGrowth) - 1;
    private static readonly double HighestGrowth = Math.Exp(MaxLogGrowth) - 1;

    /// <summary>The domain table, in the order of the README's scenario reference.</summary>
    public static IReadOnlyList<DomainRule> Table { get; } =
    [
        new("years (base, target, history, `changes.from`, `horizon`)", $"{FirstYear} to {LastYear}; all base and target years within {MaxYears} years of each other",
            "one yearly grid from the earliest base to the latest target is simulated: a typo (20250) would run for millennia"),
        new("any number (parameters, bases, targets, bounds, history)", $"finite, magnitude at most 1e15",
            "1e15 is beyond any plan's figure (China's GDP is 1.3e14 yuan); with the growth limit below, 100 years of compounding stay below 1e300"),
        new("growth rate (driver of a `compound` model or a `ratio` side): every level and yearly value it can draw", "−0.9502 to 19.0855 a year (ln(1 + g) within ±3)",
            "100 years at e^±3 a year move a value by at most e^300, a ratio of two by e^600; from a base of 1e15 that stays below e^709, the largest double"),
        new("logit step (driver of a `share`): every level and yearly value it can draw", "−36.7 to 36.7",
            "ln 2^53 = 36.7: a larger step carries any share from one bound to the other in one year at double precision"),
        new("probability (`exits` of a stock-flow; `entries` of a stock-flow with `capacity`): every level it can draw", "0 to 1; yearly `none`, `normal` or `growth` with sd at most 1 (each year's value is clamped to [0, 1])",
            "a share of a stock: below 0 or above 1 has no meaning"),
        new("count (`entries` of an open stock-flow, `cumulative` and count `flow` drivers): every level it can draw", "mean at least 0; at most 1,000,000",
            "above this a single yearly draw walks millions of steps (a certification count drawn around 1e8 ran for minutes)"),
        new("Poisson or negative binomial draw (a level or yearly variation)", "mean 0 to 1,000,000; standard deviation at most 10,000; dispersion 0.01 to 1e6",
            "an exact draw walks about one step per unit of standard deviation: 10,000 is about 25 µs a draw (measured: 2.3 ns a unit); below r = 0.01 the far tail of an allowed mean lies beyond 10^7 steps; above 1e6 the negative binomial is a Poisson and p = r/(r + mean) loses its precision"),
        new("Beta shapes `alpha`, `beta`", "0.01 to 1e6",
            "below 0.01 more of the mass lies within 1e-100 of an end than the table of 8,193 quantiles resolves (measured: Beta(0.0001, 1) sampled a mean of 4.5e-9, not 1e-4)"),
        new("stock-flow base value and `capacity`", "whole, 0 to 1e8",
            "exits are exact binomial draws on a 32-bit count: 1e8 plus 100 years of the largest entries stays below 2^31; a draw costs 36 µs at 1e8"),
        new("target value", "a count (stock-flow, cumulative, count flow) at least 0, and at most the capacity; a compound or ratio indicator above 0; a share within its bounds",
            "such an indicator never leaves that range, so a target outside it is met (or missed) on every path"),
        new("correlation `rho`", "−1 to 1, the matrix positive semi-definite (or repaired with --repair-correlations)", "a correlation"),
        new("history `years` (a period total)", $"1 to {MaxPeriodYears}", "a period within the simulated span"),
        new("`run.paths`", "at least 1", "a run needs a path"),
        new("`run.seed`", "a whole number, 0 to 9e15", "any seed reproduces a run"),
    ];

    /// <summary>Every number of the scenario outside its domain; empty when all are inside.</summary>
    public static IReadOnlyList<DomainViolation> Violations(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var found = new List<DomainViolation>();
        var roles = Roles(scenario);
        for (int d = 0; d < scenario.Drivers.Count; d++)
            CheckDriver(scenario.Drivers[d], d, roles.TryGetValue(scenario.Drivers[d].Id, out var r) ? r : [], found);
        for (int i = 0; i < scenario.Indicators.Count; i++)
            CheckIndicator(scenario.Indicators[i], i, found);
        // One message per field: the first (most specific) one.
        return found.GroupBy(v => v.Path, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    /// <summary>
    /// Throws <see cref="ScenarioDomainException"/> naming the driver or indicator and the parameter when a number is
    /// outside its domain: the engine's own check, for library users who build scenarios in code.
    /// </summary>
    public static void Guard(Scenario scenario)
    {
        var violations = Violations(scenario);
        if (violations.Count > 0) throw new ScenarioDomainException(violations);
    }

    /// <summary>
    /// What each driver is to the indicators that read it, by driver id: "growth" (a growth rate a year), "step" (a logit
    /// step of a share), "probability" (a rate or chance a year) or "count" (a count a year); the first role found. Drivers
    /// read only through mixtures or not at all are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DriverRoles(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Roles(scenario).ToDictionary(kv => kv.Key, kv => kv.Value[0].Role.ToString().ToLowerInvariant(), StringComparer.Ordinal);
    }

    /// <summary>What a driver does for the indicators that read it.</summary>
    private enum Role { Growth, Step, Probability, Count }

    /// <summary>A driver's role and the first indicator that gives it, for messages.</summary>
    private readonly record struct Use(Role Role, string Source);

    private static Dictionary<string, List<Use>> Roles(Scenario scenario)
    {
        var roles = new Dictionary<string, List<Use>>(StringComparer.Ordinal);
        void Add(string? driver, Role role, string source)
        {
            if (driver is null) return;
            if (!roles.TryGetValue(driver, out var list)) roles[driver] = list = [];
            if (!list.Exists(u => u.Role == role)) list.Add(new Use(role, source));
        }
        for (int i = 0; i < scenario.Indicators.Count; i++)
        {
            var ind = scenario.Indicators[i];
            string name = $"indicators[{i}] '{ind.Id}'";
            switch (ind.Model)
            {
                case CompoundGrowthModel m: Add(m.Growth, Role.Growth, MessageText.Format(Messages.RoleGrowth, name)); break;
                case RatioModel m:
                    Add(m.Numerator.GrowthDriver, Role.Growth, MessageText.Format(Messages.RoleNumeratorGrowth, name));
                    Add(m.Denominator.GrowthDriver, Role.Growth, MessageText.Format(Messages.RoleDenominatorGrowth, name));
                    break;
                case BoundedShareModel m: Add(m.Step, Role.Step, MessageText.Format(Messages.RoleLogitStep, name)); break;
                case StockFlowModel m:
                    Add(m.ExitRate, Role.Probability, MessageText.Format(Messages.RoleExitRate, name));
                    if (m.Capacity is null) Add(m.Entries, Role.Count, MessageText.Format(Messages.RoleEntries, name));
                    else Add(m.Entries, Role.Probability, MessageText.Format(Messages.RoleConversionRate, name));
                    break;
                case CumulativeModel m: Add(m.Driver, Role.Count, MessageText.Format(Messages.RoleAccumulates, name)); break;
                case FlowModel { Count: true } m: Add(m.Driver, Role.Count, MessageText.Format(Messages.RoleCount, name)); break;
            }
        }
        return roles;
    }

    private static void CheckDriver(Driver driver, int d, IReadOnlyList<Use> uses, List<DomainViolation> found)
    {
        string at = $"drivers[{d}]", id = driver.Id;
        void Add(string field, string message) => found.Add(new DomainViolation($"{at}.{field}", id, field, $"'{id}' {message}"));

        var levels = new List<(Distribution Level, string Field, double Low, double High)>();
        for (int c = -1; c < driver.LevelChanges.Count; c++)
        {
            var level = c < 0 ? driver.Level : driver.LevelChanges[c].Level;
            string field = c < 0 ? "level" : $"changes[{c}].level";
            if (c >= 0 && driver.LevelChanges[c].FromYear is < FirstYear or > LastYear)
                Add($"changes[{c}].from", MessageText.Format(Messages.DomainChangeYear, driver.LevelChanges[c].FromYear, FirstYear, LastYear));
            if (level is null || level.Problem() is not null) continue;   // the validator reports it
            if (ParameterProblem(level) is { } p)
            {
                Add($"{field}.{p.Field}", p.Message);
                continue;
            }
            var (low, high) = Drawable(level);
            if (LevelProblem(level, low, high, uses) is { } problem) Add($"{field}.{problem.Field}", problem.Message);
            else levels.Add((level, field, low, high));
        }

        var yearly = driver.Yearly;
        if (yearly is null || yearly.Problem() is not null) return;
        if (YearlyParameterProblem(yearly) is { } yp)
        {
            Add($"yearly.{yp.Field}", yp.Message);
            return;
        }
        foreach (var (level, field, low, high) in levels)
        {
            if (YearlyProblem(yearly, level, field, low, high, uses) is { } problem)
            {
                Add(problem.Field, problem.Message);
                return;
            }
        }
    }

    /// <summary>A problem with the field to blame (relative to the driver, or to its level for level problems).</summary>
    private readonly record struct Problem(string Field, string Message);

    /// <summary>Parameters a distribution cannot be sampled with in bounded time and finite numbers, whatever its role.</summary>
    private static Problem? ParameterProblem(Distribution level)
    {
        foreach (var (name, value) in Parameters(level))
            if (Math.Abs(value) > MaxMagnitude)
                return new(name, MessageText.Format(Messages.DomainParameterMagnitude, name, F(value)));
        switch (level)
        {
            case PertDistribution: break;
            case BetaDistribution b:
                if (b.Alpha is < MinShape or > MaxShape) return new("alpha", ShapeMessage("alpha", b.Alpha));
                if (b.Beta is < MinShape or > MaxShape) return new("beta", ShapeMessage("beta", b.Beta));
                break;
            case PoissonDistribution p when CountDrawProblem(p.Lambda, double.PositiveInfinity) is { } poisson:
                return new("lambda", MessageText.Format(Messages.DomainLevelDraw, $"poisson({F(p.Lambda)})", poisson));
            case NegativeBinomialDistribution n:
                if (DispersionProblem(n.Dispersion) is { } dispersion) return new("dispersion", MessageText.Format(Messages.DomainLevelDraw, n.Describe(), dispersion));
                if (CountDrawProblem(n.MeanValue, n.Dispersion) is { } negbin) return new("mean", MessageText.Format(Messages.DomainLevelDraw, n.Describe(), negbin));
                break;
        }
        return null;
    }

    private static string ShapeMessage(string name, double value) =>
        MessageText.Format(Messages.DomainShape, name, F(value), F(MinShape), F(MaxShape));

    private static string? DispersionProblem(double r) => r is < MinDispersion or > MaxDispersion
        ? MessageText.Format(Messages.DomainDispersion, F(MinDispersion), F(MaxDispersion), F(r))
        : null;

    /// <summary>A Poisson (dispersion ∞) or negative binomial draw with this mean: within the mean and spread the samplers handle in bounded time.</summary>
    private static string? CountDrawProblem(double mean, double dispersion)
    {
        if (mean > MaxCount)
            return MessageText.Format(Messages.DomainCountMean, F(mean));
        double sd = Math.Sqrt(mean + (double.IsPositiveInfinity(dispersion) ? 0 : mean * mean / dispersion));
        if (sd > MaxCountSpread)
            return MessageText.Format(Messages.DomainCountSpread, F(sd));
        return null;
    }

    private static Problem? YearlyParameterProblem(YearlyVariation yearly) => yearly.Kind switch
    {
        YearlyVariationKind.Normal or YearlyVariationKind.Growth when yearly.Scale > MaxMagnitude =>
            new("sd", MessageText.Format(Messages.DomainYearlySdMagnitude, F(yearly.Scale))),
        YearlyVariationKind.NegativeBinomial when DispersionProblem(yearly.Scale) is { } message => new("dispersion", MessageText.Format(Messages.DomainYearlyDispersion, message)),
        _ => null,
    };

    /// <summary>The first role whose range the drawable levels leave, with the parameter to blame.</summary>
    private static Problem? LevelProblem(Distribution level, double low, double high, IReadOnlyList<Use> uses)
    {
        string draws = MessageText.Format(Messages.DomainDraws, level.Describe(), F(low), F(high));
        foreach (var use in uses)
        {
            switch (use.Role)
            {
                case Role.Growth when !(low >= LowestGrowth && high <= HighestGrowth):
                    return new(Blame(level, low < LowestGrowth, LowestGrowth, HighestGrowth),
                        MessageText.Format(Messages.DomainLevelGrowth, use.Source, F4(LowestGrowth), F4(HighestGrowth), MaxYears, draws));
                case Role.Step when !(low >= -MaxLogitStep && high <= MaxLogitStep):
                    return new(Blame(level, low < -MaxLogitStep, -MaxLogitStep, MaxLogitStep),
                        MessageText.Format(Messages.DomainLevelStep, use.Source, draws));
                case Role.Probability when !(low >= 0 && high <= 1):
                    return new(Blame(level, low < 0, 0, 1),
                        MessageText.Format(Messages.DomainLevelProbability, use.Source, draws));
                case Role.Count when level.Mean < 0:
                    return new(Blame(level, true, 0, MaxCount), MessageText.Format(Messages.DomainLevelCountMean, use.Source, level.Describe(), F(level.Mean)));
                case Role.Count when high > MaxCount:
                    return new(Blame(level, false, 0, MaxCount),
                        MessageText.Format(Messages.DomainLevelCountMax, use.Source, draws));
            }
        }
        if (!(low >= -MaxMagnitude && high <= MaxMagnitude))
            return new(Blame(level, low < -MaxMagnitude, -MaxMagnitude, MaxMagnitude), MessageText.Format(Messages.DomainLevelMagnitude, draws));
        return null;
    }

    private static Problem? YearlyProblem(YearlyVariation yearly, Distribution level, string levelField, double low, double high, IReadOnlyList<Use> uses)
    {
        double sigma = yearly.Scale, z = DrawableZ;
        bool count = yearly.IsCount;
        foreach (var use in uses)
        {
            if (count && use.Role is Role.Growth or Role.Step or Role.Probability)
                return new("yearly.kind", MessageText.Format(Messages.DomainYearlyKindCount, Article(use.Role), use.Source, KindName(yearly.Kind), use.Role == Role.Growth ? "normal, growth" : "normal"));
        }
        if (count)
        {
            // The level is the mean of each year's draw.
            string? problem = yearly.Kind == YearlyVariationKind.Poisson ? CountDrawProblem(high, double.PositiveInfinity) : CountDrawProblem(high, sigma);
            if (problem is null) return null;
            string blame = high > MaxCount ? $"{levelField}.{Blame(level, false, 0, MaxCount)}" : yearly.Kind == YearlyVariationKind.Poisson ? "yearly.kind" : "yearly.dispersion";
            return new(blame, MessageText.Format(Messages.DomainYearlyCountDraw, F(high), level.Describe(), problem));
        }
        double vLow, vHigh;
        switch (yearly.Kind)
        {
            case YearlyVariationKind.Normal when sigma > 0:
                vLow = low - z * sigma;
                vHigh = high + z * sigma;
                break;
            case YearlyVariationKind.Growth when sigma > 0:
                vLow = (1 + low) * Math.Exp(-z * sigma - sigma * sigma / 2) - 1;
                vHigh = (1 + high) * Math.Exp(z * sigma - sigma * sigma / 2) - 1;
                break;
            default:
                return null;   // the yearly value is the level, checked already
        }
        string draws = MessageText.Format(Messages.DomainYearlyDraws, levelField, F(low), F(high), KindName(yearly.Kind), F(sigma), F(vLow), F(vHigh));
        foreach (var use in uses)
        {
            switch (use.Role)
            {
                case Role.Growth when !(vLow >= LowestGrowth && vHigh <= HighestGrowth):
                    return new("yearly.sd", MessageText.Format(Messages.DomainYearlyGrowth, use.Source, F4(LowestGrowth), F4(HighestGrowth), MaxYears, draws));
                case Role.Step when !(vLow >= -MaxLogitStep && vHigh <= MaxLogitStep):
                    return new("yearly.sd", MessageText.Format(Messages.DomainYearlyStep, use.Source, draws));
                case Role.Probability when sigma > MaxProbabilitySd:
                    return new("yearly.sd", MessageText.Format(Messages.DomainYearlyProbability, use.Source, F(sigma)));
                case Role.Count when vHigh > MaxCount:
                    return new("yearly.sd", MessageText.Format(Messages.DomainYearlyCount, use.Source, draws));
            }
        }
        if (!(vLow >= -MaxMagnitude && vHigh <= MaxMagnitude))
            return new("yearly.sd", MessageText.Format(Messages.DomainYearlyMagnitude, draws));
        return null;
    }

    private static void CheckIndicator(Indicator ind, int i, List<DomainViolation> found)
    {
        string at = $"indicators[{i}]", id = ind.Id;
        void Add(string field, string message) => found.Add(new DomainViolation($"{at}.{field}", id, field, $"'{id}' {message}"));
        void Year(string field, int year)
        {
            if (year is < FirstYear or > LastYear) Add(field, MessageText.Format(Messages.DomainYear, field, year, FirstYear, LastYear));
        }
        void Magnitude(string field, double value)
        {
            if (double.IsFinite(value) && Math.Abs(value) > MaxMagnitude)
                Add(field, MessageText.Format(Messages.DomainMagnitude, field, F(value)));
        }

        Year("base.year", ind.BaseYear);
        Year("target.year", ind.Target?.Year ?? FirstYear);
        Magnitude("base.value", ind.BaseValue);
        if (ind.Bounds is { } bounds)
        {
            Magnitude("bounds", bounds.Lower);
            Magnitude("bounds", bounds.Upper);
        }
        for (int h = 0; h < ind.HistoryPoints.Count; h++)
        {
            var point = ind.HistoryPoints[h];
            Year($"history[{h}].year", point.Year);
            Magnitude($"history[{h}].value", point.Value);
            if (point.Years is < 1 or > MaxPeriodYears)
                Add($"history[{h}].years", MessageText.Format(Messages.DomainHistoryPeriod, point.Years, MaxPeriodYears));
        }
        if (ind.Target is not { } target) return;
        Magnitude("target.value", target.Value);
        if (!double.IsFinite(target.Value) || Math.Abs(target.Value) > MaxMagnitude) return;

        string Always() => target.Direction == Direction.AtLeast ? Messages.DomainMetOnEveryPath : Messages.DomainMissedOnEveryPath;
        string Never() => target.Direction == Direction.AtLeast ? Messages.DomainMissedOnEveryPath : Messages.DomainMetOnEveryPath;
        switch (ind.Model)
        {
            case StockFlowModel m:
                if (ind.BaseValue > MaxStock)
                    Add("base.value", MessageText.Format(Messages.DomainStockTooLarge, F(ind.BaseValue)));
                if (m.Capacity is > (int)MaxStock)
                    Add("model.capacity", MessageText.Format(Messages.DomainCapacityTooLarge, m.Capacity));
                if (target.Value < 0)
                    Add("target.value", MessageText.Format(Messages.DomainTargetBelowZero, "stock-flow", F(target.Value), Always()));
                else if (m.Capacity is { } capacity && target.Value > capacity)
                    Add("target.value", MessageText.Format(Messages.DomainTargetAboveCapacity, capacity, F(target.Value), Never()));
                break;
            case CumulativeModel:
                if (target.Value < 0)
                    Add("target.value", MessageText.Format(Messages.DomainTargetBelowZero, "cumulative", F(target.Value), Always()));
                break;
            case FlowModel { Count: true }:
                if (target.Value < 0)
                    Add("target.value", MessageText.Format(Messages.DomainTargetBelowZero, "flow", F(target.Value), Always()));
                break;
            case CompoundGrowthModel or RatioModel:
                if (target.Value <= 0)
                    Add("target.value", MessageText.Format(Messages.DomainTargetNotPositive, ind.Model.KindName, F(target.Value), Always()));
                break;
        }
    }

    /// <summary>The range of F⁻¹(u) over the uniforms the engine draws.</summary>
    internal static (double Low, double High) Drawable(Distribution level) => level switch
    {
        FixedDistribution f => (f.Value, f.Value),
        NormalDistribution n => (n.MeanValue - DrawableZ * n.StdDev, n.MeanValue + DrawableZ * n.StdDev),
        LogNormalDistribution l => (Math.Exp(l.Mu - DrawableZ * l.Sigma), Math.Exp(l.Mu + DrawableZ * l.Sigma)),
        UniformDistribution u => (u.Min, u.Max),
        TriangularDistribution t => (t.Min, t.Max),
        BetaDistribution b => (b.Min, b.Max),
        PoissonDistribution or NegativeBinomialDistribution => (0, level.Quantile(TopUniform)),
        _ => (level.Quantile(1.0 / (1UL << 54)), level.Quantile(TopUniform)),
    };

    private static IEnumerable<(string Name, double Value)> Parameters(Distribution level) => level switch
    {
        FixedDistribution f => [("value", f.Value)],
        NormalDistribution n => [("mean", n.MeanValue), ("sd", n.StdDev)],
        LogNormalDistribution l => [("mu", l.Mu), ("sigma", l.Sigma)],
        UniformDistribution u => [("min", u.Min), ("max", u.Max)],
        TriangularDistribution t => [("min", t.Min), ("mode", t.Mode), ("max", t.Max)],
        PertDistribution p => [("min", p.Min), ("mode", p.Mode), ("max", p.Max)],
        BetaDistribution b => [("alpha", b.Alpha), ("beta", b.Beta), ("min", b.Min), ("max", b.Max)],
        PoissonDistribution p => [("lambda", p.Lambda)],
        NegativeBinomialDistribution n => [("mean", n.MeanValue), ("dispersion", n.Dispersion)],
        _ => [],
    };

    /// <summary>
    /// The parameter that moves the drawable range past the limit: the centre when it lies outside the allowed range
    /// itself, otherwise the spread; for bounded distributions the end that is out.
    /// </summary>
    private static string Blame(Distribution level, bool low, double allowedLow, double allowedHigh) => level switch
    {
        FixedDistribution => "value",
        NormalDistribution n => n.MeanValue < allowedLow || n.MeanValue > allowedHigh ? "mean" : "sd",
        LogNormalDistribution l => Math.Exp(l.Mu) < allowedLow || Math.Exp(l.Mu) > allowedHigh ? "mu" : "sigma",
        PoissonDistribution => "lambda",
        NegativeBinomialDistribution => "mean",
        _ => low ? "min" : "max",
    };

    private static string Article(Role role) => role switch
    {
        Role.Growth => Messages.ArticleGrowth,
        Role.Step => Messages.ArticleStep,
        Role.Probability => Messages.ArticleProbability,
        _ => Messages.ArticleCount,
    };

    private static string KindName(YearlyVariationKind kind) => kind switch
    {
        YearlyVariationKind.NegativeBinomial => "negbin",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A number for messages: six significant digits, the exponent as a scenario file writes it (1e+08).</summary>
    private static string F(double x) => MessageNumber.Format(x);

    private static string F4(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// Thrown by the engine for a scenario with a number outside its declared domain (<see cref="ScenarioDomain"/>):
/// a plan whose numbers would overflow or hang is refused when it is compiled. Names the driver or indicator and the
/// parameter of the first violation; <see cref="Violations"/> has them all.
/// </summary>
public sealed class ScenarioDomainException : InvalidScenarioException
{
    /// <summary>Creates the exception from the violations found (at least one).</summary>
    public ScenarioDomainException(IReadOnlyList<DomainViolation> violations)
        : base(violations.Select(v => v.ToProblem()).ToList(),
            MessageText.Format(Messages.DomainOutside, violations[0].Subject, violations[0].Parameter, violations[0].Message) +
            (violations.Count > 1 ? MessageText.Format(Messages.DomainAndMore, violations.Count - 1) : ""))
    {
        Violations = violations;
    }

    /// <summary>Every number found outside its domain.</summary>
    public IReadOnlyList<DomainViolation> Violations { get; }

    /// <summary>The driver or indicator of the first violation.</summary>
    public string Subject => Violations[0].Subject;

    /// <summary>The parameter of the first violation, e.g. "level.max".</summary>
    public string Parameter => Violations[0].Parameter;
}
