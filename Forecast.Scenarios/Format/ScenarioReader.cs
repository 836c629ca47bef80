using Forecast.Engine.Model;
using YamlDotNet.RepresentationModel;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Reads a scenario file (YAML; the format is documented in README.md and shown by
/// scenarios/liaocheng-2025.yaml) into a validated <see cref="Scenario"/>. Every problem, from malformed
/// YAML to a correlation matrix that is not positive semi-definite, is reported with the file, line,
/// column and field path; nothing is half-read.
/// </summary>
public static class ScenarioReader
{
    private static readonly string[] RootKeys = ["name", "title", "description", "run", "drivers", "correlations", "indicators", "observed"];
    private static readonly string[] DriverKeys = ["id", "name", "level", "yearly", "changes", "trend", "note"];
    private static readonly string[] IndicatorKeys = ["id", "name", "unit", "headline", "base", "history", "bounds", "model", "target", "note"];

    /// <summary>Reads and validates the scenario file at <paramref name="path"/>: a full scenario, or a what-if file
    /// (<c>base:</c> and overrides, see <see cref="WhatIfReader"/>).</summary>
    public static Scenario Read(string path) => ReadLocated(path, [], ScenarioReadOptions.Default).Scenario;

    /// <summary>Reads and validates the scenario file at <paramref name="path"/> with <paramref name="options"/>, and says what they changed.</summary>
    public static ScenarioRead Read(string path, ScenarioReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var located = ReadLocated(path, [], options);
        return new ScenarioRead(located.Scenario, located.Repair);
    }

    /// <summary>Parses and validates scenario text (a full scenario or a what-if); <paramref name="file"/> names it in messages.</summary>
    public static Scenario Parse(string file, string text) => ParseLocated(file, text, [], ScenarioReadOptions.Default).Scenario;

    /// <summary>
    /// The problems of <paramref name="scenario"/>; with <see cref="ScenarioReadOptions.RepairCorrelations"/>, a correlation
    /// matrix that is not positive semi-definite is first replaced by the nearest correlation matrix.
    /// </summary>
    internal static (Scenario Scenario, IReadOnlyList<ScenarioProblem> Problems, CorrelationRepair? Repair) Validate(Scenario scenario, ScenarioReadOptions options)
    {
        var problems = ScenarioValidator.Problems(scenario);
        if (!options.RepairCorrelations || !problems.Any(ScenarioValidator.IsNotPositiveSemiDefinite)) return (scenario, problems, null);
        var (repaired, repair) = NearestCorrelation.Repair(scenario);
        return (repaired, ScenarioValidator.Problems(repaired), repair);
    }

    /// <summary>
    /// Locates problems the engine found later in the scenario read from <paramref name="path"/> (a value that overflows only
    /// when simulated): each field path becomes the file, line and column it was read from.
    /// </summary>
    public static IReadOnlyList<InputError> Locate(string path, IEnumerable<ScenarioProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var located = ReadLocated(path, [], ScenarioReadOptions.Default);
        return problems.Select(p => located.Locate(p.Path, p.Message)).ToList();
    }

    /// <summary>Reads a scenario or what-if file; <paramref name="chain"/> holds the what-if files that led here (for cycles).</summary>
    internal static LocatedScenario ReadLocated(string path, IReadOnlyList<string> chain, ScenarioReadOptions options) =>
        ParseLocated(path, TextFile.Read(path, "scenario"), chain, options);

    private static LocatedScenario ParseLocated(string file, string text, IReadOnlyList<string> chain, ScenarioReadOptions options)
    {
        var doc = YamlDocument.Parse(file, text);
        if (WhatIfReader.IsWhatIf(doc)) return WhatIfReader.Read(doc, chain, options);
        var scenario = Build(doc);
        if (doc.Errors.Count > 0 || scenario is null) throw new InputException(doc.Errors);
        var (valid, problems, repair) = Validate(scenario, options);
        var located = new LocatedScenario(valid, (path, message) =>
        {
            string located = Parameter(doc, new ScenarioProblem(path, message));
            var (line, column) = doc.Locate(located);
            return new InputError(file, line, column, located, message);
        }, repair);
        if (problems.Count > 0) throw new InputException(problems.Select(p => located.Locate(p.Path, p.Message)).ToList());
        return located;
    }

    /// <summary>
    /// A distribution's problem ("sd must be at least 0, not -0.02") is reported on the distribution;
    /// when its first word names a parameter the file gave, point at that parameter instead.
    /// </summary>
    private static string Parameter(YamlDocument doc, ScenarioProblem problem)
    {
        int space = problem.Message.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) return problem.Path;
        string parameter = $"{problem.Path}.{problem.Message[..space]}";
        return doc.WasRead(parameter) ? parameter : problem.Path;
    }

    private static Scenario? Build(YamlDocument doc)
    {
        var root = doc.Mapping(doc.Root, "", RootKeys);
        if (root is null) return null;
        string? name = doc.Text(doc.Required(root, doc.Root, "", "name"), "name");
        var title = Localized(doc, YamlDocument.Optional(root, "title"), "title") ?? LocalizedText.Both(name ?? "");
        var run = doc.Mapping(YamlDocument.Optional(root, "run"), "run", "paths", "seed");
        long paths = doc.Long(YamlDocument.Optional(run, "paths"), "run.paths") ?? RunDefaults.StandardPaths;
        var seedNode = YamlDocument.Optional(run, "seed");
        ulong seed = RunDefaults.StandardSeed;
        if (seedNode is not null)
        {
            long? s = doc.Long(seedNode, "run.seed");
            if (s is < 0) doc.Error(seedNode, "run.seed", Messages.SeedWhole);
            else if (s is { } ok) seed = (ulong)ok;
        }

        var drivers = new List<Driver>();
        var driverNodes = doc.Sequence(doc.Required(root, doc.Root, "", "drivers"), "drivers");
        for (int d = 0; d < driverNodes.Count; d++)
            if (ReadDriver(doc, driverNodes[d], $"drivers[{d}]") is { } driver) drivers.Add(driver);

        var correlations = new List<Correlation>();
        var corrNodes = doc.Sequence(YamlDocument.Optional(root, "correlations"), "correlations");
        for (int c = 0; c < corrNodes.Count; c++)
            if (ReadCorrelation(doc, corrNodes[c], $"correlations[{c}]") is { } corr) correlations.Add(corr);

        var indicators = new List<Indicator>();
        var indicatorNodes = doc.Sequence(doc.Required(root, doc.Root, "", "indicators"), "indicators");
        for (int i = 0; i < indicatorNodes.Count; i++)
            if (ReadIndicator(doc, indicatorNodes[i], $"indicators[{i}]") is { } indicator) indicators.Add(indicator);

        var observed = ReadObserved(doc, YamlDocument.Optional(root, "observed"));
        if (doc.Errors.Count > 0 || name is null) return null;
        if (drivers.Count == 0) doc.Error(doc.Root, "drivers", Messages.NeedsDriver);
        if (indicators.Count == 0) doc.Error(doc.Root, "indicators", Messages.NeedsIndicator);
        return new Scenario(name, title, drivers, correlations, indicators, new RunDefaults(paths, seed)) { Observed = observed };
    }

    /// <summary><c>observed: [{indicator: id, year: 2023, value: 800, sd: 20, source: ...}, ...]</c>: values a nowcast starts from.</summary>
    internal static List<ObservedValue> ReadObserved(YamlDocument doc, YamlNode? node)
    {
        var observed = new List<ObservedValue>();
        var items = doc.Sequence(node, "observed");
        for (int o = 0; o < items.Count; o++)
        {
            string at = $"observed[{o}]";
            var map = doc.Mapping(items[o], at, "indicator", "year", "value", "sd", "source");
            string? id = doc.Text(doc.Required(map, items[o], at, "indicator"), $"{at}.indicator");
            int? year = doc.Integer(doc.Required(map, items[o], at, "year"), $"{at}.year");
            double? value = doc.Number(doc.Required(map, items[o], at, "value"), $"{at}.value");
            double? sd = doc.Number(YamlDocument.Optional(map, "sd"), $"{at}.sd");
            string? source = doc.Text(YamlDocument.Optional(map, "source"), $"{at}.source");
            if (id is not null && year is not null && value is not null) observed.Add(new ObservedValue(id, year.Value, value.Value, sd, source));
        }
        return observed;
    }

    internal static LocalizedText? Localized(YamlDocument doc, YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlScalarNode) return doc.Text(node, path) is { } s ? LocalizedText.Both(s) : null;
        var map = doc.Mapping(node, path, "zh", "en");
        string? zh = doc.Text(YamlDocument.Optional(map, "zh"), $"{path}.zh");
        string? en = doc.Text(doc.Required(map, node, path, "en"), $"{path}.en");
        return en is null ? null : new LocalizedText(zh ?? en, en);
    }

    private static Driver? ReadDriver(YamlDocument doc, YamlNode node, string path)
    {
        var map = doc.Mapping(node, path, DriverKeys);
        if (map is null) return null;
        string? id = doc.Text(doc.Required(map, node, path, "id"), $"{path}.id");
        var name = Localized(doc, YamlDocument.Optional(map, "name"), $"{path}.name");
        var level = DistributionReader.Read(doc, doc.Required(map, node, path, "level"), $"{path}.level");
        var yearly = DistributionReader.ReadYearly(doc, YamlDocument.Optional(map, "yearly"), $"{path}.yearly");
        var changes = new List<LevelChange>();
        var changeNodes = doc.Sequence(YamlDocument.Optional(map, "changes"), $"{path}.changes");
        for (int c = 0; c < changeNodes.Count; c++)
        {
            string at = $"{path}.changes[{c}]";
            var change = doc.Mapping(changeNodes[c], at, "from", "level");
            int? from = doc.Integer(doc.Required(change, changeNodes[c], at, "from"), $"{at}.from");
            var changed = DistributionReader.Read(doc, doc.Required(change, changeNodes[c], at, "level"), $"{at}.level");
            if (from is { } f && changed is not null) changes.Add(new LevelChange(f, changed));
        }
        string? note = doc.Text(YamlDocument.Optional(map, "note"), $"{path}.note");
        var trendNode = YamlDocument.Optional(map, "trend");
        var trend = ReadTrend(doc, trendNode, $"{path}.trend");
        if (id is null || level is null || yearly is null || (trendNode is not null && trend is null)) return null;
        return new Driver(id, name ?? LocalizedText.Both(id), level, yearly, changes, note, trend);
    }

    /// <summary><c>{kind: growth, rate: {dist...}, from: 2021}</c> or <c>{kind: damped, long-run: {dist...}, factor: {dist...}, from: 2021}</c>.</summary>
    internal static LevelTrend? ReadTrend(YamlDocument doc, YamlNode? node, string path)
    {
        if (node is null) return null;
        var map = doc.Mapping(node, path, "kind", "rate", "long-run", "factor", "from");
        if (map is null) return null;
        string? kind = doc.Choice(doc.Required(map, node, path, "kind"), $"{path}.kind", "growth", "damped");
        int? from = doc.Integer(YamlDocument.Optional(map, "from"), $"{path}.from");
        string[] allowed = kind == "growth" ? ["rate"] : ["long-run", "factor"];
        foreach (var key in map.Keys.Where(k => k is not ("kind" or "from") && !allowed.Contains(k)))
            doc.Error(map[key], $"{path}.{key}", MessageText.Format(Messages.TrendKey, key, kind, string.Join(", ", allowed)));
        Distribution? Part(string key) => DistributionReader.Read(doc, doc.Required(map, node, path, key), $"{path}.{key}");
        return kind switch
        {
            "growth" => Part("rate") is { } rate ? new GrowingLevel(rate, from) : null,
            "damped" => Part("long-run") is { } longRun && Part("factor") is { } factor ? new DampedLevel(longRun, factor, from) : null,
            _ => null,
        };
    }

    private static Correlation? ReadCorrelation(YamlDocument doc, YamlNode node, string path)
    {
        var map = doc.Mapping(node, path, "drivers", "rho", "of");
        if (map is null) return null;
        var scope = doc.Choice(YamlDocument.Optional(map, "of"), $"{path}.of", "shocks", "levels") == "levels" ? CorrelationScope.Levels : CorrelationScope.Shocks;
        var pair = doc.Sequence(doc.Required(map, node, path, "drivers"), $"{path}.drivers");
        double? rho = doc.Number(doc.Required(map, node, path, "rho"), $"{path}.rho");
        if (pair.Count != 2)
        {
            if (map.TryGetValue("drivers", out var driversNode)) doc.Error(driversNode, $"{path}.drivers", MessageText.Format(Messages.TwoDriverIds, pair.Count));
            return null;
        }
        string? a = doc.Text(pair[0], $"{path}.drivers[0]"), b = doc.Text(pair[1], $"{path}.drivers[1]");
        return a is null || b is null || rho is null ? null : new Correlation(a, b, rho.Value, scope);
    }

    private static Indicator? ReadIndicator(YamlDocument doc, YamlNode node, string path)
    {
        var map = doc.Mapping(node, path, IndicatorKeys);
        if (map is null) return null;
        string? id = doc.Text(doc.Required(map, node, path, "id"), $"{path}.id");
        var name = Localized(doc, YamlDocument.Optional(map, "name"), $"{path}.name");
        var unit = Localized(doc, YamlDocument.Optional(map, "unit"), $"{path}.unit") ?? LocalizedText.Both("");
        bool headline = doc.Bool(YamlDocument.Optional(map, "headline"), $"{path}.headline") ?? false;

        var baseNode = doc.Required(map, node, path, "base");
        var baseMap = doc.Mapping(baseNode, $"{path}.base", "year", "value", "source");
        int? baseYear = doc.Integer(doc.Required(baseMap, baseNode, $"{path}.base", "year"), $"{path}.base.year");
        double? baseValue = doc.Number(doc.Required(baseMap, baseNode, $"{path}.base", "value"), $"{path}.base.value");
        doc.Text(YamlDocument.Optional(baseMap, "source"), $"{path}.base.source");

        var history = new List<HistoryPoint>();
        var historyNodes = doc.Sequence(YamlDocument.Optional(map, "history"), $"{path}.history");
        for (int h = 0; h < historyNodes.Count; h++)
        {
            string at = $"{path}.history[{h}]";
            var point = doc.Mapping(historyNodes[h], at, "year", "value", "years", "source");
            int? year = doc.Integer(doc.Required(point, historyNodes[h], at, "year"), $"{at}.year");
            double? value = doc.Number(doc.Required(point, historyNodes[h], at, "value"), $"{at}.value");
            int? years = doc.Integer(YamlDocument.Optional(point, "years"), $"{at}.years");
            string? source = doc.Text(YamlDocument.Optional(point, "source"), $"{at}.source");
            if (years is < 1) doc.Error(historyNodes[h], $"{at}.years", MessageText.Format(Messages.PeriodAtLeastOne, years));
            if (year is { } y && value is { } v) history.Add(new HistoryPoint(y, v, source, years ?? 1));
        }

        Bounds? bounds = null;
        if (YamlDocument.Optional(map, "bounds") is { } boundsNode)
        {
            var pair = doc.Sequence(boundsNode, $"{path}.bounds");
            if (pair.Count != 2) doc.Error(boundsNode, $"{path}.bounds", MessageText.Format(Messages.BoundsPair, pair.Count));
            else if (doc.Number(pair[0], $"{path}.bounds[0]") is { } lo && doc.Number(pair[1], $"{path}.bounds[1]") is { } hi) bounds = new Bounds(lo, hi);
        }

        var model = ModelReader.Read(doc, doc.Required(map, node, path, "model"), $"{path}.model");

        var targetNode = doc.Required(map, node, path, "target");
        var targetMap = doc.Mapping(targetNode, $"{path}.target", "year", "value", "direction", "period", "source");
        int? targetYear = doc.Integer(doc.Required(targetMap, targetNode, $"{path}.target", "year"), $"{path}.target.year");
        double? targetValue = doc.Number(doc.Required(targetMap, targetNode, $"{path}.target", "value"), $"{path}.target.value");
        var direction = doc.Choice(YamlDocument.Optional(targetMap, "direction"), $"{path}.target.direction", "at-least", "at-most") switch
        {
            "at-most" => Direction.AtMost,
            _ => Direction.AtLeast,
        };
        var period = doc.Choice(YamlDocument.Optional(targetMap, "period"), $"{path}.target.period", "target-year", "every-year") switch
        {
            "every-year" => TargetPeriod.EveryYear,
            _ => TargetPeriod.TargetYear,
        };
        string? targetSource = doc.Text(YamlDocument.Optional(targetMap, "source"), $"{path}.target.source");
        string? note = doc.Text(YamlDocument.Optional(map, "note"), $"{path}.note");

        if (id is null || baseYear is null || baseValue is null || model is null || targetYear is null || targetValue is null) return null;
        return new Indicator(id, name ?? LocalizedText.Both(id), unit, baseYear.Value, baseValue.Value, model,
            new Target(targetYear.Value, targetValue.Value, direction, period, targetSource), headline, bounds, history, note);
    }
}

/// <summary>How a scenario file is read.</summary>
/// <param name="RepairCorrelations">
/// Replace a correlation matrix that is not positive semi-definite by the nearest correlation matrix (Higham's alternating
/// projections, <see cref="NearestCorrelation"/>) instead of refusing it; what changed comes back in <see cref="ScenarioRead.Repair"/>.
/// </param>
public sealed record ScenarioReadOptions(bool RepairCorrelations = false)
{
    /// <summary>Refuse what is not valid (no repair).</summary>
    public static ScenarioReadOptions Default { get; } = new();
}

/// <summary>A scenario read with <see cref="ScenarioReadOptions"/>.</summary>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Repair">What the correlation repair changed, or null when none was needed or asked for.</param>
public sealed record ScenarioRead(Scenario Scenario, CorrelationRepair? Repair);
