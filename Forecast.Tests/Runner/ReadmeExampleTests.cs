using Forecast.Engine.Simulation;
using Forecast.Scenarios;

namespace Forecast.Tests.Runner;

public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_RunsAsWritten()
    {
        // The library example of README.md, with the scenario path made absolute and fewer paths.
        var scenario = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"));
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 10_000, Seed: 7));
        var firms = result["hightech_enterprises"];
        string line = $"P(600 high-tech enterprises by 2025) = {firms.Probability:P1} " +
                      $"[{firms.ProbabilityCi95.Lower:P1}, {firms.ProbabilityCi95.Upper:P1}], " +
                      $"median {firms.TargetYear.P50}";
        Assert.StartsWith("P(600 high-tech enterprises by 2025) = ", line, StringComparison.Ordinal);
        Assert.InRange(firms.Probability, 0, 1);
        Assert.True(firms.ProbabilityCi95.Contains(firms.Probability));

        string readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        Assert.Contains("var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 100_000, Seed: 7));", readme, StringComparison.Ordinal);
        Assert.Contains("var firms = result[\"hightech_enterprises\"];", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryImageTheReadmeShows_IsAPngInTheRepository()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var images = System.Text.RegularExpressions.Regex.Matches(readme, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("docs/images/fan-hightech_enterprises.png", images);
        foreach (string image in images)
        {
            byte[] bytes = File.ReadAllBytes(RepositoryFiles.Path(image.Split('/')));
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{image} is not a PNG");
        }
    }
}
