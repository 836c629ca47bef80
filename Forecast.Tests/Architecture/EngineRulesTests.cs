using System.Text.RegularExpressions;

namespace Forecast.Tests.Architecture;

/// <summary>
/// Rules the engine keeps, checked by reading its source (after ScottPlot's ForbiddenCodeTests): no I/O,
/// no console, no hidden randomness, no clock.
/// </summary>
public partial class EngineRulesTests
{
    private static IEnumerable<(string File, int Line, string Text)> EngineLines() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("Forecast.Engine"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((text, i) => (f, i + 1, text)))
            .Where(l => !l.text.TrimStart().StartsWith("///", StringComparison.Ordinal) && !l.text.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [Theory]
    [InlineData(@"\bRandom\.Shared\b", "hidden shared randomness")]
    [InlineData(@"new\s+(System\.)?Random\s*\(", "an unseeded or compatibility System.Random")]
    [InlineData(@"\bGuid\.NewGuid\b", "non-reproducible identifiers")]
    [InlineData(@"\bDateTime\.(Now|UtcNow)\b|\bStopwatch\b|\bEnvironment\.TickCount", "the clock")]
    [InlineData(@"\bSystem\.IO\b|\bFile\.|\bDirectory\.|\bStreamReader\b|\bStreamWriter\b", "file I/O")]
    [InlineData(@"\bConsole\.", "the console")]
    public void EngineSource_DoesNotUse(string pattern, string what)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var offenders = EngineLines().Where(l => regex.IsMatch(l.Text)).Select(l => $"{Path.GetFileName(l.File)}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(offenders.Count == 0, $"the engine must not use {what}:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EngineProject_ReferencesNoRunnerPlottingOrConsolePackage()
    {
        string project = File.ReadAllText(RepositoryFiles.Path("Forecast.Engine", "Forecast.Engine.csproj"));
        foreach (var forbidden in new[] { "ScottPlot", "Spectre.Console", "YamlDotNet", "System.CommandLine", "Microsoft.Extensions.Hosting", "Forecast.Runner" })
            Assert.DoesNotContain(forbidden, project, StringComparison.Ordinal);
    }
}
