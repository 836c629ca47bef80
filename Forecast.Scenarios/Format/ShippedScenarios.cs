using System.Text.RegularExpressions;

namespace Forecast.Scenarios;

/// <summary>
/// The shipped scenarios (the repository's <c>scenarios/</c> folder) and their ids. A what-if's <c>base:</c> may name a
/// shipped scenario by id (<c>base: liaocheng-2025</c>) instead of a path: a what-if saved anywhere (the workbench's
/// download) then runs unchanged on any machine with the shipped scenarios, and names no folder of the machine it came from.
/// </summary>
/// <remarks>
/// The folder is, in order: the one the environment variable <c>FORECAST_SCENARIOS</c> names; else the first
/// <c>scenarios/</c> holding <c>liaocheng-2025.yaml</c> in the current folder or above it; else the same from the
/// program's folder upwards. An id is <c>[A-Za-z0-9_-]</c> and dots, without a folder or a .yaml ending; its file is
/// <c>&lt;folder&gt;/&lt;id&gt;.yaml</c>.
/// </remarks>
public static partial class ShippedScenarios
{
    /// <summary>The environment variable that names the shipped scenarios' folder.</summary>
    public const string FolderVariable = "FORECAST_SCENARIOS";

    /// <summary>The file every shipped scenarios folder holds (the baseline), by which it is recognised.</summary>
    public const string Baseline = "liaocheng-2025.yaml";

    /// <summary>The shipped scenarios' folder (see the remarks), or null when there is none.</summary>
    public static string? Folder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } named && Directory.Exists(named)) return Path.GetFullPath(named);
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string folder = Path.Combine(dir.FullName, "scenarios");
                if (File.Exists(Path.Combine(folder, Baseline))) return folder;
            }
        }
        return null;
    }

    /// <summary>Every shipped scenario file (the .yaml files directly in the folder), the baseline first; empty without a folder.</summary>
    public static IReadOnlyList<string> Files()
    {
        if (Folder() is not { } folder) return [];
        return Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .OrderBy(f => Path.GetFileName(f) == Baseline ? 0 : 1).ToList();
    }

    /// <summary>Whether <paramref name="text"/> has the form of an id (no folder, no .yaml ending).</summary>
    public static bool IsId(string text) => IdPattern().IsMatch(text) && !text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        && !text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && text is not ("." or "..");

    /// <summary>The file of the shipped scenario <paramref name="id"/>, or null when it is not an id or there is no such file.</summary>
    public static string? Resolve(string id)
    {
        if (!IsId(id) || Folder() is not { } folder) return null;
        string file = Path.Combine(folder, id + ".yaml");
        return File.Exists(file) ? file : null;
    }

    /// <summary>The id of a shipped scenario file (its name without .yaml), or null when <paramref name="file"/> is not one.</summary>
    public static string? IdOf(string file)
    {
        string id = Path.GetFileNameWithoutExtension(file);
        return Resolve(id) is { } shipped && string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(file), StringComparison.Ordinal) ? id : null;
    }

    /// <summary>The ids of the shipped scenarios, for messages.</summary>
    public static IReadOnlyList<string> Ids() => Files().Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex IdPattern();
}
