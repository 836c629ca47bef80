using System.Globalization;
using System.Text.RegularExpressions;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Examples;
using Forecast.Scenarios;

namespace Forecast.Tests.Docs;

/// <summary>The docs' code is real code: docs/examples/LibraryExample.cs is compiled here, run here, and shown verbatim by docs/library.md.</summary>
public class LibraryExampleTests
{
    private static readonly string Baseline = RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml");

    [Fact]
    public void RunExample_PrintsTheEnginesProbabilityIntervalAndMedian()
    {
        string line = LibraryExample.Run(Baseline, 5_000);
        var direct = MonteCarlo.Run(ScenarioReader.Read(Baseline), new SimulationOptions(Paths: 5_000, Seed: 7))["hightech_enterprises"];
        var match = Regex.Match(line, @"^P\(600 high-tech enterprises by 2025\) = (.+) \[(.+), (.+)\], median (.+)$");
        Assert.True(match.Success, line);
        Assert.Equal(direct.Probability.ToString("P1", CultureInfo.CurrentCulture), match.Groups[1].Value);
        Assert.Equal(direct.ProbabilityCi95.Lower.ToString("P1", CultureInfo.CurrentCulture), match.Groups[2].Value);
        Assert.Equal(direct.TargetYear.P50.ToString(CultureInfo.CurrentCulture), match.Groups[4].Value);
    }

    [Fact]
    public void WhatIfExample_RunsEveryAnalysis()
    {
        var (comparison, sweep, goal, tornado, global) = LibraryExample.WhatIfs(Baseline, RepositoryFiles.Path("scenarios", "templates", "whatif-high-investment.yaml"), 2_000, 64);
        Assert.Equal(2, comparison.Scenarios.Count);
        Assert.Equal(7, sweep.Points.Count);
        Assert.Equal("hightech_enterprises", goal.IndicatorId);
        Assert.NotEmpty(tornado.Targets);
        Assert.NotEmpty(global.Outputs);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("what-if")]
    public void LibraryPage_ShowsTheExampleCode_Verbatim(string name)
    {
        string source = File.ReadAllText(RepositoryFiles.Path("docs", "examples", "LibraryExample.cs")).ReplaceLineEndings("\n");
        var code = Regex.Match(source, $@"// example: {name}\n(.*?)\n\s*// end example", RegexOptions.Singleline).Groups[1].Value;
        string shown = string.Join('\n', code.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.Trim()));
        Assert.False(string.IsNullOrWhiteSpace(shown));
        string page = File.ReadAllText(RepositoryFiles.Path("docs", "library.md")).ReplaceLineEndings("\n");
        Assert.Contains(shown, page, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryImageTheReadmeShows_IsAPngInTheRepository()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var images = Regex.Matches(readme, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(images);
        foreach (string image in images)
        {
            byte[] bytes = File.ReadAllBytes(RepositoryFiles.Path(image.Split('/')));
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{image} is not a PNG");
        }
    }

    [Fact]
    public void NoPageLinksOutsideTheRepository()
    {
        // The repository stands alone: every relative link in the README and docs resolves inside it.
        foreach (string page in Directory.GetFiles(RepositoryFiles.Path("docs"), "*.md").Append(RepositoryFiles.Path("README.md")))
        {
            string text = File.ReadAllText(page);
            Assert.DoesNotContain("../shared", text, StringComparison.Ordinal);
            foreach (Match link in Regex.Matches(text, @"\]\(([^)#]+)(#[^)]*)?\)"))
            {
                string target = link.Groups[1].Value;
                if (target.StartsWith("http", StringComparison.Ordinal)) continue;
                string resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                Assert.True(resolved.StartsWith(RepositoryFiles.Root, StringComparison.Ordinal) && (File.Exists(resolved) || Directory.Exists(resolved)),
                    $"{Path.GetFileName(page)} links to {target}, which is not in the repository");
            }
        }
    }
}
