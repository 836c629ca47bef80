using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast sweep &lt;scenario&gt; --lever driver.param=from:to:steps [--lever ...]</c>: the probability of every target
/// on a grid of one or two levers, all points on the same paths.
/// </summary>
internal sealed class SweepCommand(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots) : ICommandBuilder
{
    /// <summary>At most this many grid points.</summary>
    public const int MaxPoints = 2_500;

    private readonly WhatIfOptions _options = new(Cli.Format(HelpStrings.SweepPaths, LeverSweep.DefaultPaths),
        HelpStrings.SweepSeed);
    private readonly Argument<string> _scenario = new("scenario") { Description = HelpStrings.ScenarioOrWhatIf };
    private readonly Option<string[]> _levers = new("--lever")
    {
        Description = HelpStrings.SweepLever,
        Required = true,
    };

    private readonly Sharding.RunShardOptions _shard = new(Strings.ShardSweepHelp, Output.Words.F(Strings.PartialWhatIfHelp, "sweep"));

    public Command Build()
    {
        var command = new Command("sweep", HelpStrings.Sweep);
        command.Arguments.Add(_scenario);
        command.Options.Add(_levers);
        _options.AddTo(command);
        _shard.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken), parse.GetValue(_scenario))));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        var (scenario, repair) = ScenarioReader.Read(parse.GetValue(_scenario)!, _options.ReadOptions(parse));
        CorrelationRepairReport.Print(terminal.Out, repair);
        var tokens = parse.GetValue(_levers) ?? [];
        if (tokens.Length is < 1 or > 2)
            throw new InputException(new InputError("--lever", 0, 0, "", Words.F(WhatIfStrings.SweepLeverCount, tokens.Length)));
        var axes = tokens.Select(t => LeverSyntax.ParseAxis("--lever", t, scenario)).ToList();
        if (axes.Count == 2 && axes[0].Lever == axes[1].Lever)
            throw LeverSyntax.Error("--lever", tokens[1], Words.F(WhatIfStrings.SweepLeverTwice, axes[0].Lever));
        long points = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (points > MaxPoints)
            throw LeverSyntax.Error("--lever", string.Join(' ', tokens), Words.F(WhatIfStrings.SweepTooManyPoints, points, MaxPoints));
        var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed), parse.GetValue(_options.Threads));
        if (_shard.Requested(parse))
            return Sharding.WhatIfShard.Sweep(terminal, parse, _shard, parse.GetValue(_scenario)!, scenario, parse.GetValue(_options.RepairCorrelations), axes, options, parse.GetValue(_options.Yes), cancellationToken);
        using var folder = WhatIfRun.Open(parse.GetValue(_options.Out), Analysis.Sweep(scenario, axes.Select(a => a.Lever)), parse.GetValue(_options.Force), cancellationToken);

        var clock = Stopwatch.StartNew();
        WhatIfRun.CheckRunTime(scenario, points * (options.Paths ?? LeverSweep.DefaultPaths), options.Threads, parse.GetValue(_options.Yes), "--paths");
        var result = Phase.Run(terminal.Out, Words.F(Strings.PhaseSweep, scenario.Name), progress => LeverSweep.Run(scenario, axes, options,
            new Progress<int>(done => progress.Report((done, points))), cancellationToken), cancellationToken);
        Write(terminal, plots, folder, result, scenario, _options.PlotContext(parse, scenario, plots), clock, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Writes the sweep's files and plots, prints its summary and commits the folder: the sweep's and its merge's (forecast merge of sweep partials).</summary>
    internal static void Write(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots, OutputFolder folder, SweepResult result, Forecast.Engine.Model.Scenario scenario,
        WhatIfPlotContext? plotContext, Stopwatch clock, CancellationToken cancellationToken)
    {
        WhatIfFiles.Write(folder, "sweep.csv", w => WhatIfFiles.SweepCsv(w, result, scenario));
        if (plotContext is { } context)
            Phase.Run(terminal.Out, Strings.PhaseCharts, () => { foreach (var plot in plots) plot.WriteSweep(folder, result, context); }, cancellationToken);

        terminal.Out.Write(WhatIfConsole.Sweep(result, scenario, Output.Language.IsChinese, out string? unmoved));
        if (unmoved is not null) terminal.Out.MarkupLine(Markup.Escape(unmoved));
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(WhatIfStrings.SweepNote)}[/]");
        WhatIfRun.Commit(terminal.Out, folder, clock.Elapsed);
    }
}
