using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Forecast.Scenarios;

/// <summary>
/// What a scenario file says that the <see cref="Forecast.Engine.Model.Scenario"/> record does not keep: the
/// description, the base values' sources, and a comment for the top of a written file.
/// </summary>
/// <param name="Description">The scenario's description, or null.</param>
/// <param name="BaseSources">Indicator id → the source of its base value.</param>
/// <param name="HeaderComment">Lines written as "# ..." at the top of the file.</param>
public sealed record ScenarioAnnotations(string? Description, IReadOnlyDictionary<string, string> BaseSources, IReadOnlyList<string> HeaderComment)
{
    /// <summary>No annotations.</summary>
    public static ScenarioAnnotations None { get; } = new(null, new Dictionary<string, string>(), []);

    /// <summary>
    /// Reads the annotations of a scenario file that <see cref="ScenarioReader"/> has already accepted; anything it
    /// cannot read is left out (never an error: the scenario itself is what matters).
    /// </summary>
    public static ScenarioAnnotations Read(string path)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return None;
            string? description = Scalar(root, "description");
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Child(root, "indicators") is YamlSequenceNode indicators)
            {
                foreach (var node in indicators.Children.OfType<YamlMappingNode>())
                {
                    if (Scalar(node, "id") is { } id && Child(node, "base") is YamlMappingNode b && Scalar(b, "source") is { } source)
                        sources[id] = source;
                }
            }
            return new ScenarioAnnotations(description, sources, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
        {
            return None;
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v) ? v : null;
}
