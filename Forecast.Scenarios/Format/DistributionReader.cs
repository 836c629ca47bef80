using Forecast.Engine.Model;
using YamlDotNet.RepresentationModel;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>
/// Reads level distributions (<c>{dist: normal, mean: 0.12, sd: 0.03}</c>, or a bare number for a fixed
/// level) and yearly variations (<c>{kind: growth, sd: 0.04}</c>, or a bare word: none, poisson).
/// </summary>
internal static class DistributionReader
{
    private static readonly string[] Kinds = ["fixed", "normal", "lognormal", "uniform", "triangular", "pert", "beta", "poisson", "negbin"];
    private static readonly string[] YearlyKinds = ["none", "normal", "growth", "poisson", "negbin"];

    public static Distribution? Read(YamlDocument doc, YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlScalarNode)
            return doc.Number(node, path) is { } fixedValue ? new FixedDistribution(fixedValue) : null;
        var peek = doc.Mapping(node, path, ["dist", "value", "mean", "sd", "mu", "sigma", "min", "mode", "max", "alpha", "beta", "lambda", "dispersion"]);
        if (peek is null) return null;
        string? kind = doc.Choice(doc.Required(peek, node, path, "dist"), $"{path}.dist", Kinds);
        if (kind is null) return null;
        string[] allowed = kind switch
        {
            "fixed" => ["value"],
            "normal" => ["mean", "sd"],
            "lognormal" => ["mu", "sigma"],
            "uniform" => ["min", "max"],
            "triangular" or "pert" => ["min", "mode", "max"],
            "beta" => ["alpha", "beta", "min", "max"],
            "poisson" => ["mean", "lambda"],
            _ => ["mean", "dispersion"],
        };
        foreach (var key in peek.Keys.Where(k => k != "dist" && !allowed.Contains(k)))
            doc.Error(peek[key], $"{path}.{key}", MessageText.Format(Messages.DistributionKey, key, kind, string.Join(", ", allowed)));

        double? P(string key, bool required = true) => required
            ? doc.Number(doc.Required(peek, node, path, key), $"{path}.{key}")
            : doc.Number(YamlDocument.Optional(peek, key), $"{path}.{key}");

        return kind switch
        {
            "fixed" => P("value") is { } v ? new FixedDistribution(v) : null,
            "normal" => P("mean") is { } m && P("sd") is { } sd ? new NormalDistribution(m, sd) : null,
            "lognormal" => P("mu") is { } mu && P("sigma") is { } s ? new LogNormalDistribution(mu, s) : null,
            "uniform" => P("min") is { } lo && P("max") is { } hi ? new UniformDistribution(lo, hi) : null,
            "triangular" => P("min") is { } a && P("mode") is { } c && P("max") is { } b ? new TriangularDistribution(a, c, b) : null,
            "pert" => P("min") is { } a && P("mode") is { } c && P("max") is { } b ? Pert(doc, node, path, a, c, b) : null,
            "beta" => P("alpha") is { } al && P("beta") is { } be ? new BetaDistribution(al, be, P("min", false) ?? 0, P("max", false) ?? 1) : null,
            "poisson" => (peek.ContainsKey("lambda") ? P("lambda") : P("mean")) is { } l ? new PoissonDistribution(l) : null,
            _ => P("mean") is { } nm && P("dispersion") is { } r ? new NegativeBinomialDistribution(nm, r) : null,
        };
    }

    private static PertDistribution? Pert(YamlDocument doc, YamlNode node, string path, double min, double mode, double max)
    {
        // The PERT shape parameters divide by (max − min): report an empty range before building it.
        if (!(min < max) || mode < min || mode > max)
        {
            doc.Error(node, path, MessageText.Format(Messages.PertOrder, min, mode, max));
            return null;
        }
        return new PertDistribution(min, mode, max);
    }

    public static YearlyVariation? ReadYearly(YamlDocument doc, YamlNode? node, string path)
    {
        if (node is null) return YearlyVariation.None;
        if (node is YamlScalarNode)
        {
            return doc.Choice(node, path, "none", "poisson") switch
            {
                "none" => YearlyVariation.None,
                "poisson" => YearlyVariation.Poisson,
                _ => null,
            };
        }
        var map = doc.Mapping(node, path, "kind", "sd", "dispersion");
        if (map is null) return null;
        string? kind = doc.Choice(doc.Required(map, node, path, "kind"), $"{path}.kind", YearlyKinds);
        string[] allowed = kind switch
        {
            "normal" or "growth" => ["sd"],
            "negbin" => ["dispersion"],
            _ => [],
        };
        foreach (var key in map.Keys.Where(k => k != "kind" && !allowed.Contains(k)))
            doc.Error(map[key], $"{path}.{key}", allowed.Length > 0
                ? MessageText.Format(Messages.YearlyKeyTakes, key, kind, string.Join(", ", allowed))
                : MessageText.Format(Messages.YearlyKey, key, kind));
        return kind switch
        {
            "none" => YearlyVariation.None,
            "poisson" => YearlyVariation.Poisson,
            "normal" => doc.Number(doc.Required(map, node, path, "sd"), $"{path}.sd") is { } sd ? YearlyVariation.Normal(sd) : null,
            "growth" => doc.Number(doc.Required(map, node, path, "sd"), $"{path}.sd") is { } g ? YearlyVariation.Growth(g) : null,
            "negbin" => doc.Number(doc.Required(map, node, path, "dispersion"), $"{path}.dispersion") is { } r ? YearlyVariation.NegativeBinomial(r) : null,
            _ => null,
        };
    }
}
