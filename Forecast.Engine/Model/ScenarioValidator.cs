using MathNet.Numerics.LinearAlgebra;

namespace Forecast.Engine.Model;

/// <summary>
/// Checks every rule a scenario must keep before the engine runs it: unique ids, references that
/// exist, no dependency cycle, finite values, parameters that define distributions, bases inside
/// bounds, targets after bases, and a correlation matrix that is a correlation matrix (symmetric by
/// construction, entries in [−1, 1], positive semi-definite).
/// </summary>
public static class ScenarioValidator
{
    /// <summary>Every problem found, with field paths in the scenario file's key names; empty when valid.</summary>
    public static IReadOnlyList<ScenarioProblem> Problems(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = new List<ScenarioProblem>();
        void Add(string path, string message) => problems.Add(new ScenarioProblem(path, message));

        if (scenario.Defaults.Paths < 1) Add("run.paths", $"the number of paths must be at least 1, not {scenario.Defaults.Paths}");

        var driverIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < scenario.Drivers.Count; d++)
        {
            var driver = scenario.Drivers[d];
            string at = $"drivers[{d}]";
            if (string.IsNullOrWhiteSpace(driver.Id)) Add($"{at}.id", "a driver needs an id");
            else if (!driverIds.TryAdd(driver.Id, d)) Add($"{at}.id", $"duplicate driver id '{driver.Id}' (first used by drivers[{driverIds[driver.Id]}])");
            if (driver.Level.Problem() is { } levelProblem) Add($"{at}.level", levelProblem);
            if (driver.Yearly.Problem() is { } yearlyProblem) Add($"{at}.yearly", yearlyProblem);
            int previous = int.MinValue;
            for (int c = 0; c < driver.LevelChanges.Count; c++)
            {
                var change = driver.LevelChanges[c];
                if (change.Level.Problem() is { } changeProblem) Add($"{at}.changes[{c}].level", changeProblem);
                if (change.FromYear <= previous) Add($"{at}.changes[{c}].from", "level changes must be in increasing year order");
                previous = change.FromYear;
            }
        }

        var indicatorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < scenario.Indicators.Count; i++)
        {
            var indicator = scenario.Indicators[i];
            string at = $"indicators[{i}]";
            if (string.IsNullOrWhiteSpace(indicator.Id)) Add($"{at}.id", "an indicator needs an id");
            else if (!indicatorIds.TryAdd(indicator.Id, i)) Add($"{at}.id", $"duplicate indicator id '{indicator.Id}' (first used by indicators[{indicatorIds[indicator.Id]}])");
        }

        for (int i = 0; i < scenario.Indicators.Count; i++)
            CheckIndicator(scenario.Indicators[i], $"indicators[{i}]", driverIds, indicatorIds, scenario, Add);

        foreach (var violation in ScenarioDomain.Violations(scenario)) problems.Add(violation.ToProblem());
        CheckSpan(scenario, Add);
        CheckCycles(scenario, indicatorIds, Add);
        CheckCorrelations(scenario, driverIds, Add);
        return problems;
    }

    /// <summary>Throws <see cref="InvalidScenarioException"/> listing every problem, if there is any.</summary>
    public static Scenario Validate(Scenario scenario)
    {
        var problems = Problems(scenario);
        if (problems.Count > 0) throw new InvalidScenarioException(problems);
        return scenario;
    }

    /// <summary>The longest simulated horizon, in years (<see cref="ScenarioDomain.MaxYears"/>).</summary>
    public const int MaxYears = ScenarioDomain.MaxYears;

    private static string F(double x) => MessageNumber.Format(x);

    private static void CheckIndicator(Indicator indicator, string at, Dictionary<string, int> drivers,
        Dictionary<string, int> indicators, Scenario scenario, Action<string, string> add)
    {
        if (!double.IsFinite(indicator.BaseValue)) add($"{at}.base.value", $"the base value must be a finite number, not {F(indicator.BaseValue)}");
        if (!double.IsFinite(indicator.Target.Value)) add($"{at}.target.value", $"the target must be a finite number, not {F(indicator.Target.Value)}");
        if (indicator.Target.Year <= indicator.BaseYear)
            add($"{at}.target.year", $"the target year ({indicator.Target.Year}) must come after the base year ({indicator.BaseYear})");
        if ((long)indicator.Target.Year - indicator.BaseYear > MaxYears)
            add($"{at}.target.year", $"the target year ({indicator.Target.Year}) is more than {MaxYears} years after the base year ({indicator.BaseYear})");
        bool baseReported = false;
        if (indicator.Bounds is { } bounds)
        {
            if (!double.IsFinite(bounds.Lower) || !double.IsFinite(bounds.Upper) || bounds.Lower >= bounds.Upper)
            {
                add($"{at}.bounds", $"bounds must be two finite numbers, lower below upper, not [{F(bounds.Lower)}, {F(bounds.Upper)}]");
                baseReported = true;
            }
            else
            {
                if (indicator.BaseValue < bounds.Lower || indicator.BaseValue > bounds.Upper)
                {
                    add($"{at}.base.value", $"the base value {F(indicator.BaseValue)} lies outside the bounds [{F(bounds.Lower)}, {F(bounds.Upper)}]");
                    baseReported = true;
                }
                if (indicator.Target.Value < bounds.Lower || indicator.Target.Value > bounds.Upper)
                    add($"{at}.target.value", $"the target {F(indicator.Target.Value)} lies outside the bounds [{F(bounds.Lower)}, {F(bounds.Upper)}]");
            }
        }

        void Driver(string? id, string field)
        {
            if (id is not null && !drivers.ContainsKey(id))
                add($"{at}.model.{field}", $"driver '{id}' is not defined{Suggest(id, drivers.Keys)}");
        }

        switch (indicator.Model)
        {
            case CompoundGrowthModel m:
                Driver(m.Growth, "growth");
                if (indicator.BaseValue <= 0) add($"{at}.base.value", $"compound growth needs a base value above 0, not {F(indicator.BaseValue)}");
                break;
            case RatioModel m:
                CheckQuantity(m.Numerator, "numerator");
                CheckQuantity(m.Denominator, "denominator");
                if (indicator.BaseValue <= 0) add($"{at}.base.value", $"a ratio needs a base value above 0, not {F(indicator.BaseValue)}");
                break;
            case BoundedShareModel m:
                Driver(m.Step, "step");
                var b = indicator.Bounds ?? Bounds.Percent;
                if (!baseReported && !b.StrictlyContains(indicator.BaseValue))
                    add($"{at}.base.value", $"a bounded share needs a base value strictly inside its bounds [{F(b.Lower)}, {F(b.Upper)}], not {F(indicator.BaseValue)}");
                break;
            case StockFlowModel m:
                Driver(m.Entries, "entries");
                Driver(m.ExitRate, "exits");
                if (indicator.BaseValue < 0 || indicator.BaseValue != Math.Floor(indicator.BaseValue))
                    add($"{at}.base.value", $"a stock-flow count needs a whole, non-negative base value, not {F(indicator.BaseValue)}");
                if (m.Capacity is { } capacity && (capacity < 0 || capacity < indicator.BaseValue))
                    add($"{at}.model.capacity", $"the capacity ({capacity}) must be at least the base value ({F(indicator.BaseValue)})");
                break;
            case CumulativeModel m:
                Driver(m.Driver, "driver");
                if (indicator.BaseValue < 0 || indicator.BaseValue != Math.Floor(indicator.BaseValue))
                    add($"{at}.base.value", $"a cumulative count needs a whole, non-negative base value, not {F(indicator.BaseValue)}");
                break;
            case FlowModel m:
                Driver(m.Driver, "driver");
                break;
        }

        void CheckQuantity(Quantity q, string field)
        {
            if ((q.GrowthDriver is null) == (q.Indicator is null))
            {
                add($"{at}.model.{field}", "give exactly one of 'growth' (a driver) or 'indicator'");
                return;
            }
            if (q.GrowthDriver is not null) Driver(q.GrowthDriver, $"{field}.growth");
            if (q.Indicator is { } id)
            {
                if (!indicators.TryGetValue(id, out int j))
                    add($"{at}.model.{field}.indicator", $"indicator '{id}' is not defined{Suggest(id, indicators.Keys)}");
                else
                {
                    var other = scenario.Indicators[j];
                    if (other.BaseYear != indicator.BaseYear)
                        add($"{at}.model.{field}.indicator", $"indicator '{id}' has base year {other.BaseYear}, but this ratio starts in {indicator.BaseYear}");
                    else if (other.BaseValue <= 0)
                        add($"{at}.model.{field}.indicator", $"indicator '{id}' has base value {F(other.BaseValue)}; a ratio side must start above 0");
                }
            }
        }
    }

    /// <summary>
    /// All indicators are simulated on one yearly grid from the earliest base year to the latest target
    /// year, so a typo in one year (20250 for 2025) would make every indicator run for thousands of years.
    /// </summary>
    private static void CheckSpan(Scenario scenario, Action<string, string> add)
    {
        if (scenario.Indicators.Count == 0) return;
        int first = 0, last = 0;
        for (int i = 1; i < scenario.Indicators.Count; i++)
        {
            if (scenario.Indicators[i].BaseYear < scenario.Indicators[first].BaseYear) first = i;
            if (scenario.Indicators[i].Target.Year > scenario.Indicators[last].Target.Year) last = i;
        }
        long span = (long)scenario.Indicators[last].Target.Year - scenario.Indicators[first].BaseYear;
        if (span > MaxYears && first != last)
            add($"indicators[{last}].target.year", $"the scenario would span {span} years, from {scenario.Indicators[first].BaseYear} " +
                $"(indicators[{first}].base.year) to {scenario.Indicators[last].Target.Year}; all base and target years must lie within {MaxYears} years of each other");
    }

    private static void CheckCycles(Scenario scenario, Dictionary<string, int> indicators, Action<string, string> add)
    {
        // Depth-first search over indicator references; grey nodes on the stack reveal a cycle.
        var state = new int[scenario.Indicators.Count];
        var stack = new List<string>();
        bool Visit(int i)
        {
            if (state[i] == 2) return false;
            if (state[i] == 1)
            {
                int start = stack.IndexOf(scenario.Indicators[i].Id);
                var cycle = stack.Skip(start).Append(scenario.Indicators[i].Id);
                add($"indicators[{i}].model", "dependency cycle between indicators: " + string.Join(" -> ", cycle));
                return true;
            }
            state[i] = 1;
            stack.Add(scenario.Indicators[i].Id);
            foreach (var dep in scenario.Indicators[i].Model.IndicatorIds)
                if (indicators.TryGetValue(dep, out int j) && Visit(j)) return true;
            stack.RemoveAt(stack.Count - 1);
            state[i] = 2;
            return false;
        }
        for (int i = 0; i < scenario.Indicators.Count; i++)
            if (state[i] == 0 && Visit(i)) return;
    }

    private static void CheckCorrelations(Scenario scenario, Dictionary<string, int> drivers, Action<string, string> add)
    {
        if (scenario.Correlations.Count == 0) return;
        int n = scenario.Drivers.Count;
        var matrix = Matrix<double>.Build.DenseIdentity(n);
        bool usable = true;
        var seen = new Dictionary<(int, int), int>();
        for (int c = 0; c < scenario.Correlations.Count; c++)
        {
            var corr = scenario.Correlations[c];
            string at = $"correlations[{c}]";
            bool known = true;
            if (!drivers.TryGetValue(corr.First, out int a)) { add($"{at}", $"driver '{corr.First}' is not defined{Suggest(corr.First, drivers.Keys)}"); known = false; }
            if (!drivers.TryGetValue(corr.Second, out int b)) { add($"{at}", $"driver '{corr.Second}' is not defined{Suggest(corr.Second, drivers.Keys)}"); known = false; }
            if (!double.IsFinite(corr.Rho) || corr.Rho < -1 || corr.Rho > 1) { add($"{at}.rho", $"a correlation must lie in [-1, 1], not {F(corr.Rho)}"); usable = false; continue; }
            if (!known) { usable = false; continue; }
            if (a == b) { add($"{at}", $"a driver cannot be correlated with itself ('{corr.First}')"); usable = false; continue; }
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (seen.TryGetValue(key, out int first) && scenario.Correlations[first].Rho != corr.Rho)
            {
                add($"{at}", $"the correlation of '{corr.First}' and '{corr.Second}' is given twice with different values (see correlations[{first}]): the matrix would not be symmetric");
                usable = false;
                continue;
            }
            seen[key] = c;
            matrix[a, b] = corr.Rho;
            matrix[b, a] = corr.Rho;
        }
        if (!usable) return;
        double minEigen = matrix.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);
        if (minEigen < -1e-10)
            add("correlations", $"{NotPositiveSemiDefinite} (smallest eigenvalue {F(minEigen)}): no set of drivers can have these correlations together; lower the conflicting values, or let --repair-correlations use the nearest correlation matrix (NearestCorrelation.Repair)");
    }

    /// <summary>The start of the problem of a correlation matrix that is not positive semi-definite.</summary>
    public const string NotPositiveSemiDefinite = "the correlation matrix is not positive semi-definite";

    /// <summary>Whether <paramref name="problem"/> is that of a correlation matrix that is not positive semi-definite (which <see cref="NearestCorrelation"/> can repair).</summary>
    public static bool IsNotPositiveSemiDefinite(ScenarioProblem problem) =>
        problem is not null && problem.Path == "correlations" && problem.Message.StartsWith(NotPositiveSemiDefinite, StringComparison.Ordinal);

    /// <summary>" (did you mean 'x'?)" for the closest known name within edit distance 3, else "".</summary>
    public static string Suggest(string name, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            int d = EditDistance(name, candidate);
            if (d < bestDistance) { bestDistance = d; best = candidate; }
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
