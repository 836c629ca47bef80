using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Forecast.Engine.Simulation;
using Forecast.Engine.Targets;
using Forecast.Runner.Resources;
using Forecast.Runner.Targets;
using Forecast.Runner.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast targets &lt;scenario&gt; --probability 0.8</c>: for every indicator the most ambitious target reachable in its target
/// year with that probability (and with 50% and 90%), with its Monte Carlo interval and the growth it implies against
/// history; and joint targets for the headline set, all met together with that probability. Writes targets.json,
/// targets.csv and two what-if overlays that set the targets found (every indicator's own, and the joint headline set).
/// </summary>
internal sealed class TargetsCommand(Terminal terminal) : ICommandBuilder
{
    private readonly WhatIfOptions _options = new(HelpStrings.TargetsPaths, HelpStrings.Seed);
    private readonly Argument<string> _scenario = new("scenario") { Description = HelpStrings.ScenarioOrWhatIf };
    private readonly Option<double> _probability = new("--probability")
    {
        Description = HelpStrings.TargetsProbability,
        DefaultValueFactory = _ => 0.8,
        CustomParser = r => CommonOptions.Parse<double>(r, HelpStrings.ExpectProbability, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null) ?? 0.8,
    };
    private readonly Option<string[]> _set = new("--set")
    {
        Description = HelpStrings.TargetsIndicators,
    };

    public Command Build()
    {
        var command = new Command("targets", HelpStrings.Targets);
        command.Arguments.Add(_scenario);
        command.Options.Add(_probability);
        command.Options.Add(_set);
        CommonOptions.Check(_probability, p => p is > 0 and < 1 ? null : HelpStrings.ProbabilityRange);
        _options.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken))));
        return command;
    }

    private static string Percent(double p) => Output.Numbers.Percent(p, 0);

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        string scenarioFile = parse.GetValue(_scenario)!;
        var scenario = ScenarioReader.Read(scenarioFile);
        string[]? set = parse.GetValue(_set) is { Length: > 0 } given ? given : null;
        foreach (string id in set ?? []) WhatIfRun.Indicator(scenario, "--set", id);
        double p = parse.GetValue(_probability);
        string tag = TargetsFiles.Tag(p);
        using var folder = WhatIfRun.Open(parse.GetValue(_options.Out), Analysis.Targets(scenario, p), parse.GetValue(_options.Force), cancellationToken);

        var clock = Stopwatch.StartNew();
        var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed), parse.GetValue(_options.Threads));
        var result = Phase.Run(terminal.Out, Output.Words.F(Resources.Strings.PhaseTargets, scenario.Name),
            () => TargetSetting.Run(scenario, p, set, options, cancellationToken), cancellationToken);
        WhatIfFiles.Write(folder, "targets.csv", w => TargetsFiles.Csv(w, result));
        WhatIfFiles.WriteJson(folder, "targets.json", w => TargetsFiles.Json(w, result));
        var utf8 = new UTF8Encoding(false);
        string own = $"{scenario.Name}-targets-{tag}", joint = $"{scenario.Name}-joint-targets-{tag}";
        File.WriteAllText(folder.StagedFile(own + ".yaml"), TargetsFiles.Overlay(scenarioFile, folder.Path, own,
            new Engine.Model.LocalizedText($"{scenario.Title.Zh}：各指标以{Percent(p)}概率可达的目标", $"{scenario.Title.En}: every target reachable with probability {Percent(p)} on its own"), result,
            result.Indicators.Select(i => i.At(p)),
            Output.Words.F(Resources.AnalysisStrings.TargetsOverlayOwn, p.ToString(CultureInfo.InvariantCulture))), utf8);
        if (result.Joint is { } j)
            File.WriteAllText(folder.StagedFile(joint + ".yaml"), TargetsFiles.Overlay(scenarioFile, folder.Path, joint,
                new Engine.Model.LocalizedText($"{scenario.Title.Zh}：{j.Targets.Count}项目标以{Percent(p)}概率同时达成", $"{scenario.Title.En}: {j.Targets.Count} targets met together with probability {Percent(p)}"), result, j.Targets,
                Output.Words.F(Resources.AnalysisStrings.TargetsOverlayJoint, p.ToString(CultureInfo.InvariantCulture), j.MarginalProbability.ToString("0.####", CultureInfo.InvariantCulture))), utf8);

        TargetsConsole.Write(terminal.Out, result, Output.Language.IsChinese);
        WhatIfRun.Commit(terminal.Out, folder, clock.Elapsed);
        return ExitCodes.Success;
    }
}
