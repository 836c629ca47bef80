using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;

namespace Forecast.Runner.Workbench;

/// <summary>One lever of the page: a parameter of a driver's level, its current value and the range its slider spans.</summary>
/// <param name="Lever">The lever, "driver.parameter".</param>
/// <param name="Value">Its value in the scenario (the level before any change).</param>
/// <param name="Min">The slider's lower end (a value the lever accepts).</param>
/// <param name="Max">The slider's upper end (a value the lever accepts).</param>
/// <param name="Step">The slider's step: a whole number for counts, a thousandth of the range otherwise.</param>
internal sealed record LeverSetting(Lever Lever, double Value, double Min, double Max, double Step);

/// <summary>A driver's levers with the plan's wording: its names, what it is (a growth rate, a count a year ...), its note.</summary>
/// <param name="Driver">The driver.</param>
/// <param name="Role">"growth", "step", "probability", "count" or "value" (see <see cref="ScenarioDomain.DriverRoles"/>).</param>
/// <param name="Distribution">The level's distribution in words, e.g. "pert(0.02, 0.05, 0.1)".</param>
/// <param name="Levers">One per parameter of the level.</param>
internal sealed record DriverLevers(Driver Driver, string Role, string Distribution, IReadOnlyList<LeverSetting> Levers);

/// <summary>
/// The weights of one structure draw: the mixtures that follow the same structure on a path (a stock and the count of its
/// new entries share one), their structures and the scenario's weights. The page moves them together, summing to 1.
/// </summary>
/// <param name="Id">The draw's name: the mixtures' <c>structure</c>, or the one indicator's id (the overlay's and the request's key).</param>
/// <param name="Indicators">The indicators that follow it, in the scenario's order.</param>
/// <param name="Names">The structures' names, in the mixture's order.</param>
/// <param name="Weights">The scenario's weights, in the same order.</param>
internal sealed record StructureLevers(string Id, IReadOnlyList<Indicator> Indicators, IReadOnlyList<string> Names, IReadOnlyList<double> Weights)
{
    /// <summary>The draw's id as a driver the indicators read (<see cref="MixtureModel.StructureDriverId"/>).</summary>
    public string DriverId => "structure:" + Id;
}

/// <summary>
/// The panel of levers of a scenario (every driver's level parameters) and the checks of the levers a client sends: a
/// lever must be one of the panel's (so a client names nothing else), its value a finite number the driver accepts
/// (<see cref="Lever.TryApply"/>: the distribution's rules and the declared domain), and the scenario with every lever
/// set must pass <see cref="ScenarioValidator"/>, the validator of the command line.
/// </summary>
internal static class LeverPanel
{
    /// <summary>At most this many levers in one request.</summary>
    public const int MaxLevers = 64;

    /// <summary>Every driver's levers, in the scenario's order.</summary>
    public static IReadOnlyList<DriverLevers> Of(Scenario scenario)
    {
        // A driver read inside a mixture has the role it has in the mixture's components.
        var flat = scenario with
        {
            Indicators = scenario.Indicators.SelectMany(i => i.Model is MixtureModel m ? m.Components.Select(c => i with { Model = c.Model }) : [i]).ToArray(),
        };
        var roles = ScenarioDomain.DriverRoles(flat);
        var drivers = new List<DriverLevers>();
        foreach (var driver in scenario.Drivers)
        {
            var levers = new List<LeverSetting>();
            foreach (string parameter in Lever.ParametersOf(driver.Level))
            {
                var lever = new Lever(driver.Id, parameter);
                if (lever.Problem(scenario) is not null) continue;
                if (Setting(scenario, lever, roles.GetValueOrDefault(driver.Id)) is { } setting) levers.Add(setting);
            }
            if (levers.Count > 0) drivers.Add(new DriverLevers(driver, roles.GetValueOrDefault(driver.Id) ?? "value", driver.Level.Describe(), levers));
        }
        return drivers;
    }

    /// <summary>Every structure draw of the scenario's mixtures, in the order of their first indicator.</summary>
    public static IReadOnlyList<StructureLevers> StructuresOf(Scenario scenario)
    {
        var groups = new List<StructureLevers>();
        foreach (var indicator in scenario.Indicators)
        {
            if (indicator.Model is not MixtureModel mixture) continue;
            string id = mixture.Structure ?? indicator.Id;
            int g = groups.FindIndex(x => x.Id == id);
            if (g >= 0) groups[g] = groups[g] with { Indicators = [.. groups[g].Indicators, indicator] };
            else groups.Add(new StructureLevers(id, [indicator], mixture.Components.Select(c => c.Name).ToArray(), mixture.Components.Select(c => c.Weight).ToArray()));
        }
        return groups;
    }

    /// <summary>Sum of a draw's weights as the page sends them: within this of 1 (the scenario reader's own tolerance).</summary>
    public const double WeightSumTolerance = 1e-6;

    /// <summary>
    /// The scenario with the structure weights set, or the problems, keyed "weights:&lt;draw&gt;" (the page shows them beside
    /// the draw): a draw the scenario does not have, a count other than its structures', a weight that is not a finite
    /// number from 0 to 1, weights not summing to 1. Every mixture of a draw gets the same weights.
    /// </summary>
    public static (Scenario? Scenario, IReadOnlyList<LeverProblem> Problems) ApplyWeights(Scenario scenario, IReadOnlyList<StructureLevers> structures,
        IReadOnlyDictionary<string, double[]?>? weights)
    {
        var problems = new List<LeverProblem>();
        if (weights is null || weights.Count == 0) return (scenario, problems);
        if (weights.Count > MaxLevers) return (null, [new LeverProblem("", W(Resources.AnalysisStrings.WbMaxDraws, MaxLevers, weights.Count))]);
        var indicators = scenario.Indicators.ToArray();
        foreach (var (id, given) in weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            string key = "weights:" + id;
            var group = structures.FirstOrDefault(x => x.Id == id);
            if (group is null)
            {
                problems.Add(new LeverProblem(key, W(Resources.AnalysisStrings.WbNotADraw, Clip(id), ScenarioValidator.Suggest(id, structures.Select(x => x.Id)))));
                continue;
            }
            if (given is null || given.Length != group.Names.Count)
            {
                problems.Add(new LeverProblem(key, W(Resources.AnalysisStrings.WbWeightCount, id, group.Names.Count, string.Join(", ", group.Names), given?.Length ?? 0)));
                continue;
            }
            var bad = given.Select((w, c) => (w, c)).Where(x => !(double.IsFinite(x.w) && x.w is >= 0 and <= 1)).ToList();
            if (bad.Count > 0)
            {
                problems.Add(new LeverProblem(key, W(Resources.AnalysisStrings.WbWeightRange, group.Names[bad[0].c], F(bad[0].w))));
                continue;
            }
            double sum = given.Sum();
            if (Math.Abs(sum - 1) > WeightSumTolerance)
            {
                problems.Add(new LeverProblem(key, W(Resources.AnalysisStrings.WbWeightSum, id, F(sum))));
                continue;
            }
            for (int i = 0; i < indicators.Length; i++)
            {
                if (!group.Indicators.Any(x => x.Id == indicators[i].Id) || indicators[i].Model is not MixtureModel mixture) continue;
                indicators[i] = indicators[i] with { Model = mixture with { Components = mixture.Components.Select((c, j) => c with { Weight = given[j] }).ToArray() } };
            }
        }
        return problems.Count > 0 ? (null, problems) : (scenario with { Indicators = indicators }, problems);
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A message from the resources, in the request's language (the UI culture the API set for it).</summary>
    private static string W(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>The example lever in messages: a driver of the shipped baseline (as in sweep's and goal's help).</summary>
    internal const string Example = "hightech_new_constant.mean";

    /// <summary>
    /// The slider of a lever: half to twice a positive value (a negative one from twice to half, 0 from −1 to 1 times a
    /// hundredth), spreads (sd, sigma, dispersion, shapes) from a quarter to three times, μ of a lognormal ± 1; each end
    /// pulled towards the current value until the lever accepts it. Null when the lever accepts no other value.
    /// </summary>
    internal static LeverSetting? Setting(Scenario scenario, Lever lever, string? role)
    {
        double value = lever.CurrentValue(scenario);
        bool spread = lever.Parameter is "sd" or "sigma" or "dispersion" or "alpha" or "beta";
        double low, high;
        if (lever.Parameter == "mu") (low, high) = (value - 1, value + 1);
        else if (spread) (low, high) = (value * 0.25, value * 3);
        else if (value > 0) (low, high) = (value / 2, value * 2);
        else if (value < 0) (low, high) = (value * 2, value / 2);
        else (low, high) = (-0.01, 0.01);
        if (role == "probability" && !spread) (low, high) = (Math.Max(low, 0), Math.Min(high, 1));
        low = Accepted(scenario, lever, value, low);
        high = Accepted(scenario, lever, value, high);
        if (!(high > low)) return null;
        bool count = role == "count" && Math.Abs(high - low) >= 20 && !spread;
        double step = count ? 1 : Nice((high - low) / 1000);
        if (count) (low, high) = (Math.Ceiling(low), Math.Floor(high));
        return new LeverSetting(lever, value, low, high, step);
    }

    /// <summary><paramref name="end"/>, or the value nearest it on the way to <paramref name="value"/> that the lever accepts.</summary>
    private static double Accepted(Scenario scenario, Lever lever, double value, double end)
    {
        if (lever.TryApply(scenario, end).Problem is null) return end;
        double good = value, bad = end;
        for (int i = 0; i < 40; i++)
        {
            double mid = (good + bad) / 2;
            if (lever.TryApply(scenario, mid).Problem is null) good = mid;
            else bad = mid;
        }
        return good;
    }

    /// <summary>The power of ten at or below <paramref name="x"/> (a slider step that reads well).</summary>
    private static double Nice(double x) => x > 0 ? Math.Pow(10, Math.Floor(Math.Log10(x))) : 1e-6;

    /// <summary>
    /// The scenario with the levers set, or the problems: one per lever that is not on the panel or whose value the lever
    /// refuses, keyed by the lever as sent; then what the validator finds in the whole.
    /// </summary>
    public static (Scenario? Scenario, IReadOnlyList<LeverProblem> Problems) Apply(Scenario scenario, IReadOnlyDictionary<string, double>? levers) =>
        Apply(scenario, levers, [], null);

    /// <summary>
    /// The scenario with the levers and the structure weights set (<see cref="ApplyWeights"/>), or the problems of both; then
    /// what the validator finds in the whole.
    /// </summary>
    public static (Scenario? Scenario, IReadOnlyList<LeverProblem> Problems) Apply(Scenario scenario, IReadOnlyDictionary<string, double>? levers,
        IReadOnlyList<StructureLevers> structures, IReadOnlyDictionary<string, double[]?>? weights)
    {
        var problems = new List<LeverProblem>();
        if ((levers is null || levers.Count == 0) && (weights is null || weights.Count == 0)) return (scenario, problems);
        if (levers?.Count > MaxLevers) return (null, [new LeverProblem("", W(Resources.AnalysisStrings.WbMaxLevers, MaxLevers, levers.Count))]);
        var (weighted, weightProblems) = ApplyWeights(scenario, structures, weights);
        problems.AddRange(weightProblems);
        var applied = weighted ?? scenario;
        levers ??= new Dictionary<string, double>();
        foreach (var (token, value) in levers.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            int dot = token.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == token.Length - 1)
            {
                problems.Add(new LeverProblem(token, W(Resources.WhatIfStrings.LeverExpectedParameter, Example, Clip(token))));
                continue;
            }
            var lever = new Lever(token[..dot], token[(dot + 1)..]);
            if (lever.Problem(scenario) is { } leverProblem)
            {
                problems.Add(new LeverProblem(token, leverProblem));
                continue;
            }
            var (next, problem) = lever.TryApply(applied, value);
            if (next is null) problems.Add(new LeverProblem(token, problem ?? W(Resources.AnalysisStrings.WbNotAccepted, lever, F(value))));
            else applied = next;
        }
        if (problems.Count > 0) return (null, problems);
        var invalid = ScenarioValidator.Problems(applied);
        if (invalid.Count > 0) return (null, invalid.Select(p => new LeverProblem(LeverOf(p.Path, applied), p.Message)).ToList());
        return (applied, problems);
    }

    /// <summary>The driver a validator problem's path names ("drivers[3].level.max" → that driver's id), for the page to show it beside the lever.</summary>
    private static string LeverOf(string path, Scenario scenario)
    {
        if (path.StartsWith("drivers[", StringComparison.Ordinal) && path.IndexOf(']', StringComparison.Ordinal) is > 8 and var close
            && int.TryParse(path.AsSpan(8, close - 8), NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d < scenario.Drivers.Count)
            return scenario.Drivers[d].Id;
        if (path.StartsWith("indicators[", StringComparison.Ordinal) && path.IndexOf(']', StringComparison.Ordinal) is > 11 and var end
            && int.TryParse(path.AsSpan(11, end - 11), NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < scenario.Indicators.Count
            && scenario.Indicators[i].Model is MixtureModel mixture)
            return "weights:" + (mixture.Structure ?? scenario.Indicators[i].Id);
        return "";
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "...";
}

/// <summary>A lever the page cannot use, and why.</summary>
/// <param name="Lever">The lever as sent ("driver.parameter"), a driver id, or "" for the request as a whole.</param>
/// <param name="Message">What is wrong, in the words of the command line's messages.</param>
internal sealed record LeverProblem(string Lever, string Message);
