using System.Text.RegularExpressions;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Docs;

/// <summary>
/// The backtest figures of the README and docs/backtest.md are what `calibrate` computes: the step docs/backtest.md gives to
/// reproduce them is run here on the shipped history, and every row of our and the naive methods is compared with its output.
/// R's ets and thetaf (a peer script, not run in CI: R is not on every machine) are compared between the two pages.
/// </summary>
public class ReadmeBacktestTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
    private static readonly string BacktestPage = File.ReadAllText(RepositoryFiles.Path("docs", "backtest.md"));

    /// <summary>The README's names of the methods, and the backtest tables' names.</summary>
    private static readonly (string Readme, string Table)[] Methods =
    [
        ("candidate mixture (ours)", "candidates (mixture)"), ("random walk with drift", "random walk with drift"),
        ("CAGR extrapolation", "CAGR extrapolation"), ("linear trend", "linear trend"), ("R `ets`", "ets"), ("R `thetaf`", "theta"),
    ];

    [Fact]
    public async Task BacktestTables_OfTheReadmeAndDocs_AreWhatCalibrateComputes()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        // docs/backtest.md: the public file without the row that disagrees with the panel (Shandong's 2015 R&D intensity).
        string publicFile = Path.Combine(folder, "public-no-conflict.csv");
        File.WriteAllLines(publicFile, File.ReadLines(RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv"))
            .Where(line => !line.StartsWith("Shandong,rd_intensity,2015,", StringComparison.Ordinal)));
        string outDir = Path.Combine(folder, "out");

        var outcome = await CliHarness.Run("calibrate", RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv"), publicFile,
            RepositoryFiles.Path("scenarios", "history", "panel-to-2020.csv"),
            "--scenario", RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml"), "--out", outDir);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        string computed = File.ReadAllText(Path.Combine(outDir, "backtest.md"));
        // The page's table of ours and the naive benchmarks is the computed one, row for row (every horizon).
        var computedRows = TableRows(computed);
        Assert.Equal(24, computedRows.Count);
        foreach (string row in computedRows) Assert.Contains(row, BacktestPage, StringComparison.Ordinal);
        foreach (var (readmeName, tableName) in Methods)
        {
            string source = tableName is "ets" or "theta" ? BacktestPage : computed;
            var all = Regex.Match(source, $@"^\| {Regex.Escape(tableName)} \| all \| 74 \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \|$", RegexOptions.Multiline);
            Assert.True(all.Success, $"no row over all horizons for {tableName}");
            string expected = $"| {readmeName} | {all.Groups[1].Value} | {all.Groups[2].Value} | {all.Groups[3].Value} | {all.Groups[4].Value}% |";
            Assert.Contains(expected, Readme, StringComparison.Ordinal);
        }
        Assert.Contains("[docs/backtest.md](docs/backtest.md)", Readme, StringComparison.Ordinal);
    }

    private static List<string> TableRows(string markdown) =>
        markdown.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => Regex.IsMatch(l, @"^\| [^|]+ \| ([1-5]|all) \| \d+ \|")).ToList();
}
