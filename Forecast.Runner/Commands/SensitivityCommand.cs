using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast sensitivity &lt;scenario&gt;</c>: which drivers matter, one at a time (tornado: each driver's level from its
/// 10th to its 90th percentile, the others at their medians) and globally (Sobol indices on a scrambled Sobol design with
/// intervals from its independent replicates, or on a plain random design with bootstrap intervals when --bootstrap is
/// given; Spearman rank correlations).
/// </summary>
internal sealed class SensitivityCommand(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots) : ICommandBuilder
{
    private readonly WhatIfOptions _options = new(Cli.Format(HelpStrings.SensitivityPaths, Tornado.DefaultPaths),
        HelpStrings.SensitivitySeed);
    private readonly Argument<string> _scenario = new("scenario") { Description = HelpStrings.ScenarioOrWhatIf };
    private readonly Option<int> _samples = new("--samples")
    {
        Description = HelpStrings.SensitivitySamples,
        DefaultValueFactory = _ => 4096,
        CustomParser = r => CommonOptions.Parse<int>(r, Cli.Format(HelpStrings.ExpectWhole, 4096), s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? 4096,
    };
    private readonly Option<int> _bootstrap = new("--bootstrap")
    {
        Description = HelpStrings.SensitivityBootstrap,
        CustomParser = r => CommonOptions.Parse<int>(r, Cli.Format(HelpStrings.ExpectWhole, 200), s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? 200,
    };
    private readonly Option<long> _spearmanPaths = new("--spearman-paths")
    {
        Description = HelpStrings.SensitivityRankPaths,
        DefaultValueFactory = _ => 10_000,
        CustomParser = r => CommonOptions.Parse<long>(r, Cli.Format(HelpStrings.ExpectWhole, 10000), s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null) ?? 10_000,
    };
    private readonly Option<string[]> _indicators = new("--indicator") { Description = HelpStrings.SensitivityIndicators };
    private readonly Option<int> _top = new("--top") { Description = HelpStrings.SensitivityTop, DefaultValueFactory = _ => 5 };

    private readonly Sharding.RunShardOptions _shard = new(Strings.ShardSensitivityHelp, Output.Words.F(Strings.PartialWhatIfHelp, "sensitivity"));

    public Command Build()
    {
        var command = new Command("sensitivity", HelpStrings.Sensitivity);
        command.Arguments.Add(_scenario);
        command.Options.Add(_samples);
        command.Options.Add(_bootstrap);
        command.Options.Add(_spearmanPaths);
        command.Options.Add(_indicators);
        command.Options.Add(_top);
        CommonOptions.Check(_samples, n => n < 2 ? Cli.Format(HelpStrings.AtLeast, "--samples", 2) : null);
        CommonOptions.Check(_spearmanPaths, n => n < 2 ? Cli.Format(HelpStrings.AtLeast, "--spearman-paths", 2) : null);
        CommonOptions.Check(_top, n => n < 1 ? Cli.Format(HelpStrings.AtLeast, "--top", 1) : null);
        _options.AddTo(command);
        _shard.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken), parse.GetValue(_scenario))));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        var (scenario, repair) = ScenarioReader.Read(parse.GetValue(_scenario)!, _options.ReadOptions(parse));
        CorrelationRepairReport.Print(terminal.Out, repair);
        var ids = parse.GetValue(_indicators) is { Length: > 0 } given
            ? given.Select(id => WhatIfRun.Indicator(scenario, "--indicator", id).Id).Distinct().ToArray()
            : null;
        if (!scenario.Drivers.Any(Tornado.IsUncertain))
            throw new InputException(new InputError(parse.GetValue(_scenario)!, 0, 0, "drivers", WhatIfStrings.NothingToVary));
        if (_shard.Requested(parse))
            return Sharding.WhatIfShard.Sensitivity(terminal, parse, _shard, parse.GetValue(_scenario)!, scenario, parse.GetValue(_options.RepairCorrelations),
                new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed), parse.GetValue(_options.Threads)),
                new Sharding.SensitivitySettings(parse.GetValue(_samples), parse.GetResult(_bootstrap) is { Implicit: false } ? parse.GetValue(_bootstrap) : null,
                    parse.GetValue(_spearmanPaths), ids, parse.GetValue(_top)), parse.GetValue(_options.Yes), cancellationToken);
        using var folder = WhatIfRun.Open(parse.GetValue(_options.Out), Analysis.Sensitivity(scenario, ids), parse.GetValue(_options.Force), cancellationToken);

        var clock = Stopwatch.StartNew();
        ulong? seed = parse.GetValue(_options.Seed);
        int threads = parse.GetValue(_options.Threads);
        // The work: a tornado of 2 runs per uncertain driver plus one, the Saltelli design's N·(d + 3) rows, the rank correlations' paths.
        int uncertain = scenario.Drivers.Count(Tornado.IsUncertain);
        long tornadoPaths = (parse.GetValue(_options.Paths) ?? Tornado.DefaultPaths) * (2L * uncertain + 1);
        long work = tornadoPaths + (long)parse.GetValue(_samples) * (uncertain + 3) + parse.GetValue(_spearmanPaths);
        WhatIfRun.CheckRunTime(scenario, work, threads, parse.GetValue(_options.Yes), parse.GetResult(_samples) is { Implicit: false } ? "--samples" : "--paths");
        var tornado = Phase.Run(terminal.Out, Words.F(Strings.PhaseTornado, scenario.Name), progress => Tornado.Run(scenario,
            new SimulationOptions(parse.GetValue(_options.Paths), seed, threads),
            progress: new Progress<(int Done, int Total)>(p => progress.Report((p.Done, p.Total))), cancellationToken: cancellationToken), cancellationToken);
        bool bootstrap = parse.GetResult(_bootstrap) is { Implicit: false };
        var global = Phase.Run(terminal.Out, Words.F(Strings.PhaseSobol, scenario.Name), () => GlobalSensitivity.Run(scenario,
            new GlobalSensitivityOptions(parse.GetValue(_samples), bootstrap ? parse.GetValue(_bootstrap) : 200,
            parse.GetValue(_spearmanPaths), seed, threads, ids, DesignReplicates: bootstrap ? 0 : SobolAnalysis.DefaultDesignReplicates), cancellationToken), cancellationToken);
        Write(terminal, plots, folder, tornado, global, scenario, _options.PlotContext(parse, scenario, plots), parse.GetValue(_top), clock, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Writes the analysis's files and plots, prints its summary and commits the folder: the analysis's and its merge's (forecast merge of sensitivity partials).</summary>
    internal static void Write(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots, Output.OutputFolder folder, TornadoResult tornado, GlobalSensitivityResult global,
        Forecast.Engine.Model.Scenario scenario, WhatIfPlotContext? plotContext, int top, Stopwatch clock, CancellationToken cancellationToken)
    {
        WhatIfFiles.Write(folder, "tornado.csv", w => WhatIfFiles.TornadoCsv(w, tornado));
        WhatIfFiles.Write(folder, "sobol.csv", w => WhatIfFiles.SobolCsv(w, global));
        WhatIfFiles.Write(folder, "spearman.csv", w => WhatIfFiles.SpearmanCsv(w, global));
        if (plotContext is { } context)
            Phase.Run(terminal.Out, Strings.PhaseCharts, () => { foreach (var plot in plots) plot.WriteSensitivity(folder, tornado, global, context); }, cancellationToken);

        bool chinese = Output.Language.IsChinese;
        terminal.Out.Write(WhatIfConsole.Tornado(tornado, scenario, chinese, top));
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(WhatIfStrings.TornadoNote)}[/]");
        terminal.Out.Write(WhatIfConsole.Sobol(global, scenario, chinese, top));
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(Words.F(WhatIfStrings.SobolNote, WhatIfStrings.YearToYear))}[/]");
        WhatIfRun.Commit(terminal.Out, folder, clock.Elapsed);
    }
}
