using System.CommandLine;
using System.Diagnostics;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast compare &lt;scenario&gt; &lt;scenario&gt; ...</c>: the scenarios on the same paths (common random numbers),
/// side by side, with each one's differences from the first and intervals that account for the pairing.
/// </summary>
internal sealed class CompareCommand(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots) : ICommandBuilder
{
    private readonly WhatIfOptions _options = new(HelpStrings.ComparePaths,
        HelpStrings.CompareSeed);
    private readonly Argument<string[]> _scenarios = new("scenarios")
    {
        Description = HelpStrings.CompareScenarios,
        Arity = ArgumentArity.OneOrMore,
    };

    public Command Build()
    {
        var command = new Command("compare", HelpStrings.Compare);
        command.Arguments.Add(_scenarios);
        _options.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken))));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        var files = parse.GetValue(_scenarios) ?? [];
        if (files.Length < 2)
            throw new InputException(new InputError("compare", 0, 0, "", WhatIfStrings.CompareTooFew));
        var scenarios = WhatIfRun.ReadAll(files, _options.ReadOptions(parse), terminal.Out);
        var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed), parse.GetValue(_options.Threads));
        if (RunSpec.Resolve(scenarios[0], options).Paths < 2 * ScenarioComparison.DefaultSections)
            throw new InputException(new InputError("--paths", 0, 0, "", Words.F(WhatIfStrings.CompareTooFewPaths, 2 * ScenarioComparison.DefaultSections, ScenarioComparison.DefaultSections)));
        using var folder = WhatIfRun.Open(parse.GetValue(_options.Out), Analysis.Comparison(scenarios), parse.GetValue(_options.Force), cancellationToken);

        var clock = Stopwatch.StartNew();
        WhatIfRun.CheckRunTime(scenarios[0], scenarios.Count * RunSpec.Resolve(scenarios[0], options).Paths, options.Threads, parse.GetValue(_options.Yes), "--paths");
        var result = Phase.Run(terminal.Out, Words.F(Strings.PhaseCompare, scenarios.Count),
            () => ScenarioComparison.Run(scenarios, options, cancellationToken), cancellationToken);
        WhatIfFiles.Write(folder, "compare.csv", w => WhatIfFiles.ComparisonCsv(w, result));
        WhatIfFiles.WriteJson(folder, "compare.json", w => WhatIfFiles.ComparisonJson(w, result));
        if (_options.PlotContext(parse, scenarios[0], plots) is { } context)
            Phase.Run(terminal.Out, Strings.PhaseCharts, () => { foreach (var plot in plots) plot.WriteComparison(folder, result, context); }, cancellationToken);

        bool chinese = Output.Language.IsChinese;
        terminal.Out.Write(WhatIfConsole.Comparison(result, scenarios[0], chinese));
        if (result.Scenarios.Count > 2) terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(WhatIfStrings.CompareMany, result.Scenarios.Count))}[/]");
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(WhatIfStrings.CompareNote, result.Sections))}[/]");
        if (result.Targets.Append(result.AllTargets).Append(result.AllHeadlineTargets)
            .Any(t => t.Differences.Any(d => d.Gained + d.Lost is > 0 and < WhatIfConsole.FewDiscordantPaths)))
            terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(WhatIfStrings.CompareRough, WhatIfConsole.FewDiscordantPaths))}[/]");
        if (result.LeftOut.Count > 0)
            terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(WhatIfStrings.CompareLeftOut, string.Join(", ", result.LeftOut)))}[/]");
        WhatIfRun.Commit(terminal.Out, folder, clock.Elapsed);
        return ExitCodes.Success;
    }
}
