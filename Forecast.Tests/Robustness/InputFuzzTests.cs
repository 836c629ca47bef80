using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Forecast.Scenarios.History;
using Forecast.Scenarios;
using Xunit.Abstractions;

namespace Forecast.Tests.Robustness;

/// <summary>
/// Thousands of mutated scenario files and history CSV files (seeded, so every run feeds the same ones):
/// each is either read or refused with errors that say where (a file name, and a line ≥ 1 or a field
/// path) and what; no other exception ever escapes. Mutations: delete, duplicate or swap lines, flip
/// characters, numbers to NaN/infinite/huge/negative/grouped, broken indentation, tabs, YAML anchors and
/// tags, stray Unicode (NUL, BOM, no-break space, full-width colon), truncation; for CSV also raw bytes
/// that are not UTF-8.
/// </summary>
public partial class InputFuzzTests(ITestOutputHelper output)
{
    private const int ScenarioMutations = 3000;
    private const int CsvMutations = 3000;

    private static readonly string[] Numbers =
        [".nan", ".NaN", ".inf", "-.inf", "1e309", "-1e308", "1e300", "99999999999999999999", "-5", "0", "-0", "0x1F", "1_000", "NaN",
         "''", "~", "null", "1,5", "1,234.5", "12%", "+3", "2e-320"];
    private static readonly string[] Inserts =
        ["\t", "\0", "\uFEFF", "\u00A0", "\uFF1A", "聊", "\r", "\u2028", ": ", "- ", "{", "}", "[", "]", ",", "#", "\"", "'", "&a ", "*a", "!!str ",
         "? ", "---\n", "...\n", "%YAML 1.2\n", "<<: *a\n", "|\n", ">\n", "@", "`"];

    [Fact]
    public void MutatedScenarioFiles_EitherParseOrFailWithLocatedInputErrors_NeverAnotherException()
    {
        var seeds = new List<(string Name, string Text)>
        {
            ("liaocheng-2025.yaml", File.ReadAllText(RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml"))),
            ("probe.yaml", BadScenarioInputTests.Valid),
        };
        int g = 0;
        foreach (var scenario in ScenarioGenerators.Scenario.Sample(8, new Rnd(20220214), 8))
            seeds.Add(($"generated-{g++}.yaml", GeneratedScenarioText.Write(scenario)));
        foreach (var (name, text) in seeds) ScenarioReader.Parse(name, text); // every seed is valid as it stands

        var random = new Random(20220214);
        int parsed = 0, refused = 0;
        var escaped = new List<string>();
        for (int n = 0; n < ScenarioMutations; n++)
        {
            var (name, text) = seeds[n % seeds.Count];
            string mutated = MutateText(text, random);
            try
            {
                ScenarioReader.Parse(name, mutated);
                parsed++;
            }
            catch (InputException e)
            {
                refused++;
                Assert.NotEmpty(e.Errors);
                foreach (var error in e.Errors)
                {
                    Assert.True(error.File == name && (error.Line >= 1 || error.Field.Length > 0) && error.Column >= 0 && !string.IsNullOrWhiteSpace(error.Message),
                        $"an error without a location or message: '{error}' for\n{mutated}");
                }
            }
            catch (Exception e)
            {
                // Whatever else escapes is the finding: keep it with the input that caused it.
                escaped.Add($"{e.GetType().Name}: {e.Message} {e.StackTrace} for\n{mutated}");
            }
        }
        output.WriteLine($"{parsed} mutated scenario files parsed, {refused} refused with located errors");
        Assert.True(escaped.Count == 0, $"{escaped.Count} inputs raised an exception other than InputException; the first:\n{escaped.FirstOrDefault()}");
        Assert.True(refused > ScenarioMutations / 2 && parsed > 0, $"{parsed} parsed, {refused} refused: the mutations should mostly break the files, and not all");
    }

    [Fact]
    public void MutatedHistoryCsvFiles_EitherReadOrReportLocatedErrors_NeverThrow()
    {
        var seeds = new List<(string Name, byte[] Bytes)>
        {
            ("public-history-to-2020.csv", File.ReadAllBytes(RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv"))),
            ("liaocheng-plan-history.csv", File.ReadAllBytes(RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv"))),
            ("wide.csv", Encoding.UTF8.GetBytes("year,region,hightech_enterprises,tech_smes,rd_intensity\n2015,Liaocheng,51,,\n2019,Liaocheng,,,1.87\n2020,Liaocheng,268,303,\n")),
        };
        foreach (var (name, bytes) in seeds) Assert.True(HistoryCsvReader.Parse(bytes, name).IsSuccess, name);

        var random = new Random(20220214);
        int read = 0, refused = 0;
        var escaped = new List<string>();
        for (int n = 0; n < CsvMutations; n++)
        {
            var (name, seed) = seeds[n % seeds.Count];
            byte[] mutated = random.Next(4) == 0
                ? MutateBytes(seed, random)
                : Encoding.UTF8.GetBytes(MutateCsv(Encoding.UTF8.GetString(seed), random));
            HistoryReadResult result;
            try
            {
                result = HistoryCsvReader.Parse(mutated, name);
            }
            catch (Exception e)
            {
                escaped.Add($"{e.GetType().Name}: {e.Message} for\n{Encoding.UTF8.GetString(mutated)}");
                continue;
            }
            if (result.IsSuccess)
            {
                read++;
                Assert.Empty(result.Errors);
                continue;
            }
            refused++;
            Assert.NotEmpty(result.Errors);
            foreach (var error in result.Errors)
            {
                // Line 0 is the whole file (empty, UTF-16, no header): then it is the only error.
                bool located = error.Line >= 1 || error.Column is not null || result.Errors.Length == 1;
                Assert.True(error.File == name && located && !string.IsNullOrWhiteSpace(error.Found) && !string.IsNullOrWhiteSpace(error.Expected)
                    && error.Message.StartsWith(name, StringComparison.Ordinal),
                    $"an error without a location or message: '{error}' for\n{Encoding.UTF8.GetString(mutated)}");
            }
        }
        output.WriteLine($"{read} mutated CSV files read, {refused} refused with located errors");
        Assert.True(escaped.Count == 0, $"{escaped.Count} inputs raised an exception; the first:\n{escaped.FirstOrDefault()}");
        Assert.True(refused > CsvMutations / 2 && read > 0, $"{read} read, {refused} refused");
    }

    /// <summary>One to three mutations of a text file's lines and characters.</summary>
    private static string MutateText(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int count = 1 + random.Next(3);
        for (int m = 0; m < count && lines.Count > 0; m++)
        {
            int i = random.Next(lines.Count);
            switch (random.Next(11))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[i]); break;
                case 2:
                    int j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 3: lines[i] = Flip(lines[i], random); break;
                case 4: lines[i] = ReplaceNumber(lines[i], random); break;
                case 5:
                    int spaces = 1 + random.Next(3);
                    lines[i] = random.Next(2) == 0 ? new string(' ', spaces) + lines[i] : lines[i].TrimStart().PadLeft(Math.Max(0, lines[i].Length - spaces));
                    break;
                case 6: lines[i] = lines[i].Insert(random.Next(lines[i].Length + 1), "\t"); break;
                case 7: lines[i] = lines[i].Insert(random.Next(lines[i].Length + 1), Inserts[random.Next(Inserts.Length)]); break;
                case 8:
                    string joined = string.Join('\n', lines);
                    return joined[..random.Next(joined.Length + 1)];
                case 9: lines[i] = Word().Replace(lines[i], w => random.Next(3) == 0 ? w.Value + "x" : w.Value, 1); break;
                default: lines[i] = lines[i].Replace(": ", random.Next(2) == 0 ? ":" : ":  ", StringComparison.Ordinal); break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>Mutations of a CSV: the text mutations plus cells turned into ambiguous or malformed numbers.</summary>
    private static string MutateCsv(string text, Random random)
    {
        if (random.Next(3) != 0) return MutateText(text, random);
        var lines = text.Split('\n');
        int i = random.Next(lines.Length);
        string[] cells = ["1,234", "\"1,234\"", "\"1.234,5\"", "1.234", "NaN", "", "1 234", "12%", "--1", "1e999", "\"2,374\"", "2020.0", "20x7", "\"\"\"", "\"open"];
        lines[i] = Number().Replace(lines[i], _ => cells[random.Next(cells.Length)], 1);
        return string.Join('\n', lines);
    }

    /// <summary>Raw byte damage: bytes that are not UTF-8, a UTF-16 mark, deletions, truncation.</summary>
    private static byte[] MutateBytes(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        switch (random.Next(4))
        {
            case 0: list.Insert(random.Next(list.Count + 1), (byte)random.Next(0x80, 0x100)); break;
            case 1: list.InsertRange(0, new byte[] { 0xFF, 0xFE }); break;
            case 2:
                int at = random.Next(list.Count);
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(8)));
                break;
            default: list = list.Take(random.Next(list.Count + 1)).ToList(); break;
        }
        return [.. list];
    }

    private static string Flip(string line, Random random)
    {
        if (line.Length == 0) return Inserts[random.Next(Inserts.Length)];
        int at = random.Next(line.Length);
        string replacement = Inserts[random.Next(Inserts.Length)];
        return string.Concat(line.AsSpan(0, at), replacement, line.AsSpan(at + 1));
    }

    private static string ReplaceNumber(string line, Random random) =>
        Number().Replace(line, _ => Numbers[random.Next(Numbers.Length)], 1);

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
