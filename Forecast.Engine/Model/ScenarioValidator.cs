using Forecast.Engine.Resources;
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

        if (scenario.Defaults.Paths < 1) Add("run.paths", MessageText.Format(Messages.PathsAtLeastOne, scenario.Defaults.Paths));

        var driverIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < scenario.Drivers.Count; d++)
        {
            var driver = scenario.Drivers[d];
            string at = $"drivers[{d}]";
            if (string.IsNullOrWhiteSpace(driver.Id)) Add($"{at}.id", Messages.DriverNeedsId);
            else if (!driverIds.TryAdd(driver.Id, d)) Add($"{at}.id", MessageText.Format(Messages.DuplicateDriverId, driver.Id, $"drivers[{driverIds[driver.Id]}]"));
            if (driver.Level.Problem() is { } levelProblem) Add($"{at}.level", levelProblem);
            if (driver.Yearly.Problem() is { } yearlyProblem) Add($"{at}.yearly", yearlyProblem);
            if (driver.Trend is { } trend)
            {
                var parameters = trend.Parameters;
                string[] names = trend is GrowingLevel ? ["rate"] : ["long-run", "factor"];
                for (int j = 0; j < parameters.Count; j++)
                    if (parameters[j].Problem() is { } trendProblem) Add($"{at}.trend.{names[j]}", trendProblem);
                if (trend is GrowingLevel growing && growing.Rate.Problem() is null && !(growing.Rate.Quantile(1e-9) > -1))
                    Add($"{at}.trend.rate", Messages.GrowthRateAboveMinusOne);
                if (trend is DampedLevel damped && damped.Factor.Problem() is null && !(damped.Factor.Quantile(1e-9) >= 0 && damped.Factor.Quantile(1 - 1e-9) <= 1))
                    Add($"{at}.trend.factor", Messages.DecayFactorRange);
            }
            int previous = int.MinValue;
            for (int c = 0; c < driver.LevelChanges.Count; c++)
            {
                var change = driver.LevelChanges[c];
                if (change.Level.Problem() is { } changeProblem) Add($"{at}.changes[{c}].level", changeProblem);
                if (change.FromYear <= previous) Add($"{at}.changes[{c}].from", Messages.ChangesInYearOrder);
                previous = change.FromYear;
            }
        }

        var indicatorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < scenario.Indicators.Count; i++)
        {
            var indicator = scenario.Indicators[i];
            string at = $"indicators[{i}]";
            if (string.IsNullOrWhiteSpace(indicator.Id)) Add($"{at}.id", Messages.IndicatorNeedsId);
            else if (!indicatorIds.TryAdd(indicator.Id, i)) Add($"{at}.id", MessageText.Format(Messages.DuplicateIndicatorId, indicator.Id, $"indicators[{indicatorIds[indicator.Id]}]"));
        }

        for (int i = 0; i < scenario.Indicators.Count; i++)
            CheckIndicator(scenario.Indicators[i], $"indicators[{i}]", driverIds, indicatorIds, scenario, Add);

        foreach (var violation in ScenarioDomain.Violations(scenario)) problems.Add(violation.ToProblem());
        CheckSpan(scenario, Add);
        CheckCycles(scenario, indicatorIds, Add);
        CheckObserved(scenario, Add);
        CheckSharedStructures(scenario, Add);
        CheckCorrelations(scenario, driverIds, Add, CorrelationScope.Shocks);
        CheckCorrelations(scenario, driverIds, Add, CorrelationScope.Levels);
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
        if (!double.IsFinite(indicator.BaseValue)) add($"{at}.base.value", MessageText.Format(Messages.BaseValueFinite, F(indicator.BaseValue)));
        if (!double.IsFinite(indicator.Target.Value)) add($"{at}.target.value", MessageText.Format(Messages.TargetFinite, F(indicator.Target.Value)));
        if (indicator.Target.Year <= indicator.BaseYear)
            add($"{at}.target.year", MessageText.Format(Messages.TargetAfterBase, indicator.Target.Year, indicator.BaseYear));
        if ((long)indicator.Target.Year - indicator.BaseYear > MaxYears)
            add($"{at}.target.year", MessageText.Format(Messages.TargetTooFar, indicator.Target.Year, MaxYears, indicator.BaseYear));
        bool baseReported = false;
        if (indicator.Bounds is { } bounds)
        {
            if (!double.IsFinite(bounds.Lower) || !double.IsFinite(bounds.Upper) || bounds.Lower >= bounds.Upper)
            {
                add($"{at}.bounds", MessageText.Format(Messages.BoundsInvalid, F(bounds.Lower), F(bounds.Upper)));
                baseReported = true;
            }
            else
            {
                if (indicator.BaseValue < bounds.Lower || indicator.BaseValue > bounds.Upper)
                {
                    add($"{at}.base.value", MessageText.Format(Messages.BaseOutsideBounds, F(indicator.BaseValue), F(bounds.Lower), F(bounds.Upper)));
                    baseReported = true;
                }
                if (indicator.Target.Value < bounds.Lower || indicator.Target.Value > bounds.Upper)
                    add($"{at}.target.value", MessageText.Format(Messages.TargetOutsideBounds, F(indicator.Target.Value), F(bounds.Lower), F(bounds.Upper)));
            }
        }

        indicator.Model.Check(indicator, new ModelChecks(add, at,
            id => drivers.ContainsKey(id) ? null : MessageText.Format(Messages.DriverNotDefined, id, Suggest(id, drivers.Keys)),
            id => indicators.TryGetValue(id, out int j) ? scenario.Indicators[j] : null,
            id => Suggest(id, indicators.Keys)) { BaseReported = baseReported });
    }

    /// <summary>Mixtures that share a structure draw must name the same structures with the same weights.</summary>
    private static void CheckSharedStructures(Scenario scenario, Action<string, string> add)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < scenario.Indicators.Count; i++)
        {
            if (scenario.Indicators[i].Model is not MixtureModel { Structure: { } key } mixture) continue;
            if (!first.TryGetValue(key, out int j))
            {
                first[key] = i;
                continue;
            }
            var other = (MixtureModel)scenario.Indicators[j].Model;
            bool same = other.Components.Count == mixture.Components.Count
                && other.Components.Zip(mixture.Components).All(p => p.First.Name == p.Second.Name && p.First.Weight == p.Second.Weight);
            if (!same)
                add($"indicators[{i}].model.structure", MessageText.Format(Messages.SharedStructureDiffers, key, $"indicators[{j}]"));
        }
    }

    /// <summary>Observed values: of a known indicator, after its base year and within the horizon, inside its range, once per year.</summary>
    private static void CheckObserved(Scenario scenario, Action<string, string> add)
    {
        if (scenario.Observed.Count == 0 || scenario.Indicators.Count == 0) return;
        int last = scenario.Indicators.Max(i => i.Target.Year);
        var seen = new HashSet<(string, int)>();
        for (int o = 0; o < scenario.Observed.Count; o++)
        {
            var obs = scenario.Observed[o];
            string at = $"observed[{o}]";
            var indicator = scenario.Indicators.FirstOrDefault(i => i.Id == obs.IndicatorId);
            if (indicator is null)
            {
                add($"{at}.indicator", MessageText.Format(Messages.ObservedIndicatorUnknown, obs.IndicatorId, Suggest(obs.IndicatorId, scenario.Indicators.Select(i => i.Id))));
                continue;
            }
            if (obs.Year <= indicator.BaseYear)
                add($"{at}.year", MessageText.Format(Messages.ObservedBeforeBase, obs.IndicatorId, indicator.BaseYear, obs.Year));
            else if (obs.Year > last)
                add($"{at}.year", MessageText.Format(Messages.ObservedBeyondHorizon, obs.Year, last));
            if (!seen.Add((obs.IndicatorId, obs.Year))) add($"{at}", MessageText.Format(Messages.ObservedTwice, obs.IndicatorId, obs.Year));
            if (!double.IsFinite(obs.Value)) add($"{at}.value", MessageText.Format(Messages.ObservedFinite, F(obs.Value)));
            else
            {
                var bounds = indicator.Model is BoundedShareModel ? BoundedShareModel.BoundsOf(indicator) : indicator.Bounds;
                if (bounds is { } b && !(indicator.Model is BoundedShareModel ? b.StrictlyContains(obs.Value) : obs.Value >= b.Lower && obs.Value <= b.Upper))
                    add($"{at}.value", MessageText.Format(Messages.ObservedOutsideRange, F(obs.Value), obs.IndicatorId, F(b.Lower), F(b.Upper)));
                if (indicator.Model.IsCount && (obs.Value < 0 || obs.Value != Math.Floor(obs.Value)))
                    add($"{at}.value", MessageText.Format(Messages.ObservedCountWhole, obs.IndicatorId, F(obs.Value)));
            }
            if (obs.Sd is { } sd && !(sd >= 0 && double.IsFinite(sd))) add($"{at}.sd", MessageText.Format(Messages.ObservedSd, F(sd)));
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
            add($"indicators[{last}].target.year", MessageText.Format(Messages.SpanTooLong, span, scenario.Indicators[first].BaseYear,
                $"indicators[{first}].base.year", scenario.Indicators[last].Target.Year, MaxYears));
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
                add($"indicators[{i}].model", MessageText.Format(Messages.DependencyCycle, string.Join(" -> ", cycle)));
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

    private static void CheckCorrelations(Scenario scenario, Dictionary<string, int> drivers, Action<string, string> add, CorrelationScope scope)
    {
        if (!scenario.Correlations.Any(c => c.Scope == scope)) return;
        // Shocks correlate drivers; levels correlate drivers' levels and their trends' parameters (driver.rate ...).
        int n = scope == CorrelationScope.Levels ? 3 * scenario.Drivers.Count : scenario.Drivers.Count;
        var matrix = Matrix<double>.Build.DenseIdentity(n);
        bool usable = true;
        var seen = new Dictionary<(int, int), int>();
        int Member(string name) => scope == CorrelationScope.Levels ? LevelTrend.Member(name, scenario.Drivers) : drivers.GetValueOrDefault(name, -1);
        for (int c = 0; c < scenario.Correlations.Count; c++)
        {
            var corr = scenario.Correlations[c];
            if (corr.Scope != scope) continue;
            string at = $"correlations[{c}]";
            bool known = true;
            int a = Member(corr.First), b = Member(corr.Second);
            if (a < 0) { add($"{at}", MessageText.Format(Messages.DriverNotDefined, corr.First, Suggest(corr.First, drivers.Keys))); known = false; }
            if (b < 0) { add($"{at}", MessageText.Format(Messages.DriverNotDefined, corr.Second, Suggest(corr.Second, drivers.Keys))); known = false; }
            if (!double.IsFinite(corr.Rho) || corr.Rho < -1 || corr.Rho > 1) { add($"{at}.rho", MessageText.Format(Messages.CorrelationRange, F(corr.Rho))); usable = false; continue; }
            if (!known) { usable = false; continue; }
            if (a == b) { add($"{at}", MessageText.Format(Messages.CorrelationWithItself, corr.First)); usable = false; continue; }
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (seen.TryGetValue(key, out int first) && scenario.Correlations[first].Rho != corr.Rho)
            {
                add($"{at}", MessageText.Format(Messages.CorrelationGivenTwice, corr.First, corr.Second, $"correlations[{first}]"));
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
            add("correlations", scope == CorrelationScope.Levels
                ? MessageText.Format(Messages.LevelsNotPsd, F(minEigen))
                : MessageText.Format(Messages.ShocksNotPsd, NotPositiveSemiDefinite, F(minEigen)));
    }

    /// <summary>The start of the problem of a correlation matrix that is not positive semi-definite, in the UI culture.</summary>
    public static string NotPositiveSemiDefinite => Messages.NotPositiveSemiDefinite;

    /// <summary>Whether <paramref name="problem"/> is that of a correlation matrix that is not positive semi-definite (which <see cref="NearestCorrelation"/> can repair).</summary>
    public static bool IsNotPositiveSemiDefinite(ScenarioProblem problem) =>
        problem is not null && problem.Path == "correlations" && problem.Message.StartsWith(NotPositiveSemiDefinite, StringComparison.Ordinal);

    /// <summary>" (did you mean 'x'?)" (in the UI culture) for the closest known name within edit distance 3, else "".</summary>
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
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? MessageText.Format(Messages.DidYouMean, best) : "";
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
