using System.Text;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Robustness;

/// <summary>
/// Bad scenario files through the command line (<c>forecast run</c>): each gives exit code 2, one line per
/// problem with the file, line, column and field path, what was expected and what was found, and writes
/// nothing. The expected lines are pinned whole, so a change in wording or location shows here.
/// </summary>
public class BadScenarioInputTests
{
    /// <summary>A valid scenario with every model the edits below break; line numbers in the cases refer to it.</summary>
    internal const string Valid = """
        name: probe
        run: {paths: 2000, seed: 1}
        drivers:
          - id: g
            level: {dist: normal, mean: 0.1, sd: 0.02}
            yearly: {kind: growth, sd: 0.05}
          - id: h
            level: {dist: normal, mean: 0.05, sd: 0.01}
            yearly: {kind: growth, sd: 0.02}
          - id: step
            level: {dist: pert, min: 0.02, mode: 0.1, max: 0.2}
            yearly: {kind: normal, sd: 0.05}
          - id: new
            level: {dist: triangular, min: 40, mode: 60, max: 80}
            yearly: {kind: negbin, dispersion: 20}
          - id: exit
            level: {dist: beta, alpha: 2, beta: 38}
        correlations:
          - {drivers: [g, h], rho: 0.5}
        indicators:
          - id: x
            base: {year: 2020, value: 1}
            model: {kind: compound, growth: g}
            target: {year: 2025, value: 2}
          - id: y
            base: {year: 2020, value: 1.5}
            model: {kind: ratio, numerator: {growth: g}, denominator: {growth: h}}
            target: {year: 2025, value: 2}
          - id: s
            base: {year: 2020, value: 42}
            bounds: [0, 100]
            model: {kind: share, step: step}
            target: {year: 2025, value: 50}
          - id: firms
            base: {year: 2020, value: 268}
            model: {kind: stock-flow, entries: new, exits: exit}
            target: {year: 2025, value: 600}

        """;

    private const string Cycle = """
          - id: c1
            base: {year: 2020, value: 1}
            model: {kind: ratio, numerator: {indicator: c2}, denominator: {growth: h}}
            target: {year: 2025, value: 2}
          - id: c2
            base: {year: 2020, value: 1}
            model: {kind: ratio, numerator: {indicator: c1}, denominator: {growth: h}}
            target: {year: 2025, value: 2}

        """;

    /// <summary>(what is wrong, text to find in <see cref="Valid"/>, its replacement, the error line after the file name).</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "malformed YAML", "  - id: h\n", "  - id: h\n   bad: [\n",
            ":8:4: malformed YAML: While parsing a block collection, did not find expected '-' indicator." },
        { "tab in the indentation", "  - id: h\n", "\t- id: h\n",
            ":7:1: malformed YAML: a tab in the indentation; indent with spaces only" },
        { "duplicate key", "name: probe", "name: probe\nname: again",
            ":2:1: malformed YAML: the key 'name' is given twice in the same mapping; keep one" },
        { "YAML that stops the parser without a YAML error", "yearly: {kind: negbin, dispersion: 20}", "yearly: {kind: negbin,%YAML 1.2\ndispersion: 20}",
            ":15:26: malformed YAML near here: the parser cannot go on (look for a stray ':', '%', '@', '`' or an unclosed bracket on this line or the one before)" },
        { "lone colon after a list (YamlDotNet throws ArgumentException)", "", ": \n",
            ":39:1: malformed YAML near here: the parser cannot go on (look for a stray ':', '%', '@', '`' or an unclosed bracket on this line or the one before)" },
        { "unknown key", "level: {dist: normal, mean: 0.1, sd: 0.02}", "levle: {dist: normal, mean: 0.1, sd: 0.02}",
            ":5:5: drivers[0].levle: unknown key 'levle' (did you mean 'level'?); allowed here: id, name, level, yearly, changes, trend, note" },
        { "unknown top-level key", "run:", "rnu:",
            ":2:1: rnu: unknown key 'rnu' (did you mean 'run'?); allowed here: name, title, description, run, drivers, correlations, indicators, observed" },
        { "misspelt model kind", "kind: compound", "kind: compund",
            ":23:19: indicators[0].model.kind: expected one of compound, ratio, share, stock-flow, cumulative, flow, linear, mixture, found 'compund' (did you mean 'compound'?)" },
        { "parameter of another distribution", "{dist: normal, mean: 0.1, sd: 0.02}", "{dist: normal, mean: 0.1, sigma: 0.02}",
            ":5:45: drivers[0].level.sigma: 'sigma' is not a parameter of the normal distribution; it takes mean, sd" },
        { "duplicate indicator id", "  - id: y\n", "  - id: x\n",
            ":25:5: indicators[1].id: duplicate indicator id 'x' (first used by indicators[0])" },
        { "duplicate driver id", "  - id: h\n", "  - id: g\n",
            ":7:5: drivers[1].id: duplicate driver id 'g' (first used by drivers[0])" },
        { "driver referenced but not defined", "growth: g}\n    target: {year: 2025, value: 2}\n  - id: y", "growth: gg}\n    target: {year: 2025, value: 2}\n  - id: y",
            ":23:29: indicators[0].model.growth: driver 'gg' is not defined (did you mean 'g'?)" },
        { "indicator referenced but not defined", "numerator: {growth: g}", "numerator: {indicator: xx}",
            ":27:38: indicators[1].model.numerator.indicator: indicator 'xx' is not defined (did you mean 'x'?)" },
        { "dependency cycle", "", Cycle,
            ":40:5: indicators[4].model: dependency cycle between indicators: c1 -> c2 -> c1" },
        { "NaN", "mean: 0.1, sd: 0.02", "mean: .nan, sd: 0.02",
            ":5:33: drivers[0].level.mean: expected a finite number, found '.nan' (not a number)" },
        { "infinity", "mean: 0.1, sd: 0.02", "mean: 0.1, sd: .inf",
            ":5:42: drivers[0].level.sd: expected a finite number, found '.inf' (infinite)" },
        { "negative infinity", "target: {year: 2025, value: 2}\n  - id: y", "target: {year: 2025, value: -.inf}\n  - id: y",
            ":24:33: indicators[0].target.value: expected a finite number, found '-.inf' (infinite)" },
        { "number with a decimal comma", "mean: 0.1, sd", "mean: \"0,1\", sd",
            ":5:33: drivers[0].level.mean: expected a number, found '0,1': a decimal comma; write 0.1 (a decimal point, not a comma)" },
        { "number with thousands separators", "mean: 0.1, sd", "mean: \"1,234\", sd",
            ":5:33: drivers[0].level.mean: expected a number, found '1,234': write numbers without thousands separators and with a decimal point (1234.5, not 1,234.5 or 1234,5)" },
        { "percentage for a rate", "mean: 0.1, sd", "mean: 10%, sd",
            ":5:33: drivers[0].level.mean: expected a number, found '10%': write rates as fractions (0.12 for 12%)" },
        { "text for a number", "value: 268}", "value: many}",
            ":35:31: indicators[3].base.value: expected a number, found 'many'" },
        { "zero base for compound growth", "base: {year: 2020, value: 1}", "base: {year: 2020, value: 0}",
            ":22:24: indicators[0].base.value: compound growth needs a base value above 0, not 0" },
        { "negative base for compound growth", "base: {year: 2020, value: 1}", "base: {year: 2020, value: -3}",
            ":22:24: indicators[0].base.value: compound growth needs a base value above 0, not -3" },
        { "share base outside its bounds", "value: 42}", "value: 142}",
            ":30:24: indicators[2].base.value: the base value 142 lies outside the bounds [0, 100]" },
        { "share base on its bound", "value: 42}", "value: 100}",
            ":30:24: indicators[2].base.value: a bounded share needs a base value strictly inside its bounds [0, 100], not 100" },
        { "share target outside its bounds", "value: 50}", "value: 150}",
            ":33:26: indicators[2].target.value: the target 150 lies outside the bounds [0, 100]" },
        { "inverted bounds", "bounds: [0, 100]", "bounds: [100, 0]",
            ":31:5: indicators[2].bounds: bounds must be two finite numbers, lower below upper, not [100, 0]" },
        { "target year before the base year", "target: {year: 2025, value: 2}\n  - id: y", "target: {year: 2019, value: 2}\n  - id: y",
            ":24:14: indicators[0].target.year: the target year (2019) must come after the base year (2020)" },
        { "negative standard deviation", "sd: 0.02}", "sd: -0.02}",
            ":5:38: drivers[0].level.sd: sd must be at least 0, not -0.02" },
        { "negative yearly standard deviation", "yearly: {kind: growth, sd: 0.05}", "yearly: {kind: growth, sd: -0.05}",
            ":6:28: drivers[0].yearly.sd: sd must be at least 0, not -0.05" },
        { "PERT with min above mode", "min: 0.02, mode: 0.1, max: 0.2", "min: 0.3, mode: 0.1, max: 0.2",
            ":11:12: drivers[2].level: a PERT distribution needs min ≤ mode ≤ max and min < max, found min 0.3, mode 0.1, max 0.2" },
        { "PERT with an empty range", "min: 0.02, mode: 0.1, max: 0.2", "min: 0.1, mode: 0.1, max: 0.1",
            ":11:12: drivers[2].level: a PERT distribution needs min ≤ mode ≤ max and min < max, found min 0.1, mode 0.1, max 0.1" },
        { "Beta with alpha 0", "alpha: 2, beta: 38", "alpha: 0, beta: 38",
            ":17:25: drivers[4].level.alpha: alpha must be greater than 0, not 0" },
        { "Beta with min above max", "alpha: 2, beta: 38", "alpha: 2, beta: 38, min: 1, max: 0",
            ":17:45: drivers[4].level.min: min (1) must be less than max (0)" },
        { "triangular with min above mode", "min: 40, mode: 60, max: 80", "min: 70, mode: 60, max: 80",
            ":14:31: drivers[3].level.min: min (70) must not exceed mode (60)" },
        { "negative binomial with dispersion 0", "dispersion: 20", "dispersion: 0",
            ":15:28: drivers[3].yearly.dispersion: dispersion must be greater than 0, not 0" },
        { "correlation above 1", "rho: 0.5", "rho: 1.5",
            ":19:23: correlations[0].rho: a correlation must lie in [-1, 1], not 1.5" },
        { "asymmetric correlation", "rho: 0.5}", "rho: 0.5}\n  - {drivers: [h, g], rho: 0.3}",
            ":20:5: correlations[1]: the correlation of 'h' and 'g' is given twice with different values (see correlations[0]): the matrix would not be symmetric" },
        { "correlation matrix not PSD", "rho: 0.5}", "rho: 0.9}\n  - {drivers: [g, step], rho: 0.9}\n  - {drivers: [h, step], rho: -0.9}",
            ":18:1: correlations: the correlation matrix is not positive semi-definite (smallest eigenvalue -0.8): no set of drivers can have these correlations together; lower the conflicting values, or let --repair-correlations use the nearest correlation matrix (NearestCorrelation.Repair)" },
        { "correlation of an undefined driver", "drivers: [g, h]", "drivers: [g, hh]",
            ":19:5: correlations[0]: driver 'hh' is not defined (did you mean 'h'?)" },
        { "driver correlated with itself", "drivers: [g, h]", "drivers: [g, g]",
            ":19:5: correlations[0]: a driver cannot be correlated with itself ('g')" },
        { "zero paths", "paths: 2000", "paths: 0",
            ":2:7: run.paths: the number of paths must be at least 1, not 0" },
        { "negative paths", "paths: 2000", "paths: -5",
            ":2:7: run.paths: the number of paths must be at least 1, not -5" },
        { "fractional stock", "value: 268}", "value: 268.5}",
            ":35:24: indicators[3].base.value: a stock-flow count needs a whole, non-negative base value, not 268.5" },
        { "capacity below the stock", "exits: exit}", "exits: exit, capacity: 100}",
            ":36:58: indicators[3].model.capacity: the capacity (100) must be at least the base value (268)" },
        { "missing target", "    target: {year: 2025, value: 2}\n  - id: y", "  - id: y",
            ":21:5: indicators[0].target: missing required key 'target'" },
        { "empty list entry", "  - id: h\n", "  -\n  - id: h\n",
            ":7:4: drivers[1]: expected a mapping with keys (id, name, level, yearly, changes, trend, note), found nothing" },
        { "two documents", "", "---\nname: other\n",
            ":39: the file holds more than one YAML document; keep one scenario per file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadScenario_ExitsWithTwo_WithFileLineColumnFieldAndMessage_AndWritesNothing(string problem, string find, string replace, string expected)
    {
        Assert.False(string.IsNullOrEmpty(problem));
        string text = find.Length == 0 ? Valid + replace : ReplaceOnce(Valid, find, replace);
        var run = await RunOn(Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains("  " + run.File + expected + Environment.NewLine, run.Outcome.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written." + Environment.NewLine, run.Outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.OutDir));
        Assert.Empty(run.Outcome.Out);
    }

    [Fact]
    public async Task ValidScenario_RunsAndWritesItsFiles()
    {
        // The baseline of the cases above: without the edit the same file runs.
        var run = await RunOn(Encoding.UTF8.GetBytes(Valid));
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(run.OutDir, "summary.json")));
    }

    [Fact]
    public async Task MisspeltKey_IsReportedOnce_NotAlsoAsAMissingKey()
    {
        var run = await RunOn(Encoding.UTF8.GetBytes(ReplaceOnce(Valid, "level: {dist: normal, mean: 0.1", "levle: {dist: normal, mean: 0.1")));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.StartsWith("error: the input cannot be used:" + Environment.NewLine, run.Outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("missing required key 'level'", run.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralProblems_AreAllReported_EachOnItsOwnLine()
    {
        string text = ReplaceOnce(ReplaceOnce(Valid, "sd: 0.02}", "sd: -0.02}"), "rho: 0.5", "rho: 1.5");
        var run = await RunOn(Encoding.UTF8.GetBytes(text));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains("error: the input cannot be used (2 problems):", run.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains(run.File + ":5:38: drivers[0].level.sd: sd must be at least 0, not -0.02", run.Outcome.Error, StringComparison.Ordinal);
        Assert.Contains(run.File + ":19:23: correlations[0].rho: a correlation must lie in [-1, 1], not 1.5", run.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndicatorsYearsFarApart_AreRefused_BeforeTheEngineAllocatesAYearlyGridForMillennia()
    {
        // One indicator from 2020 to 2025, another from 20200 to 20205 (a typo): each is fine alone, together they
        // would make every indicator run for 18,185 years.
        string text = ReplaceOnce(Valid, "base: {year: 2020, value: 268}", "base: {year: 20200, value: 268}");
        text = ReplaceOnce(text, "target: {year: 2025, value: 600}", "target: {year: 20205, value: 600}");
        var run = await RunOn(Encoding.UTF8.GetBytes(text));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains(run.File + ":37:14: indicators[3].target.year: the scenario would span 18185 years, from 2020 (indicators[0].base.year) to 20205; all base and target years must lie within 100 years of each other",
            run.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_ExitsWithTwo_AndSaysItDoesNotExist()
    {
        string outDir = CliHarness.TempFolder();
        string file = Path.Combine(CliHarness.TempFolder(), "nowhere.yaml");
        var outcome = await CliHarness.Run("run", file, "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"  {file}: the scenario file does not exist (its folder is missing)", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n   \n")]
    [InlineData("\uFEFF")]
    public async Task EmptyFile_ExitsWithTwo_AndSaysItIsEmpty(string content)
    {
        var run = await RunOn(Encoding.UTF8.GetBytes(content));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains($"  {run.File}: the scenario file is empty", run.Outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.OutDir));
    }

    [Fact]
    public async Task CommentOnlyFile_ExitsWithTwo_AndSaysThereIsNoScenario()
    {
        var run = await RunOn(Encoding.UTF8.GetBytes("# a scenario will go here\n"));
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains($"  {run.File}:1: expected a scenario (name, drivers, indicators), found no YAML content (only comments or blank lines)", run.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableFile_AFolderGivenAsTheFile_ExitsWithTwo()
    {
        // Tests may run as root, where chmod 000 does not stop reading; a folder is unreadable as a file for everyone.
        string folder = CliHarness.TempFolder() + ".yaml";
        Directory.CreateDirectory(folder);
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", folder, "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"  {folder}: expected a scenario file, found a folder", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task NonUtf8File_ExitsWithTwo_NamingLineColumnAndByte()
    {
        // "title: 聊城" in GBK on line 2: 聊 is 0xC1 0xC4, not UTF-8.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("name: probe\ntitle: "), 0xC1, 0xC4, 0xB3, 0xC7, (byte)'\n'];
        var run = await RunOn(bytes);
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains($"  {run.File}:2:8: the scenario file is not valid UTF-8 (byte 0xC1 at offset 19, perhaps GBK or another legacy encoding); save it as UTF-8",
            run.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonUtf8AfterAByteOrderMark_IsLocatedByCharacters()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: 聊城\ntitle: é"), 0xFF, (byte)'\n'];
        var run = await RunOn(bytes);
        Assert.Equal(2, run.Outcome.ExitCode);
        Assert.Contains($"  {run.File}:2:9: the scenario file is not valid UTF-8 (byte 0xFF at offset 25", run.Outcome.Error, StringComparison.Ordinal);
    }

    internal static string ReplaceOnce(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the scenario");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    internal sealed record Run(CliHarness.Outcome Outcome, string File, string OutDir);

    /// <summary>Writes the bytes to a new scenario file and runs it into a new output folder.</summary>
    internal static async Task<Run> RunOn(byte[] bytes, params string[] extra)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "scenario.yaml");
        await File.WriteAllBytesAsync(file, bytes);
        string outDir = Path.Combine(folder, "out");
        var outcome = await CliHarness.Run(["run", file, "--out", outDir, .. extra]);
        return new Run(outcome, file, outDir);
    }
}
