using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Scenarios;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Calibration;

/// <summary>
/// The <c>calibrate</c> command end to end through the CLI harness: the shipped history, the calibrated scenario
/// run by <c>run</c>, a long simulated history whose truth the calibrated driver must cover, and bad input.
/// </summary>
public class CalibrateCommandTests
{
    private static readonly string PlanHistory = RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv");
    private static readonly string PublicHistory = RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv");
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    private static readonly Lazy<Task<(CliHarness.Outcome Outcome, string Out)>> Shipped = new(async () =>
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("calibrate", PlanHistory, PublicHistory, "--scenario", Liaocheng, "--out", outDir, "--one-structure");
        return (outcome, outDir);
    });

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    private static JsonElement Indicator(JsonDocument json, string id) =>
        json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    private static string[] Warnings(JsonElement indicator) =>
        indicator.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();

    [Fact]
    public async Task ShippedHistory_Calibrates_WithHonestWarnings()
    {
        var (outcome, outDir) = await Shipped.Value;
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.True(File.Exists(Path.Combine(outDir, "liaocheng-2025-calibrated.yaml")));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "calibration.json")));
        string console = Flat(outcome.Out);

        // High-tech enterprises: two stock levels give the average growth only; entries implied given the exit-rate assumption.
        var firms = Indicator(json, "hightech_enterprises");
        Assert.Equal("calibrated", firms.GetProperty("outcome").GetString());
        Assert.Contains(Warnings(firms), w => w.StartsWith("Liaocheng hightech_enterprises: two points (2015: 51, 2020: 268): average growth only (CAGR 39.35% a year); volatility from the prior", StringComparison.Ordinal));
        Assert.Contains(Warnings(firms), w => w.Contains("exit-rate assumption 'hightech_exit_rate' (not identified: kept as assumed)", StringComparison.Ordinal));
        Assert.Contains("two points (2015: 51, 2020: 268): average growth only", console, StringComparison.Ordinal);
        var entries = firms.GetProperty("drivers").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "hightech_new");
        Assert.StartsWith("lognormal(", entries.GetProperty("levelAfter").GetString(), StringComparison.Ordinal);
        Assert.False(firms.GetProperty("drivers").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "hightech_exit_rate").GetProperty("calibrated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, firms.GetProperty("backtest").ValueKind);
        Assert.StartsWith("not enough history", firms.GetProperty("backtestNote").GetString(), StringComparison.Ordinal);

        // High-tech output share: logit step 0.1422 from two points (plan L107), interval from the scenario's stated yearly sd.
        var share = Indicator(json, "hightech_output_share");
        var step = share.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "logit step");
        Assert.Equal(0.142191, step.GetProperty("estimate").GetDouble(), 6);
        Assert.Equal(0.05 / Math.Sqrt(5), step.GetProperty("standardError").GetDouble(), 9);

        // Science literacy: one own point; the step comes from the panel (China 2015-2020), and the warning says so.
        var literacy = Indicator(json, "science_literacy");
        Assert.Contains(Warnings(literacy), w => w.Contains("one point (2020): the logit step is not identified by the own series and is borrowed from the panel: China 2015-2020 (2 points)", StringComparison.Ordinal));
        Assert.Equal("China", literacy.GetProperty("panel")[0].GetProperty("region").GetString());

        // R&D intensity: one own point (2019); the ratio's drift is borrowed from the national series (China 2012-2020 in
        // public-history-to-2020.csv), and only the numerator is calibrated given the denominator's assumption.
        var intensity = Indicator(json, "rd_intensity");
        Assert.Equal("calibrated", intensity.GetProperty("outcome").GetString());
        Assert.Contains(Warnings(intensity), w => w.Contains("borrowed from the panel: China 2012-2020 (4 points)", StringComparison.Ordinal));
        Assert.Contains(Warnings(intensity), w => w.Contains("only the ratio's growth is identified", StringComparison.Ordinal));
        // Industrial R&D ratio: only the ratio's growth (Shandong) is identified; the numerator is calibrated given the denominator.
        Assert.Contains(Warnings(Indicator(json, "industrial_rd_ratio")), w => w.Contains("only the ratio's growth is identified", StringComparison.Ordinal));

        // Platforms: 111 in 2016-2020 (the scenario's history, plan L111) is 22.2 a year, Poisson interval [18.43, 26.74].
        var platforms = Indicator(json, "new_innovation_platforms");
        var rate = platforms.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "yearly rate");
        Assert.Equal(22.2, rate.GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(18.43, rate.GetProperty("lower95").GetDouble(), 2);
        Assert.Equal(26.74, rate.GetProperty("upper95").GetDouble(), 2);

        // Indicators without any history say so; nothing of them changes.
        Assert.Equal("no history", Indicator(json, "phds").GetProperty("outcome").GetString());
        Assert.Contains("No history for", console, StringComparison.Ordinal);
        Assert.Contains("not enough history", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedHistory_ReportsTheCandidateStructures_TheirWeightsAndWhy()
    {
        var (outcome, outDir) = await Shipped.Value;
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "calibration.json")));

        // 51 (2015) and 268 (2020): constant entries and growing entries both close the balance; the data cannot choose, so the
        // weights are the (equal) prior weights and the result says why, instead of picking one.
        var firms = Indicator(json, "hightech_enterprises").GetProperty("candidates");
        Assert.Equal("prior weights", firms.GetProperty("basis").GetString());
        Assert.Contains("two points (2015, 2020): every candidate passes through both", firms.GetProperty("why").GetString(), StringComparison.Ordinal);
        var structures = firms.GetProperty("structures").EnumerateArray().ToArray();
        Assert.Equal(new string?[] { "entries-constant", "entries-growing" }, structures.Select(x => x.GetProperty("structure").GetString()).ToArray());
        Assert.All(structures, x => Assert.Equal(0.5, x.GetProperty("weight").GetDouble(), 12));
        Assert.Contains(structures[1].GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "entries growth" && p.GetProperty("fromPrior").GetBoolean());
        var predictive = firms.GetProperty("predictive").EnumerateArray().ToArray();
        Assert.Equal([2021, 2022, 2023, 2024, 2025], predictive.Select(y => y.GetProperty("year").GetInt32()).ToArray());
        Assert.All(predictive, y => Assert.True(y.GetProperty("p5").GetDouble() < y.GetProperty("p50").GetDouble() && y.GetProperty("p50").GetDouble() < y.GetProperty("p95").GetDouble()));
        Assert.NotEmpty(firms.GetProperty("volatilityPrior").GetProperty("source").GetString()!);

        // The share: constant increments in points and logistic saturation; R&D intensity has one point and no panel: no candidates, said why.
        var share = Indicator(json, "hightech_output_share").GetProperty("candidates");
        Assert.Equal(new string?[] { "linear", "logistic" }, share.GetProperty("structures").EnumerateArray().Select(x => x.GetProperty("structure").GetString()).ToArray());
        var noCandidates = json.RootElement.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("candidates").ValueKind == JsonValueKind.Null && i.GetProperty("outcome").GetString() != "no history");
        Assert.All(noCandidates, i => Assert.NotEmpty(i.GetProperty("candidatesNote").GetString()!));

        string console = Flat(outcome.Out);
        Assert.Contains("Candidate structures (model uncertainty)", console, StringComparison.Ordinal);
        Assert.Contains("entries-growing: 50%", console, StringComparison.Ordinal);
        Assert.StartsWith("# Rolling-origin backtest of the candidate mixture", File.ReadAllText(Path.Combine(outDir, "backtest.md")), StringComparison.Ordinal);
        Assert.StartsWith("label,origin,year,value", File.ReadAllText(Path.Combine(outDir, "backtest-series.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalibratedScenario_IsAcceptedByRun_AndKeepsTheNotes()
    {
        var (outcome, outDir) = await Shipped.Value;
        Assert.Equal(0, outcome.ExitCode);
        string calibrated = Path.Combine(outDir, "liaocheng-2025-calibrated.yaml");
        Scenario scenario = ScenarioReader.Read(calibrated);
        Scenario shipped = ScenarioReader.Read(Liaocheng);
        Assert.Equal(shipped.Indicators.Count, scenario.Indicators.Count);
        var entries = scenario.Driver("hightech_new");
        Assert.IsType<LogNormalDistribution>(entries.Level);
        Assert.StartsWith(shipped.Driver("hightech_new").Note!, entries.Note, StringComparison.Ordinal);
        Assert.Contains("Calibrated from Liaocheng hightech_enterprises 2015-2020 (2 points)", entries.Note, StringComparison.Ordinal);
        Assert.Equal(shipped.Driver("gdp_growth"), scenario.Driver("gdp_growth") with { Changes = shipped.Driver("gdp_growth").Changes });

        string runDir = CliHarness.TempFolder();
        var run = await CliHarness.Run("run", calibrated, "--paths", "2000", "--out", runDir);
        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(runDir, "summary.json")));
        Assert.Equal("liaocheng-2025-calibrated", summary.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public async Task Plots_AreWrittenPerCoveredIndicator_AndNoPlotsSkipsThem()
    {
        var (outcome, outDir) = await Shipped.Value;
        Assert.Equal(0, outcome.ExitCode);
        string plot = Path.Combine(outDir, "plots", "hightech_enterprises.png");
        byte[] png = File.ReadAllBytes(plot);
        Assert.True(png.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.False(File.Exists(Path.Combine(outDir, "plots", "phds.png")));

        string noPlots = CliHarness.TempFolder();
        var quiet = await CliHarness.Run("calibrate", PlanHistory, "--scenario", Liaocheng, "--out", noPlots, "--no-plots", "--one-structure");
        Assert.Equal(0, quiet.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(noPlots, "plots")));
        Assert.True(File.Exists(Path.Combine(noPlots, "calibration.json")));
    }

    [Fact]
    public async Task LongSimulatedHistory_RecoversTheDriver_AndBacktests()
    {
        // 30 years of a compound indicator: ln x grows by g = 0.08 with yearly σ = 0.04; the growth driver's level
        // is exp(g + σ²/2) − 1 = 0.08408. The calibrated level's 95% interval must cover it, and the table shows the backtest.
        const double g = 0.08, sigma = 0.04;
        double truth = Math.Exp(g + sigma * sigma / 2) - 1;
        var rng = Xoshiro256StarStar.FromSeed(2021);
        var points = ScenarioCalibratorTests.RandomWalk(ref rng, Enumerable.Range(1991, 30).ToArray(), 1000, g, sigma);
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "simulated.csv");
        var text = new StringBuilder("year,spending\n");
        foreach (var (year, value) in points) text.Append(CultureInfo.InvariantCulture, $"{year},{value:R}\n");
        File.WriteAllText(csv, text.ToString());
        string yaml = Path.Combine(folder, "simulated.yaml");
        File.WriteAllText(yaml, string.Create(CultureInfo.InvariantCulture, $"""
            name: simulated
            drivers:
              - id: spending_growth
                level: {"{"}dist: normal, mean: 0.2, sd: 0.1{"}"}
                yearly: {"{"}kind: growth, sd: 0.1{"}"}
            indicators:
              - id: spending
                base: {"{"}year: 2020, value: {points[^1].Value:R}{"}"}
                model: {"{"}kind: compound, growth: spending_growth{"}"}
                target: {"{"}year: 2025, value: {2 * points[^1].Value:R}{"}"}
            """));
        string outDir = Path.Combine(folder, "out");

        var outcome = await CliHarness.Run("calibrate", csv, "--scenario", yaml, "--out", outDir, "--one-structure");

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Scenario calibrated = ScenarioReader.Read(Path.Combine(outDir, "simulated-calibrated.yaml"));
        Distribution level = calibrated.Driver("spending_growth").Level;
        Assert.True(level.Quantile(0.025) <= truth && truth <= level.Quantile(0.975), $"{level.Describe()} does not cover {truth}");
        Assert.Equal(YearlyVariationKind.Growth, calibrated.Driver("spending_growth").Yearly.Kind);
        Assert.InRange(calibrated.Driver("spending_growth").Yearly.Scale, 0.025, 0.06);
        string console = Flat(outcome.Out);
        Assert.Contains("MAPE", console, StringComparison.Ordinal);
        Assert.Contains("coverage 50%", console, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "calibration.json")));
        var backtest = Indicator(json, "spending").GetProperty("backtest");
        Assert.Equal(78, backtest.GetProperty("forecasts").GetInt32());
        Assert.InRange(backtest.GetProperty("coverage90").GetDouble(), 0.7, 1.0);
        Assert.Equal(JsonValueKind.Object, Indicator(json, "spending").GetProperty("modelChoice").ValueKind);

        // Thirty points: the candidates are weighted by their one-step-ahead log scores (28 scored years), and the series is backtested
        // against the naive benchmarks: 27 origins 1993-2019 with three or more points, 5 forecasts each up to 2015, then 4, 3, 2, 1: 125.
        var candidates = Indicator(json, "spending").GetProperty("candidates");
        Assert.Equal("one-step log score", candidates.GetProperty("basis").GetString());
        Assert.Contains("the 28 observation(s) from 1993 on", candidates.GetProperty("why").GetString(), StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(outDir, "backtest.md"));
        Assert.Contains("- spending: 30 points", report, StringComparison.Ordinal);
        Assert.Contains("| candidates (mixture) | all | 125 |", report, StringComparison.Ordinal);
        Assert.Contains("| random walk with drift | all | 125 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCsv_ExitsWith2_WithALocatedMessage_AndWritesNothing()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "bad.csv");
        File.WriteAllText(csv, "region,indicator,year,value\nLiaocheng,hightech_enterprises,2015,51\nLiaocheng,hightech_enterprises,2020,268%\n");
        string outDir = Path.Combine(folder, "out");

        var outcome = await CliHarness.Run("calibrate", csv, "--scenario", Liaocheng, "--out", outDir);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bad.csv:3: value: found '268%', which carries a % sign", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(folder, ".out.staging-*"));
    }

    [Fact]
    public async Task TwoFilesThatDisagree_ExitWith2()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "other.csv");
        File.WriteAllText(csv, "region,indicator,year,value\nLiaocheng,hightech_enterprises,2020,270\n");
        string outDir = Path.Combine(folder, "out");

        var outcome = await CliHarness.Run("calibrate", PlanHistory, csv, "--scenario", Liaocheng, "--out", outDir);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Liaocheng hightech_enterprises 2020 is 270 here but 268 in", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task MissingFileAndBadOption_ExitWith2()
    {
        var missing = await CliHarness.Run("calibrate", "no-such-history.csv", "--scenario", Liaocheng, "--out", CliHarness.TempFolder());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such-history.csv: found no such file", missing.Error, StringComparison.Ordinal);

        var badPrior = await CliHarness.Run("calibrate", PlanHistory, "--prior-volatility", "-0.1");
        Assert.Equal(2, badPrior.ExitCode);
        Assert.Contains("--prior-volatility must be a number of at least 0", badPrior.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PriorVolatilityOption_WidensTheTwoPointInterval()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("calibrate", PlanHistory, "--scenario", Liaocheng, "--out", outDir, "--no-plots", "--prior-volatility", "0.2", "--one-structure");
        Assert.Equal(0, outcome.ExitCode);
        Scenario calibrated = ScenarioReader.Read(Path.Combine(outDir, "liaocheng-2025-calibrated.yaml"));
        // Two points five years apart: the step's sd is σ/√5; the yearly sd becomes the stated prior.
        var step = Assert.IsType<NormalDistribution>(calibrated.Driver("hightech_share_step").Level);
        Assert.Equal(0.2 / Math.Sqrt(5), step.StdDev, 5);
        Assert.Equal(0.2, calibrated.Driver("hightech_share_step").Yearly.Scale);
    }
}

public class MixtureEmissionTests
{
    private static readonly string[] History =
    [
        RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv"),
        RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv"),
        RepositoryFiles.Path("scenarios", "history", "panel-to-2020.csv"),
    ];

    private static (Scenario Calibrated, ScenarioCalibration Calibration) Calibrate()
    {
        var template = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml"));
        var calibration = ScenarioCalibrator.Calibrate(template, Forecast.Runner.Calibration.HistoryFiles.Read(History), new ScenarioCalibrationOptions { Region = "Liaocheng" });
        return (calibration.Calibrated, calibration);
    }

    [Fact]
    public void EveryIndicatorWithCandidates_BecomesAMixtureOfThem_WithTheirWeightsAndBasis()
    {
        var (scenario, calibration) = Calibrate();
        foreach (var c in calibration.Indicators.Where(c => c.Candidates is { Candidates.Length: >= 2 }))
        {
            var mixture = Assert.IsType<MixtureModel>(scenario.Indicator(c.Indicator).Model);
            Assert.Equal(c.Candidates!.Candidates.Select(w => w.Fit.Structure.Describe()), mixture.Components.Select(m => m.Name));
            Assert.Equal(c.Candidates.Candidates.Select(w => w.Weight), mixture.Components.Select(m => m.Weight), (a, b) => Math.Abs(a - b) < 1e-12);
            Assert.Contains(c.Candidates.Why, mixture.Basis, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheCountOfNewEntries_FollowsItsStocksStructure_OnEveryPath()
    {
        // The stock and the "new in 2021-2025" count share one structure draw and the same entries drivers, so on every
        // path the new entries of the count are the stock's: Σ entries = N_2025 − N_2020 + exits, both from one structure.
        var (scenario, _) = Calibrate();
        var stock = Assert.IsType<MixtureModel>(scenario.Indicator("hightech_enterprises").Model);
        var count = Assert.IsType<MixtureModel>(scenario.Indicator("new_hightech_enterprises").Model);
        Assert.Equal(stock.Structure, count.Structure);
        Assert.Equal(stock.Components.Select(c => ((StockFlowModel)c.Model).Entries), count.Components.Select(c => ((CumulativeModel)c.Model).Driver));
        Assert.DoesNotContain(scenario.Drivers, d => d.Id == "hightech_new");
    }

    [Fact]
    public void GrowingEntries_KeepTheirLevelsCorrelationWithTheirRate()
    {
        var (scenario, calibration) = Calibrate();
        var fit = calibration.Indicators.Single(c => c.Indicator == "hightech_enterprises").Candidates!.Candidates
            .Single(w => w.Fit.Structure == CandidateStructure.StockFlowGrowingEntries).Fit;
        var kept = scenario.Correlations.Single(c => c.Scope == CorrelationScope.Levels && c.Second.EndsWith(".rate", StringComparison.Ordinal) && c.First.StartsWith("hightech_enterprises", StringComparison.Ordinal));
        Assert.Equal(fit.Correlations.Single().Rho, kept.Rho, 12);
        Assert.IsType<GrowingLevel>(scenario.Driver(kept.First).Trend);
    }
}
