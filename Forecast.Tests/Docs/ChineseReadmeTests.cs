using System.Text.RegularExpressions;

namespace Forecast.Tests.Docs;

/// <summary>README.zh.md stands beside README.md: linked both ways, with the same figures and commands.</summary>
public sealed partial class ChineseReadmeTests
{
    [GeneratedRegex(@"\d+(?:\.\d+)?%")]
    private static partial Regex Percentages();

    [GeneratedRegex(@"^(?:dotnet|forecast) .*$", RegexOptions.Multiline)]
    private static partial Regex Commands();

    [Fact]
    public void ChineseReadme_IsLinkedBothWays_AndCarriesTheSameFiguresAndCommands()
    {
        string en = File.ReadAllText(RepositoryFiles.Path("README.md"));
        string zh = File.ReadAllText(RepositoryFiles.Path("README.zh.md"));
        Assert.Contains("(README.zh.md)", en, StringComparison.Ordinal);
        Assert.Contains("(README.md)", zh, StringComparison.Ordinal);
        var missing = Percentages().Matches(en).Select(m => m.Value).Distinct().Where(p => !zh.Contains(p, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "figures of README.md missing from README.zh.md: " + string.Join(", ", missing));
        foreach (Match command in Commands().Matches(en))
            Assert.Contains(command.Value.Split(" --lang", StringSplitOptions.None)[0].Split(" --report", StringSplitOptions.None)[0], zh, StringComparison.Ordinal);
        foreach (string mention in new[] { "fonts-noto-cjk", "--report", "forecast report", "--lang", "--wide", "scenarios/history/README.md" })
        {
            Assert.Contains(mention, en, StringComparison.Ordinal);
            Assert.Contains(mention, zh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ChineseReadme_LinksOnlyInsideTheRepository()
    {
        string page = RepositoryFiles.Path("README.zh.md");
        foreach (Match link in Regex.Matches(File.ReadAllText(page), @"\]\(([^)#]+)(#[^)]*)?\)"))
        {
            string resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value));
            Assert.True(File.Exists(resolved) || Directory.Exists(resolved), $"README.zh.md links to {link.Groups[1].Value}, which is not in the repository");
        }
    }
}
