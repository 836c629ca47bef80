using System.CommandLine;
using Forecast.Runner;
using Forecast.Runner.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Tests.Runner;

/// <summary>forecast's help: the command list for "forecast" alone, each default once, examples that parse.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands() => new() { "run", "calibrate", "report", "compare", "sweep", "goal", "sensitivity", "evaluate", "targets" };

    [Fact]
    public async Task ForecastAlone_PrintsTheCommandList_WithoutAnError()
    {
        var outcome = await CliHarness.Run();
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        Assert.Contains("Commands:", outcome.Out, StringComparison.Ordinal);
        foreach (string command in Commands()) Assert.Contains("  " + command + " ", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EachCommandsHelp_PrintsEveryDefaultOnce_AndEndsWithAnExample(string command)
    {
        var outcome = await CliHarness.Run(command, "--help");
        Assert.Equal(0, outcome.ExitCode);
        string help = outcome.Out;
        foreach (string line in help.Split('\n').Where(l => l.Contains("[default:", StringComparison.Ordinal)))
            Assert.DoesNotContain("(default", line, StringComparison.Ordinal);
        var lines = help.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int examples = lines.FindLastIndex(l => l == "Examples:");
        Assert.True(examples > 0 && examples < lines.Count - 1, help);
        Assert.All(lines.Skip(examples + 1), l => Assert.StartsWith("  forecast ", l, StringComparison.Ordinal));
        if (help.Contains("--threads", StringComparison.Ordinal)) Assert.Contains("0 uses every core", help, StringComparison.Ordinal);
        Assert.Contains("--lang <auto|zh|en>", help, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryExample_ParsesWithoutAnError()
    {
        var services = new ServiceCollection().AddSingleton(new Terminal(Spectre.Console.AnsiConsole.Console, TextWriter.Null));
        Program.AddCommands(services);
        using var provider = services.BuildServiceProvider();
        var root = Cli.Build(provider);
        foreach (var (command, examples) in Cli.Examples)
            foreach (string example in examples)
            {
                var parse = root.Parse(example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());
                Assert.True(parse.Errors.Count == 0, $"{example}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                if (command != "forecast") Assert.Equal(command, parse.CommandResult.Command.Name);
            }
    }

    [Theory]
    [InlineData("compare", "every scenario uses it")]
    [InlineData("sweep", "every grid point uses it")]
    [InlineData("goal", "every evaluation of the search uses it")]
    [InlineData("sensitivity", "every tornado run and every row of the Sobol design use it")]
    public async Task SeedHelp_SaysWhatShareTheSeed_PerCommand(string command, string text)
    {
        var outcome = await CliHarness.Run(command, "--help");
        string seed = outcome.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--seed", StringComparison.Ordinal));
        Assert.Contains(text, seed, StringComparison.Ordinal);
        if (command != "compare") Assert.DoesNotContain("first scenario", seed, StringComparison.Ordinal);
    }
}
