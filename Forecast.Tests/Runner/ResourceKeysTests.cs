using System.Text.RegularExpressions;

namespace Forecast.Tests.Runner;

/// <summary>
/// Every key of every .resx file is there once: a second entry of the same name compiles (the generator keeps one) and
/// silently gives one text two meanings (targets.json's rule once took the console's "Rule: ..." sentence that way).
/// </summary>
public sealed partial class ResourceKeysTests
{
    [GeneratedRegex("<data name=\"([^\"]+)\"")]
    private static partial Regex Key();

    [Fact]
    public void EveryResourceKey_IsDefinedOnce_InEachFile()
    {
        var files = Directory.GetFiles(RepositoryFiles.Root, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 10, $"{files.Count} .resx files found under {RepositoryFiles.Root}");
        var twice = files.SelectMany(f => Key().Matches(File.ReadAllText(f)).GroupBy(m => m.Groups[1].Value).Where(g => g.Count() > 1)
            .Select(g => $"{Path.GetRelativePath(RepositoryFiles.Root, f)}: {g.Key} ×{g.Count()}")).ToList();
        Assert.True(twice.Count == 0, string.Join('\n', twice));
    }
}
