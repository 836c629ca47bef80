namespace Forecast.Tests.Runner;

/// <summary>run's table on consoles of 80 and 120 columns: it fits, and no word is broken to make it fit.</summary>
public sealed class ConsoleWidthTests
{
    private static readonly string Scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    /// <summary>The table's lines (between its top and bottom borders).</summary>
    private static List<string> TableLines(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int top = lines.FindIndex(l => l.StartsWith('╭')), bottom = lines.FindIndex(l => l.StartsWith('╰'));
        Assert.True(top >= 0 && bottom > top, "no table in the output:\n" + output);
        return lines.GetRange(top, bottom - top + 1);
    }

    /// <summary>Every whitespace-separated token inside the table's cells.</summary>
    private static HashSet<string> Tokens(IEnumerable<string> table) =>
        table.SelectMany(l => l.Split('│', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(cell => cell.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => !t.All(c => c is '─' or '┼' or '├' or '┤' or '╭' or '╮' or '╰' or '╯' or '┬' or '┴'))
            .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task CompactTable_FitsTheConsole_WithoutBreakingAWord(int width)
    {
        var roomy = await CliHarness.RunAtWidth(400, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        var narrow = await CliHarness.RunAtWidth(width, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        Assert.Equal(0, narrow.ExitCode);
        var table = TableLines(narrow.Out);
        Assert.All(table, line => Assert.True(line.Length <= width, $"{line.Length} columns: {line}"));
        // Unbroken words are words of the same table laid out with room to spare; a fragment of a broken word is not.
        // (The rows only: the narrow header joins two headings.)
        static IEnumerable<string> Rows(List<string> lines) => lines.Skip(lines.FindIndex(l => l.StartsWith('├')) + 1);
        var whole = Tokens(Rows(TableLines(roomy.Out)));
        var fragments = Tokens(Rows(table)).Where(t => !whole.Contains(t)).ToList();
        Assert.True(fragments.Count == 0, $"words broken at {width} columns: {string.Join(", ", fragments)}\n{string.Join('\n', table)}");
        Assert.Contains("High-tech enterprises", roomy.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompactTable_At120Columns_TakesAtMostTwoLinesPerRow_AndWideAddsTheBase()
    {
        var compact = await CliHarness.RunAtWidth(120, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        var table = TableLines(compact.Out);
        int rows = table.Count(l => l.Contains("%/yr", StringComparison.Ordinal) || l.Contains("/yr ", StringComparison.Ordinal));
        Assert.True(table.Count - 4 <= 2 * 26 + 1, $"{table.Count} lines for 26 targets:\n{string.Join('\n', table)}");
        Assert.True(rows >= 26, $"{rows} rows with a probability");
        Assert.DoesNotContain("Base", table[1], StringComparison.Ordinal);
        Assert.Contains("--wide", compact.Out, StringComparison.Ordinal);

        var wide = await CliHarness.RunAtWidth(240, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--wide", "--out", CliHarness.TempFolder());
        var full = TableLines(wide.Out);
        Assert.Contains("Base", full[1], StringComparison.Ordinal);
        Assert.Contains("Required / history", full[1], StringComparison.Ordinal);
        Assert.Contains("(% of GDP)", wide.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChineseCompactTable_FitsIn120Columns()
    {
        var zh = await CliHarness.RunAtWidth(120, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "zh", "--out", CliHarness.TempFolder());
        Assert.Equal(0, zh.ExitCode);
        // A CJK character takes two columns.
        var table = TableLines(zh.Out);
        Assert.All(table, line => Assert.True(DisplayWidth.Columns(line) <= 120, $"{DisplayWidth.Columns(line)} columns: {line}"));
        Assert.Contains("达标概率", zh.Out, StringComparison.Ordinal);
        // Names wrap by the Chinese rules: no line of the name column starts with closing punctuation ("）" alone on
        // a line) or ends with opening punctuation.
        var names = table.Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1].Trim()).Where(n => n.Length > 0).ToList();
        Assert.True(names.Count >= 26, string.Join('\n', table));
        Assert.All(names, n =>
        {
            Assert.False("：；，。、）”".Contains(n[0], StringComparison.Ordinal), "a name's line starts with closing punctuation: " + n);
            Assert.False("（“".Contains(n[^1], StringComparison.Ordinal), "a name's line ends with opening punctuation: " + n);
        });
    }

    /// <summary>
    /// The whole console of run at 120 columns, in Chinese and in English: every line fits (a CJK character takes two
    /// columns), and the distribution of how many headline targets are met keeps every item whole: on the heading's line
    /// when it fits, else under it, each line indented (the console broke it at a space, the last item alone at the margin).
    /// </summary>
    [Theory]
    [InlineData("zh", "达成的核心目标个数：", "项：")]
    [InlineData("en", "How many headline targets are met:", ": ")]
    public async Task WholeRunConsole_At120Columns_FitsEveryLine_AndKeepsTheHowManyMetItemsWhole(string lang, string heading, string itemMark)
    {
        var run = await CliHarness.RunAtWidth(120, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", lang, "--out", CliHarness.TempFolder());
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count > 40, run.Out);
        Assert.All(lines, line => Assert.True(DisplayWidth.Columns(line) <= 120, $"{DisplayWidth.Columns(line)} columns: {line}"));

        int at = lines.FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(at >= 0, run.Out);
        string rest = lines[at][heading.Length..].TrimStart();
        var block = new List<string> { rest };
        for (int k = at + 1; k < lines.Count && lines[k].StartsWith("  ", StringComparison.Ordinal) && lines[k].Contains(itemMark, StringComparison.Ordinal)
            && lines[k].TrimStart()[0] is >= '0' and <= '9'; k++)
            block.Add(lines[k]);
        // The items 0..8 (eight headline targets), each "k: p%" (English) or "k项：p%" (Chinese), in order, none split.
        var items = block.SelectMany(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(9, items.Count);
        for (int k = 0; k < items.Count; k++)
            Assert.Matches($"^{k}{System.Text.RegularExpressions.Regex.Escape(itemMark)}[0-9.]+%$", items[k]);
        if (rest.Length == 0) Assert.True(block.Count > 1, "the items under the heading are missing");
        // The line after the block is not a fragment of it.
        Assert.False(at + block.Count < lines.Count && System.Text.RegularExpressions.Regex.IsMatch(lines[at + block.Count], @"^\d+(项：|: )"),
            lines[at + block.Count]);
    }

    /// <summary>
    /// The notes under the Chinese table: full-width punctuation with no space after "：", no ASCII ";" or ":" in a
    /// Chinese sentence, no wrapped line starting with "：" (or other closing punctuation); the footer explains only
    /// the growth columns the table shows, in both languages.
    /// </summary>
    [Fact]
    public async Task ChineseNotes_UseFullWidthPunctuation_AndTheFooterExplainsTheColumnsShown()
    {
        var zh = await CliHarness.RunAtWidth(120, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "zh", "--out", CliHarness.TempFolder());
        var lines = zh.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var notes = lines.Skip(lines.FindIndex(l => l.StartsWith('╰')) + 1).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(notes);
        Assert.All(notes, line =>
        {
            Assert.False(line.TrimStart().Length > 0 && "：；，。、）".Contains(line.TrimStart()[0], StringComparison.Ordinal), "starts with closing punctuation: " + line);
            Assert.DoesNotContain("： ", line, StringComparison.Ordinal);
            if (!line.Contains("--wide", StringComparison.Ordinal) && !line.Contains("/tmp", StringComparison.Ordinal))
                Assert.False(line.Contains(';') || line.Contains(": ", StringComparison.Ordinal) || line.EndsWith(':'), "ASCII punctuation in Chinese: " + line);
        });
        Assert.Contains("所需增速：", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("历史增速（计数类", zh.Out, StringComparison.Ordinal);

        var en = await CliHarness.RunAtWidth(120, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        Assert.Contains("Required: the average annual growth", en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Required / history", en.Out, StringComparison.Ordinal);
        var wide = await CliHarness.RunAtWidth(240, "run", Scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--wide", "--out", CliHarness.TempFolder());
        Assert.Contains("Required / history: the average annual growth", wide.Out, StringComparison.Ordinal);
        Assert.Matches(@"Wrote \d+ files? to ", wide.Out);
    }
}
