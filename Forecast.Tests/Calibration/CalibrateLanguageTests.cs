using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Scenarios;
using Forecast.Scenarios.History;
using Forecast.Tests.Runner;
using static Forecast.Tests.Runner.AnalysisLanguageTests;

namespace Forecast.Tests.Calibration;

/// <summary>
/// The files calibrate writes, in the language asked for, on the shipped history (the baseline's own inputs, the panel
/// included, so that pooling, the growth regression and every candidate structure speak): with <c>--lang zh</c> the prose a
/// person reads in calibration.json, the calibrated scenario's header comments, notes and mixture bases, and backtest.md have
/// no English word outside the names that stay as they are (<see cref="AnalysisLanguageTests.Allowed"/>, the ids, regions and
/// indicators of the files); with <c>--lang en</c> they have no Chinese. What is quoted from the user's files (the history's and
/// the scenario's sources, the template's own notes) is in its author's language and is taken out first. That English stays
/// byte for byte as it was is BaselineDerivationTests' and ReadmeBacktestTests' business.
/// </summary>
public sealed class CalibrateLanguageTests
{
    private static readonly string Template = RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml");
    private static readonly string[] History =
    [
        RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv"),
        RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv"),
        RepositoryFiles.Path("scenarios", "history", "panel-to-2020.csv"),
    ];

    /// <summary>
    /// calibration.json's properties whose values are ids, names or numbers a program reads (structure and parameter names are
    /// the ids the scenario file and the console's translations key on), or text quoted from the user's files.
    /// </summary>
    private static readonly HashSet<string> IdProperties = new(StringComparer.Ordinal)
    {
        "baseScenario", "baseScenarioFile", "calibratedScenario", "calibratedScenarioFile", "history", "region", "id", "nameZh", "nameEn",
        "model", "outcome", "structure", "name", "driver", "role", "quantity", "kind", "series", "label", "indicator", "source", "unusedSeries",
        "bestByAic", "bestByBic", "levelBefore", "levelAfter", "yearlyBefore", "yearlyAfter", "distribution", "first", "second",
    };

    /// <summary>Words of the distributions' own notation (normal(mean, sd), lognormal(mu, sigma), pert, beta) and Greek letters written out.</summary>
    private static readonly string[] Notation = ["normal", "lognormal", "mean", "mu", "sigma", "tau", "rho", "alpha", "beta", "phi", "infinity", "Student", "NB2", "Levenberg", "Marquardt", "Cameron", "Trivedi", "GrowthPrior", "sqrt"];

    private static async Task<string> Calibrate(string language)
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run(["calibrate", .. History, "--scenario", Template, "--out", outDir, "--no-plots", "--force", "--lang", language]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return outDir;
    }

    /// <summary>The names that stay as they are, and what the user's files say in their own words, longest first.</summary>
    private static (List<string> Names, List<string> Quoted) FromTheFiles()
    {
        var panel = History.SelectMany(f => HistoryCsvReader.Read(f).PanelOrThrow().Series).ToList();
        Scenario template = ScenarioReader.Read(Template);
        var names = Names().Concat(panel.SelectMany(s => new[] { s.Indicator, s.Region ?? "" }).SelectMany(n => n.Split('-', '_', ' ')))
            .Concat(template.Indicators.Select(i => i.Id)).Concat(template.Drivers.Select(d => d.Id)).Concat(Notation)
            .Concat(template.Indicators.SelectMany(i => i.Model.KindName.Split('-'))).ToList();
        var quoted = panel.SelectMany(s => s.Observations).Select(o => o.Source)
            .Concat(template.Indicators.SelectMany(i => i.HistoryPoints).Select(h => h.Source))
            .Concat(template.Indicators.Select(i => i.Note)).Concat(template.Drivers.Select(d => d.Note))
            .OfType<string>().Where(q => q.Length > 0).Distinct().OrderByDescending(q => q.Length).ToList();
        return (names, quoted);
    }

    private static string Unquoted(string text, IEnumerable<string> quoted)
    {
        foreach (string q in quoted) text = text.Replace(q, "", StringComparison.Ordinal);
        return text;
    }

    /// <summary>Every string value of the JSON outside <see cref="IdProperties"/>, with the property it stands under.</summary>
    private static IEnumerable<(string Property, string Text)> Prose(JsonElement e, string property = "")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                    if (!IdProperties.Contains(p.Name))
                        foreach (var x in Prose(p.Value, p.Name)) yield return x;
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in e.EnumerateArray())
                    foreach (var x in Prose(item, property)) yield return x;
                break;
            case JsonValueKind.String:
                yield return (property, e.GetString()!);
                break;
        }
    }

    /// <summary>What calibrate wrote into the scenario in words: header comments, and each note and mixture basis less the template's own note.</summary>
    private static List<string> ScenarioProse(string outDir)
    {
        string file = Directory.GetFiles(outDir, "*.yaml").Single();
        var texts = File.ReadAllLines(file).Where(l => l.StartsWith('#')).ToList();
        Scenario calibrated = ScenarioReader.Read(file);
        texts.AddRange(calibrated.Drivers.Select(d => d.Note).Concat(calibrated.Indicators.Select(i => i.Note)).OfType<string>());
        texts.AddRange(calibrated.Indicators.Select(i => i.Model).OfType<MixtureModel>().Select(m => m.Basis).OfType<string>());
        return texts;
    }

    [Fact]
    public async Task Calibrate_InChinese_FilesAPersonReads_HaveNoEnglishSentences()
    {
        string outDir = await Calibrate("zh");
        var (names, quoted) = FromTheFiles();

        string jsonText = File.ReadAllText(Path.Combine(outDir, "calibration.json"));
        Assert.Contains("可识别", jsonText, StringComparison.Ordinal); // written as characters, not \u escapes
        using var json = JsonDocument.Parse(jsonText);
        var prose = Prose(json.RootElement).ToList();
        foreach (string property in new[] { "summary", "explanation", "meaning", "note", "why", "warnings", "candidatesNote", "betweenRegionSource", "method", "dataSource" })
            Assert.Contains(prose, p => p.Property == property && HasCjk(p.Text));
        var strayJson = prose.Select(p => (p.Property, Words: Stray(Unquoted(p.Text, quoted), names))).Where(p => p.Words.Count > 0).ToList();
        Assert.True(strayJson.Count == 0, string.Join("\n", strayJson.Select(p => p.Property + ": " + string.Join(" ", p.Words))));

        var scenario = ScenarioProse(outDir);
        Assert.Contains(scenario, t => t.StartsWith('#') && t.Contains("由 `forecast calibrate` 依据历史数据校准", StringComparison.Ordinal));
        Assert.Contains(scenario, t => t.Contains("依据", StringComparison.Ordinal) && t.Contains("校准", StringComparison.Ordinal));
        // The header names the input files and the command (forecast calibrate) and calibration.json; the notes are the field "note".
        string[] files = [Template, .. History];
        var strayYaml = scenario.Select(t => Stray(Unquoted(Unquoted(t, files), quoted), names.Concat(["note", "calibrate", "calibration"])))
            .Where(w => w.Count > 0).ToList();
        Assert.True(strayYaml.Count == 0, string.Join("\n", strayYaml.Select(w => string.Join(" ", w))));

        string backtest = File.ReadAllText(Path.Combine(outDir, "backtest.md"));
        Assert.Contains("| 方法 |", backtest, StringComparison.Ordinal);
        Assert.Empty(Stray(backtest, names.Append("calibrate")));
    }

    [Fact]
    public async Task Calibrate_InEnglish_FilesAPersonReads_HaveNoChinese()
    {
        string outDir = await Calibrate("en");
        var (_, quoted) = FromTheFiles();

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "calibration.json")));
        var chinese = Prose(json.RootElement).Where(p => HasCjk(Unquoted(p.Text, quoted))).ToList();
        Assert.True(chinese.Count == 0, string.Join("\n", chinese.Select(p => p.Property + ": " + p.Text)));
        Assert.DoesNotContain(ScenarioProse(outDir), t => HasCjk(Unquoted(t, quoted)));
        string backtest = File.ReadAllText(Path.Combine(outDir, "backtest.md"));
        Assert.False(HasCjk(backtest), backtest);
        Assert.StartsWith("# Rolling-origin backtest of the candidate mixture", backtest, StringComparison.Ordinal);
    }
}
