using System.Globalization;
using System.Text;
using Forecast.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Forecast.Scenarios;

/// <summary>
/// Writes any <see cref="Scenario"/> as the YAML that <see cref="ScenarioReader"/> reads, so that reading the
/// written text gives an equal scenario (numbers in shortest round-trip form, invariant culture). Small maps
/// (names, levels, models, targets) are written in flow style like the shipped scenario; notes with line breaks
/// as literal blocks. What the model does not keep (comments, the description, base sources) can be passed in
/// <see cref="ScenarioAnnotations"/>. Limitation: an empty Chinese name is written as absent, which the reader
/// reads as the English text; the reader takes seeds up to 9·10¹⁵.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>The scenario as YAML text.</summary>
    public static string Write(Scenario scenario, ScenarioAnnotations? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        annotations ??= ScenarioAnnotations.None;
        var root = new YamlMappingNode();
        root.Add("name", Text(scenario.Name));
        root.Add("title", Localized(scenario.Title));
        if (!string.IsNullOrWhiteSpace(annotations.Description)) root.Add("description", Text(annotations.Description));
        root.Add("run", Flow(("paths", Number(scenario.Defaults.Paths)), ("seed", Number(scenario.Defaults.Seed))));

        var drivers = new YamlSequenceNode();
        foreach (Driver d in scenario.Drivers) drivers.Add(DriverNode(d));
        root.Add("drivers", drivers);

        if (scenario.Correlations.Count > 0)
        {
            var correlations = new YamlSequenceNode();
            foreach (Correlation c in scenario.Correlations)
            {
                var pair = new YamlSequenceNode(Text(c.First), Text(c.Second)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
                var node = Flow(("drivers", pair), ("rho", Number(c.Rho)));
                if (c.Scope == CorrelationScope.Levels) node.Add("of", Plain("levels"));
                correlations.Add(node);
            }
            root.Add("correlations", correlations);
        }

        var indicators = new YamlSequenceNode();
        foreach (Indicator i in scenario.Indicators) indicators.Add(IndicatorNode(i, annotations));
        root.Add("indicators", indicators);
        if (scenario.Observed.Count > 0)
        {
            var observed = new YamlSequenceNode();
            foreach (var o in scenario.Observed)
            {
                var node = Flow(("indicator", Text(o.IndicatorId)), ("year", Number(o.Year)), ("value", Number(o.Value)));
                if (o.Sd is { } sd) node.Add("sd", Number(sd));
                if (!string.IsNullOrWhiteSpace(o.Source)) node.Add("source", Text(o.Source));
                observed.Add(node);
            }
            root.Add("observed", observed);
        }

        var text = new StringBuilder();
        foreach (string line in annotations.HeaderComment)
            text.Append("# ").Append(line.ReplaceLineEndings(" ")).Append('\n');
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDotNet.RepresentationModel.YamlDocument(root)).Save(new Emitter(writer, 2, 10_000), false);
        string yaml = writer.ToString();
        // YamlDotNet ends a document with "...": not needed for a single document.
        if (yaml.EndsWith("...\n", StringComparison.Ordinal)) yaml = yaml[..^4];
        return text.Append(yaml).ToString();
    }

    /// <summary>Writes the scenario to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteFile(string path, Scenario scenario, ScenarioAnnotations? annotations = null) =>
        File.WriteAllText(path, Write(scenario, annotations), new UTF8Encoding(false));

    /// <summary>A level distribution in the flow form of scenario and what-if files, e.g. <c>{dist: normal, mean: 0.15, sd: 0.03}</c>.</summary>
    public static string LevelText(Distribution level)
    {
        ArgumentNullException.ThrowIfNull(level);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDotNet.RepresentationModel.YamlDocument(Level(level))).Save(new Emitter(writer, 2, 10_000), false);
        string yaml = writer.ToString();
        if (yaml.EndsWith("...\n", StringComparison.Ordinal)) yaml = yaml[..^4];
        return yaml.Trim();
    }

    private static YamlMappingNode DriverNode(Driver d)
    {
        var map = new YamlMappingNode();
        map.Add("id", Text(d.Id));
        map.Add("name", Localized(d.Name));
        map.Add("level", Level(d.Level));
        if (Yearly(d.Yearly) is { } yearly) map.Add("yearly", yearly);
        if (d.LevelChanges.Count > 0)
        {
            var changes = new YamlSequenceNode();
            foreach (LevelChange c in d.LevelChanges) changes.Add(Flow(("from", Number(c.FromYear)), ("level", Level(c.Level))));
            map.Add("changes", changes);
        }
        if (d.Trend is { } trend)
        {
            var node = Flow(("kind", Plain(trend.KindName)));
            if (trend is GrowingLevel g) node.Add("rate", Level(g.Rate));
            if (trend is DampedLevel damped)
            {
                node.Add("long-run", Level(damped.LongRun));
                node.Add("factor", Level(damped.Factor));
            }
            if (trend.FromYear is { } from) node.Add("from", Number(from));
            map.Add("trend", node);
        }
        if (!string.IsNullOrWhiteSpace(d.Note)) map.Add("note", Text(d.Note));
        return map;
    }

    private static YamlMappingNode IndicatorNode(Indicator i, ScenarioAnnotations annotations)
    {
        var map = new YamlMappingNode();
        map.Add("id", Text(i.Id));
        map.Add("name", Localized(i.Name));
        if (!string.IsNullOrWhiteSpace(i.Unit.En)) map.Add("unit", Localized(i.Unit));
        if (i.Headline) map.Add("headline", Plain("true"));
        var baseNode = Flow(("year", Number(i.BaseYear)), ("value", Number(i.BaseValue)));
        if (annotations.BaseSources.TryGetValue(i.Id, out string? baseSource) && !string.IsNullOrWhiteSpace(baseSource)) baseNode.Add("source", Text(baseSource));
        map.Add("base", baseNode);
        if (i.HistoryPoints.Count > 0)
        {
            var history = new YamlSequenceNode();
            foreach (HistoryPoint h in i.HistoryPoints)
            {
                var point = Flow(("year", Number(h.Year)), ("value", Number(h.Value)));
                if (h.Years != 1) point.Add("years", Number(h.Years));
                if (!string.IsNullOrWhiteSpace(h.Source)) point.Add("source", Text(h.Source));
                history.Add(point);
            }
            map.Add("history", history);
        }
        if (i.Bounds is { } b)
            map.Add("bounds", new YamlSequenceNode(Number(b.Lower), Number(b.Upper)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        map.Add("model", Model(i.Model));
        var target = Flow(("year", Number(i.Target.Year)), ("value", Number(i.Target.Value)));
        if (i.Target.Direction == Direction.AtMost) target.Add("direction", Plain("at-most"));
        if (i.Target.Period == TargetPeriod.EveryYear) target.Add("period", Plain("every-year"));
        if (!string.IsNullOrWhiteSpace(i.Target.Source)) target.Add("source", Text(i.Target.Source));
        map.Add("target", target);
        if (!string.IsNullOrWhiteSpace(i.Note)) map.Add("note", Text(i.Note));
        return map;
    }

    private static YamlMappingNode Model(IndicatorModel model) => model switch
    {
        CompoundGrowthModel m => Flow(("kind", Plain("compound")), ("growth", Text(m.Growth))),
        RatioModel m => Flow(("kind", Plain("ratio")), ("numerator", Side(m.Numerator)), ("denominator", Side(m.Denominator))),
        BoundedShareModel m => Flow(("kind", Plain("share")), ("step", Text(m.Step))),
        StockFlowModel m => StockFlow(m),
        CumulativeModel m => Flow(("kind", Plain("cumulative")), ("driver", Text(m.Driver))),
        FlowModel m => m.Count
            ? Flow(("kind", Plain("flow")), ("driver", Text(m.Driver)))
            : Flow(("kind", Plain("flow")), ("driver", Text(m.Driver)), ("count", Plain("false"))),
        LinearTrendModel m => Flow(("kind", Plain("linear")), ("increment", Text(m.Increment))),
        MixtureModel m => Mixture(m),
        _ => throw new ArgumentException($"The model kind {model.GetType().Name} has no YAML form.", nameof(model)),
    };

    private static YamlMappingNode Mixture(MixtureModel m)
    {
        var map = new YamlMappingNode { { "kind", Plain("mixture") } };
        if (!string.IsNullOrWhiteSpace(m.Structure)) map.Add("structure", Text(m.Structure));
        if (!string.IsNullOrWhiteSpace(m.Basis)) map.Add("basis", Text(m.Basis));
        var of = new YamlSequenceNode();
        foreach (var c in m.Components) of.Add(Flow(("name", Text(c.Name)), ("weight", Number(c.Weight)), ("model", Model(c.Model))));
        map.Add("of", of);
        return map;
    }

    private static YamlMappingNode StockFlow(StockFlowModel m)
    {
        var map = Flow(("kind", Plain("stock-flow")), ("entries", Text(m.Entries)));
        if (m.ExitRate is not null) map.Add("exits", Text(m.ExitRate));
        if (m.Capacity is { } c) map.Add("capacity", Number(c));
        return map;
    }

    private static YamlMappingNode Side(Quantity q) => q.GrowthDriver is { } g ? Flow(("growth", Text(g))) : Flow(("indicator", Text(q.Indicator!)));

    private static YamlMappingNode Level(Distribution level) => level switch
    {
        FixedDistribution f => Flow(("dist", Plain("fixed")), ("value", Number(f.Value))),
        NormalDistribution n => Flow(("dist", Plain("normal")), ("mean", Number(n.MeanValue)), ("sd", Number(n.StdDev))),
        LogNormalDistribution l => Flow(("dist", Plain("lognormal")), ("mu", Number(l.Mu)), ("sigma", Number(l.Sigma))),
        UniformDistribution u => Flow(("dist", Plain("uniform")), ("min", Number(u.Min)), ("max", Number(u.Max))),
        TriangularDistribution t => Flow(("dist", Plain("triangular")), ("min", Number(t.Min)), ("mode", Number(t.Mode)), ("max", Number(t.Max))),
        PertDistribution p => Flow(("dist", Plain("pert")), ("min", Number(p.Min)), ("mode", Number(p.Mode)), ("max", Number(p.Max))),
        BetaDistribution b => Flow(("dist", Plain("beta")), ("alpha", Number(b.Alpha)), ("beta", Number(b.Beta)), ("min", Number(b.Min)), ("max", Number(b.Max))),
        PoissonDistribution p => Flow(("dist", Plain("poisson")), ("lambda", Number(p.Lambda))),
        NegativeBinomialDistribution nb => Flow(("dist", Plain("negbin")), ("mean", Number(nb.MeanValue)), ("dispersion", Number(nb.Dispersion))),
        _ => throw new ArgumentException($"The distribution {level.GetType().Name} has no YAML form.", nameof(level)),
    };

    private static YamlNode? Yearly(YearlyVariation yearly) => yearly.Kind switch
    {
        YearlyVariationKind.None => null,
        YearlyVariationKind.Poisson => Plain("poisson"),
        YearlyVariationKind.Normal => Flow(("kind", Plain("normal")), ("sd", Number(yearly.Scale))),
        YearlyVariationKind.Growth => Flow(("kind", Plain("growth")), ("sd", Number(yearly.Scale))),
        YearlyVariationKind.NegativeBinomial => Flow(("kind", Plain("negbin")), ("dispersion", Number(yearly.Scale))),
        _ => throw new ArgumentException($"The yearly variation {yearly.Kind} has no YAML form.", nameof(yearly)),
    };

    private static YamlMappingNode Localized(LocalizedText text)
    {
        var map = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
        if (!string.IsNullOrWhiteSpace(text.Zh)) map.Add("zh", Text(text.Zh));
        map.Add("en", Text(text.En));
        return map;
    }

    private static YamlMappingNode Flow(params (string Key, YamlNode Value)[] entries)
    {
        var map = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
        foreach (var (key, value) in entries) map.Add(key, value);
        return map;
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Number(double value) => Plain(value.ToString("R", CultureInfo.InvariantCulture));

    private static YamlScalarNode Number(long value) => Plain(value.ToString(CultureInfo.InvariantCulture));

    private static YamlScalarNode Number(ulong value) => Plain(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Text: double-quoted when it has a line break (escapes keep it exact), otherwise whatever style is valid YAML.</summary>
    private static YamlScalarNode Text(string value) =>
        new(value) { Style = value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
}
