using Forecast.Engine.Model;
using YamlDotNet.RepresentationModel;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Reads an indicator's model: <c>{kind: compound, growth: d}</c>, <c>{kind: ratio, numerator: {growth: d},
/// denominator: {indicator: i}}</c>, <c>{kind: share, step: d}</c>, <c>{kind: stock-flow, entries: d, exits: d,
/// capacity: n}</c>, <c>{kind: cumulative, driver: d}</c>, <c>{kind: flow, driver: d, count: true}</c>,
/// <c>{kind: linear, increment: d}</c>, and model uncertainty: <c>{kind: mixture, basis: "...", of: [{name: n, weight: w,
/// model: {...}}, ...]}</c>.
/// </summary>
internal static class ModelReader
{
    private static readonly string[] Kinds = ["compound", "ratio", "share", "stock-flow", "cumulative", "flow", "linear", "mixture"];

    public static IndicatorModel? Read(YamlDocument doc, YamlNode? node, string path, bool nested = false)
    {
        if (node is null) return null;
        var map = doc.Mapping(node, path, "kind", "growth", "numerator", "denominator", "step", "entries", "exits", "capacity", "driver", "count",
            "increment", "of", "basis", "structure");
        if (map is null) return null;
        string? kind = doc.Choice(doc.Required(map, node, path, "kind"), $"{path}.kind", Kinds);
        if (kind is null) return null;
        string[] allowed = kind switch
        {
            "compound" => ["growth"],
            "ratio" => ["numerator", "denominator"],
            "share" => ["step"],
            "stock-flow" => ["entries", "exits", "capacity"],
            "cumulative" => ["driver"],
            "linear" => ["increment"],
            "mixture" => ["of", "basis", "structure"],
            _ => ["driver", "count"],
        };
        foreach (var key in map.Keys.Where(k => k != "kind" && !allowed.Contains(k)))
            doc.Error(map[key], $"{path}.{key}", MessageText.Format(Messages.ModelKey, key, kind, string.Join(", ", allowed)));

        string? Id(string key) => doc.Text(doc.Required(map, node, path, key), $"{path}.{key}");
        return kind switch
        {
            "compound" => Id("growth") is { } g ? new CompoundGrowthModel(g) : null,
            "ratio" => Side(doc, doc.Required(map, node, path, "numerator"), $"{path}.numerator") is { } n
                       && Side(doc, doc.Required(map, node, path, "denominator"), $"{path}.denominator") is { } d
                ? new RatioModel(n, d) : null,
            "share" => Id("step") is { } s ? new BoundedShareModel(s) : null,
            "stock-flow" => Id("entries") is { } e
                ? new StockFlowModel(e, doc.Text(YamlDocument.Optional(map, "exits"), $"{path}.exits"),
                    doc.Integer(YamlDocument.Optional(map, "capacity"), $"{path}.capacity"))
                : null,
            "cumulative" => Id("driver") is { } c ? new CumulativeModel(c) : null,
            "linear" => Id("increment") is { } inc ? new LinearTrendModel(inc) : null,
            "mixture" => nested ? Nested(doc, map, path) : Mixture(doc, map, node, path),
            _ => Id("driver") is { } f ? new FlowModel(f, doc.Bool(YamlDocument.Optional(map, "count"), $"{path}.count") ?? true) : null,
        };
    }

    private static MixtureModel? Nested(YamlDocument doc, Dictionary<string, YamlNode> map, string path)
    {
        doc.Error(map["kind"], $"{path}.kind", Messages.MixtureNested);
        return null;
    }

    private static MixtureModel? Mixture(YamlDocument doc, Dictionary<string, YamlNode> map, YamlNode node, string path)
    {
        var items = doc.Sequence(doc.Required(map, node, path, "of"), $"{path}.of");
        string? basis = doc.Text(YamlDocument.Optional(map, "basis"), $"{path}.basis");
        string? structure = doc.Text(YamlDocument.Optional(map, "structure"), $"{path}.structure");
        var components = new List<MixtureComponent>();
        bool complete = true;
        for (int c = 0; c < items.Count; c++)
        {
            string at = $"{path}.of[{c}]";
            var item = doc.Mapping(items[c], at, "name", "weight", "model");
            string? name = doc.Text(doc.Required(item, items[c], at, "name"), $"{at}.name");
            double? weight = doc.Number(doc.Required(item, items[c], at, "weight"), $"{at}.weight");
            var model = Read(doc, doc.Required(item, items[c], at, "model"), $"{at}.model", nested: true);
            if (name is null || weight is null || model is null) complete = false;
            else components.Add(new MixtureComponent(name, weight.Value, model));
        }
        return complete ? new MixtureModel(components, basis, structure) : null;
    }

    private static Quantity? Side(YamlDocument doc, YamlNode? node, string path)
    {
        var map = doc.Mapping(node, path, "growth", "indicator");
        if (map is null) return null;
        if (map.Count != 1)
        {
            doc.Error(node, path, Messages.RatioSide);
            return null;
        }
        return map.TryGetValue("growth", out var growth)
            ? doc.Text(growth, $"{path}.growth") is { } g ? Quantity.Growing(g) : null
            : doc.Text(map["indicator"], $"{path}.indicator") is { } i ? Quantity.Of(i) : null;
    }
}
