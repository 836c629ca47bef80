using Forecast.Engine.Model;
using YamlDotNet.RepresentationModel;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Reads a what-if file: a base scenario (<c>base:</c>, a path relative to the what-if file, or the id of a shipped
/// scenario, <see cref="ShippedScenarios"/>; itself a scenario or another what-if) and only what changes. Every key but <c>base</c> is optional:
/// <code>
/// base: liaocheng-2025.yaml
/// name: whatif-high-investment           # default: the file's name without .yaml
/// title: {zh: ..., en: ...}
/// run: {paths: 100000, seed: 1}
/// horizon: 2024                          # every target's year
/// drivers:                               # by id; each given key replaces the base's
///   rd_spending_growth:
///     level: {dist: normal, mean: 0.15, sd: 0.03}
///     yearly: {kind: growth, sd: 0.05}
///     changes: [{from: 2023, level: ...}]  # [] removes the base's changes
///     note: ...
/// correlations:                          # replaces a pair's rho, or adds the pair
///   - {drivers: [rd_spending_growth, gdp_growth], rho: 0.3}
/// indicators:                            # by id; target and base merge field by field
///   hightech_enterprises:
///     target: {value: 650}
/// </code>
/// Problems are reported like the base reader's, with file, line, column and field path; a driver or indicator
/// the base does not have is an error with a "did you mean". A merged scenario that breaks a rule is located in
/// the what-if file where the what-if set the field, otherwise in the base file.
/// </summary>
internal static class WhatIfReader
{
    private static readonly string[] RootKeys = ["base", "name", "title", "description", "run", "horizon", "drivers", "correlations", "indicators", "observed"];
    private static readonly string[] DriverKeys = ["name", "level", "yearly", "changes", "trend", "note"];
    private static readonly string[] IndicatorKeys = ["name", "headline", "base", "target", "structures", "note"];

    /// <summary>Whether the document is a what-if file (its root has a <c>base</c> key).</summary>
    public static bool IsWhatIf(YamlDocument doc) =>
        doc.Root is YamlMappingNode map && map.Children.Keys.Any(k => k is YamlScalarNode { Value: "base" });

    public static LocatedScenario Read(YamlDocument doc, IReadOnlyList<string> chain, ScenarioReadOptions options)
    {
        var root = doc.Mapping(doc.Root, "", RootKeys)!;
        var baseNode = root["base"];
        string? baseName = doc.Text(baseNode, "base");
        if (baseName is null) throw new InputException(doc.Errors);
        string basePath = Path.Combine(Path.GetDirectoryName(doc.File) ?? "", baseName);
        // Not a file beside this one: the id of a shipped scenario (base: liaocheng-2025), as the workbench saves it.
        if (!File.Exists(basePath) && ShippedScenarios.Resolve(baseName) is { } shipped) basePath = shipped;
        string full = Path.GetFullPath(basePath);
        var here = chain.Append(Path.GetFullPath(doc.File)).ToArray();
        if (here.Contains(full, StringComparer.Ordinal))
        {
            doc.Error(baseNode, "base", MessageText.Format(Messages.WhatIfCycle, $"{string.Join(" -> ", here.Select(Path.GetFileName))} -> {Path.GetFileName(full)}"));
            throw new InputException(doc.Errors);
        }
        if (!File.Exists(full))
        {
            string ids = ShippedScenarios.Ids() is { Count: > 0 } shippedIds
                ? MessageText.Format(Messages.WhatIfShippedIds, string.Join(", ", shippedIds))
                : Messages.WhatIfNoShippedIds;
            doc.Error(baseNode, "base", ShippedScenarios.IsId(baseName)
                ? MessageText.Format(Messages.WhatIfBaseNotShipped, baseName, ids)
                : MessageText.Format(Messages.WhatIfBaseMissing, basePath, ids));
            throw new InputException(doc.Errors);
        }
        var located = ScenarioReader.ReadLocated(basePath, here, options);
        var overlay = new Overlay(doc, located.Scenario);
        var scenario = overlay.Apply(root);
        if (doc.Errors.Count > 0 || scenario is null) throw new InputException(doc.Errors);

        InputError Locate(string path, string message) =>
            overlay.Translate(path) is { } at
                ? new InputError(doc.File, doc.Locate(at).Line, doc.Locate(at).Column, at, message)
                : located.Locate(path, message);
        var (valid, problems, repair) = ScenarioReader.Validate(scenario, options);
        if (problems.Count > 0) throw new InputException(problems.Select(p => Locate(p.Path, p.Message)).ToList());
        return new LocatedScenario(valid, Locate, repair ?? located.Repair);
    }

    /// <summary>Applies the overrides of one what-if document to its base, remembering which merged fields came from where.</summary>
    private sealed class Overlay(YamlDocument doc, Scenario baseScenario)
    {
        /// <summary>Merged field path (prefix) → what-if field path.</summary>
        private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
        /// <summary>Merged field path → what-if field path, for that exact path only.</summary>
        private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);

        public string? Translate(string path)
        {
            if (_exact.TryGetValue(path, out var exact)) return exact;
            string p = path;
            while (true)
            {
                if (_prefixes.TryGetValue(p, out var at)) return at + path[p.Length..];
                int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
                if (cut <= 0) return null;
                p = p[..cut];
            }
        }

        public Scenario? Apply(Dictionary<string, YamlNode> root)
        {
            string name = doc.Text(YamlDocument.Optional(root, "name"), "name") ?? Path.GetFileNameWithoutExtension(doc.File);
            var title = ScenarioReader.Localized(doc, YamlDocument.Optional(root, "title"), "title") ?? baseScenario.Title;
            doc.Text(YamlDocument.Optional(root, "description"), "description");
            var defaults = Run(YamlDocument.Optional(root, "run"));
            var drivers = Drivers(YamlDocument.Optional(root, "drivers"));
            var correlations = Correlations(YamlDocument.Optional(root, "correlations"));
            var indicators = Indicators(YamlDocument.Optional(root, "horizon"), YamlDocument.Optional(root, "indicators"));
            // Observed values (a mid-term review on a forecast): the what-if's list replaces the base's.
            var observedNode = YamlDocument.Optional(root, "observed");
            var observed = observedNode is null ? baseScenario.Observed : ScenarioReader.ReadObserved(doc, observedNode);
            if (observedNode is not null) _prefixes["observed"] = "observed";
            if (doc.Errors.Count > 0) return null;
            return baseScenario with
            {
                Name = name,
                Title = title,
                Defaults = defaults,
                Drivers = drivers,
                Correlations = correlations,
                Indicators = indicators,
                Observed = observed,
            };
        }

        private RunDefaults Run(YamlNode? node)
        {
            var run = doc.Mapping(node, "run", "paths", "seed");
            if (run is null) return baseScenario.Defaults;
            var defaults = baseScenario.Defaults;
            if (doc.Long(YamlDocument.Optional(run, "paths"), "run.paths") is { } paths)
            {
                defaults = defaults with { Paths = paths };
                _prefixes["run.paths"] = "run.paths";
            }
            var seedNode = YamlDocument.Optional(run, "seed");
            if (doc.Long(seedNode, "run.seed") is { } seed)
            {
                if (seed < 0) doc.Error(seedNode, "run.seed", Messages.SeedWhole);
                else defaults = defaults with { Seed = (ulong)seed };
            }
            return defaults;
        }

        /// <summary>The entries of a mapping keyed by id, with an error for each id the base does not have.</summary>
        private List<(string Id, int Index, YamlNode Value)> Keyed(YamlNode? node, string path, string[] known, string what)
        {
            var entries = new List<(string, int, YamlNode)>();
            if (node is null) return entries;
            if (node is not YamlMappingNode map)
            {
                doc.Error(node, path, MessageText.Format(Messages.WhatIfKeyedMapping, what, known[0], YamlDocument.Describe(node)));
                return entries;
            }
            foreach (var (keyNode, value) in map.Children)
            {
                string id = (keyNode as YamlScalarNode)?.Value ?? "";
                int index = IndexOf(known, id);
                if (index < 0)
                    doc.Error(keyNode, $"{path}.{id}", MessageText.Format(Messages.WhatIfNotInBase, what, id, baseScenario.Name, ScenarioValidator.Suggest(id, known)));
                else entries.Add((id, index, value));
            }
            return entries;
        }

        private static int IndexOf(string[] ids, string id)
        {
            for (int j = 0; j < ids.Length; j++) if (ids[j] == id) return j;
            return -1;
        }

        private IReadOnlyList<Driver> Drivers(YamlNode? node)
        {
            var ids = baseScenario.Drivers.Select(d => d.Id).ToArray();
            var entries = Keyed(node, "drivers", ids, Messages.WhatIfDriver);
            if (entries.Count == 0) return baseScenario.Drivers;
            var drivers = baseScenario.Drivers.ToArray();
            foreach (var (id, d, value) in entries)
            {
                string at = $"drivers.{id}", merged = $"drivers[{d}]";
                var map = doc.Mapping(value, at, DriverKeys);
                if (map is null) continue;
                var driver = drivers[d];
                if (YamlDocument.Optional(map, "name") is { } nameNode && ScenarioReader.Localized(doc, nameNode, $"{at}.name") is { } name)
                    driver = driver with { Name = name };
                if (YamlDocument.Optional(map, "level") is { } levelNode && DistributionReader.Read(doc, levelNode, $"{at}.level") is { } level)
                {
                    driver = driver with { Level = level };
                    _prefixes[$"{merged}.level"] = $"{at}.level";
                }
                if (YamlDocument.Optional(map, "yearly") is { } yearlyNode && DistributionReader.ReadYearly(doc, yearlyNode, $"{at}.yearly") is { } yearly)
                {
                    driver = driver with { Yearly = yearly };
                    _prefixes[$"{merged}.yearly"] = $"{at}.yearly";
                }
                if (YamlDocument.Optional(map, "changes") is { } changesNode)
                {
                    driver = driver with { Changes = Changes(changesNode, $"{at}.changes") };
                    _prefixes[$"{merged}.changes"] = $"{at}.changes";
                }
                if (YamlDocument.Optional(map, "trend") is { } trendNode)
                {
                    // `trend: none` removes the base's trend; a mapping replaces it.
                    driver = trendNode is YamlScalarNode { Value: "none" } ? driver with { Trend = null }
                        : ScenarioReader.ReadTrend(doc, trendNode, $"{at}.trend") is { } trend ? driver with { Trend = trend } : driver;
                    _prefixes[$"{merged}.trend"] = $"{at}.trend";
                }
                if (doc.Text(YamlDocument.Optional(map, "note"), $"{at}.note") is { } note) driver = driver with { Note = note };
                drivers[d] = driver;
            }
            return drivers;
        }

        private List<LevelChange> Changes(YamlNode node, string path)
        {
            var changes = new List<LevelChange>();
            var items = doc.Sequence(node, path);
            for (int c = 0; c < items.Count; c++)
            {
                string at = $"{path}[{c}]";
                var change = doc.Mapping(items[c], at, "from", "level");
                int? from = doc.Integer(doc.Required(change, items[c], at, "from"), $"{at}.from");
                var level = DistributionReader.Read(doc, doc.Required(change, items[c], at, "level"), $"{at}.level");
                if (from is { } f && level is not null) changes.Add(new LevelChange(f, level));
            }
            return changes;
        }

        private IReadOnlyList<Correlation> Correlations(YamlNode? node)
        {
            var items = doc.Sequence(node, "correlations");
            if (items.Count == 0) return baseScenario.Correlations;
            var ids = baseScenario.Drivers.Select(d => d.Id).ToArray();
            var correlations = baseScenario.Correlations.ToList();
            for (int j = 0; j < items.Count; j++)
            {
                string at = $"correlations[{j}]";
                var map = doc.Mapping(items[j], at, "drivers", "rho");
                if (map is null) continue;
                var pair = doc.Sequence(doc.Required(map, items[j], at, "drivers"), $"{at}.drivers");
                double? rho = doc.Number(doc.Required(map, items[j], at, "rho"), $"{at}.rho");
                if (pair.Count != 2)
                {
                    if (map.TryGetValue("drivers", out var driversNode)) doc.Error(driversNode, $"{at}.drivers", MessageText.Format(Messages.TwoDriverIds, pair.Count));
                    continue;
                }
                var names = new string?[2];
                for (int e = 0; e < 2; e++)
                {
                    names[e] = doc.Text(pair[e], $"{at}.drivers[{e}]");
                    if (names[e] is { } id && IndexOf(ids, id) < 0)
                    {
                        doc.Error(pair[e], $"{at}.drivers[{e}]", MessageText.Format(Messages.WhatIfNotInBase, Messages.WhatIfDriver, id, baseScenario.Name, ScenarioValidator.Suggest(id, ids)));
                        names[e] = null;
                    }
                }
                if (names[0] is not { } a || names[1] is not { } b || rho is not { } r) continue;
                int existing = correlations.FindIndex(c => (c.First == a && c.Second == b) || (c.First == b && c.Second == a));
                if (existing >= 0) correlations[existing] = correlations[existing] with { Rho = r };
                else
                {
                    existing = correlations.Count;
                    correlations.Add(new Correlation(a, b, r));
                }
                _prefixes[$"correlations[{existing}]"] = at;
            }
            _exact["correlations"] = "correlations";
            return correlations;
        }

        private IReadOnlyList<Indicator> Indicators(YamlNode? horizonNode, YamlNode? node)
        {
            var indicators = baseScenario.Indicators.ToArray();
            if (horizonNode is not null && doc.Integer(horizonNode, "horizon") is { } horizon)
            {
                for (int i = 0; i < indicators.Length; i++)
                {
                    indicators[i] = indicators[i] with { Target = indicators[i].Target with { Year = horizon } };
                    _prefixes[$"indicators[{i}].target.year"] = "horizon";
                }
            }
            var ids = baseScenario.Indicators.Select(i => i.Id).ToArray();
            foreach (var (id, i, value) in Keyed(node, "indicators", ids, Messages.WhatIfIndicator))
            {
                string at = $"indicators.{id}", merged = $"indicators[{i}]";
                var map = doc.Mapping(value, at, IndicatorKeys);
                if (map is null) continue;
                var indicator = indicators[i];
                if (YamlDocument.Optional(map, "name") is { } nameNode && ScenarioReader.Localized(doc, nameNode, $"{at}.name") is { } name)
                    indicator = indicator with { Name = name };
                if (doc.Bool(YamlDocument.Optional(map, "headline"), $"{at}.headline") is { } headline) indicator = indicator with { Headline = headline };
                if (doc.Text(YamlDocument.Optional(map, "note"), $"{at}.note") is { } note) indicator = indicator with { Note = note };
                if (YamlDocument.Optional(map, "structures") is { } structuresNode) indicator = Structures(indicator, structuresNode, at, merged);
                if (YamlDocument.Optional(map, "base") is { } baseNode)
                {
                    var b = doc.Mapping(baseNode, $"{at}.base", "year", "value", "source");
                    if (doc.Integer(YamlDocument.Optional(b, "year"), $"{at}.base.year") is { } year)
                    {
                        indicator = indicator with { BaseYear = year };
                        _prefixes[$"{merged}.target.year"] = $"{at}.base.year";
                    }
                    if (doc.Number(YamlDocument.Optional(b, "value"), $"{at}.base.value") is { } baseValue)
                    {
                        indicator = indicator with { BaseValue = baseValue };
                        _prefixes[$"{merged}.base.value"] = $"{at}.base.value";
                    }
                    doc.Text(YamlDocument.Optional(b, "source"), $"{at}.base.source");
                }
                if (YamlDocument.Optional(map, "target") is { } targetNode)
                {
                    var t = doc.Mapping(targetNode, $"{at}.target", "year", "value", "direction", "period", "source");
                    var target = indicator.Target;
                    if (doc.Integer(YamlDocument.Optional(t, "year"), $"{at}.target.year") is { } year)
                    {
                        target = target with { Year = year };
                        _prefixes[$"{merged}.target.year"] = $"{at}.target.year";
                    }
                    if (doc.Number(YamlDocument.Optional(t, "value"), $"{at}.target.value") is { } targetValue)
                    {
                        target = target with { Value = targetValue };
                        _prefixes[$"{merged}.target.value"] = $"{at}.target.value";
                    }
                    switch (doc.Choice(YamlDocument.Optional(t, "direction"), $"{at}.target.direction", "at-least", "at-most"))
                    {
                        case "at-least": target = target with { Direction = Direction.AtLeast }; break;
                        case "at-most": target = target with { Direction = Direction.AtMost }; break;
                    }
                    switch (doc.Choice(YamlDocument.Optional(t, "period"), $"{at}.target.period", "target-year", "every-year"))
                    {
                        case "target-year": target = target with { Period = TargetPeriod.TargetYear }; break;
                        case "every-year": target = target with { Period = TargetPeriod.EveryYear }; break;
                    }
                    if (doc.Text(YamlDocument.Optional(t, "source"), $"{at}.target.source") is { } source) target = target with { Source = source };
                    indicator = indicator with { Target = target };
                }
                indicators[i] = indicator;
            }
            return indicators.SequenceEqual(baseScenario.Indicators) ? baseScenario.Indicators : indicators;
        }

        /// <summary>
        /// <c>structures: {name: weight, ...}</c>: new weights for a mixture's structures (0 leaves one out, e.g. "if the plan's
        /// inputs happen" keeps one structure); names not given keep their weight; the weights must still sum to 1.
        /// </summary>
        private Indicator Structures(Indicator indicator, YamlNode node, string at, string merged)
        {
            if (indicator.Model is not MixtureModel mixture)
            {
                doc.Error(node, $"{at}.structures", MessageText.Format(Messages.WhatIfOneStructure, indicator.Id, indicator.Model.KindName));
                return indicator;
            }
            if (node is not YamlMappingNode map)
            {
                doc.Error(node, $"{at}.structures", MessageText.Format(Messages.WhatIfStructuresMapping, YamlDocument.Describe(node)));
                return indicator;
            }
            var components = mixture.Components.ToList();
            foreach (var (keyNode, value) in map.Children)
            {
                string name = (keyNode as YamlScalarNode)?.Value ?? "";
                int c = components.FindIndex(x => x.Name == name);
                if (c < 0)
                {
                    doc.Error(keyNode, $"{at}.structures.{name}", MessageText.Format(Messages.WhatIfNoStructure, indicator.Id, name, ScenarioValidator.Suggest(name, components.Select(x => x.Name)), string.Join(", ", components.Select(x => x.Name))));
                    continue;
                }
                if (doc.Number(value, $"{at}.structures.{name}") is { } weight) components[c] = components[c] with { Weight = weight };
            }
            _prefixes[$"{merged}.model"] = $"{at}.structures";
            return indicator with { Model = mixture with { Components = components } };
        }
    }
}
