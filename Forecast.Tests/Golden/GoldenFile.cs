namespace Forecast.Tests.Golden;

/// <summary>
/// Golden files pin the engine's draws and outputs byte for byte: a refactoring must leave them unchanged.
/// A deliberate change of the draws regenerates them with
/// <c>FORECAST_UPDATE_GOLDEN=1 dotnet test Forecast.Tests --filter "FullyQualifiedName~Golden"</c>,
/// which rewrites the files under <c>Forecast.Tests/Golden/files/</c> in the source tree; the commit that does so
/// says why (docs/testing.md).
/// </summary>
internal static class GoldenFile
{
    public static string Folder { get; } = RepositoryFiles.Path("Forecast.Tests", "Golden", "files");

    private static bool Updating => Environment.GetEnvironmentVariable("FORECAST_UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file <paramref name="name"/> exactly (or rewrites it when updating).</summary>
    public static void Check(string name, string actual)
    {
        string path = Path.Combine(Folder, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {name} is missing; create it with FORECAST_UPDATE_GOLDEN=1 (see docs/testing.md)");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int line = 0;
        while (line < Math.Min(e.Length, a.Length) && e[line] == a[line]) line++;
        Assert.Fail($"{name} differs from its golden file at line {line + 1}:\n  golden: {(line < e.Length ? e[line] : "(end)")}\n  now:    {(line < a.Length ? a[line] : "(end)")}");
    }
}
