using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;
using Forecast.Runner.Output;
using Forecast.Runner.WhatIf;

using Forecast.Runner.Resources;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast goal &lt;scenario&gt; --indicator id --probability 0.8 --lever driver.param [--range lo:hi]</c>: the lever value
/// at which the target is reached with the wanted probability, with its 95% interval.
/// </summary>
internal sealed class GoalCommand(Terminal terminal, IEnumerable<IWhatIfPlotWriter> plots) : ICommandBuilder
{
    private readonly WhatIfOptions _options = new(Cli.Format(HelpStrings.GoalPaths, GoalSeek.DefaultPaths),
        HelpStrings.GoalSeed);
    private readonly Argument<string> _scenario = new("scenario") { Description = HelpStrings.ScenarioOrWhatIf };
    private readonly Option<string> _indicator = new("--indicator") { Description = HelpStrings.GoalIndicator, Required = true };
    private readonly Option<double> _probability = new("--probability")
    {
        Description = HelpStrings.GoalProbability,
        DefaultValueFactory = _ => 0.8,
        CustomParser = r => CommonOptions.Parse<double>(r, HelpStrings.ExpectProbability, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null) ?? 0.8,
    };
    private readonly Option<string> _lever = new("--lever") { Description = HelpStrings.GoalLever, Required = true };
    private readonly Option<string?> _range = new("--range") { Description = HelpStrings.GoalRange };

    public Command Build()
    {
        var command = new Command("goal", HelpStrings.Goal);
        command.Arguments.Add(_scenario);
        command.Options.Add(_indicator);
        command.Options.Add(_probability);
        command.Options.Add(_lever);
        command.Options.Add(_range);
        CommonOptions.Check(_probability, p => p is > 0 and < 1 ? null : HelpStrings.ProbabilityRange);
        _options.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken), parse.GetValue(_scenario))));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        var (scenario, repair) = ScenarioReader.Read(parse.GetValue(_scenario)!, _options.ReadOptions(parse));
        CorrelationRepairReport.Print(terminal.Out, repair);
        var indicator = WhatIfRun.Indicator(scenario, "--indicator", parse.GetValue(_indicator)!);
        string leverToken = parse.GetValue(_lever)!;
        var lever = LeverSyntax.ParseLever("--lever", leverToken, scenario);
        var (low, high) = Range(parse.GetValue(_range), lever, leverToken, scenario);
        foreach (double end in new[] { low, high })
            if (lever.TryApply(scenario, end).Problem is { } problem)
                throw LeverSyntax.Error("--range", parse.GetValue(_range) ?? Words.F(WhatIfStrings.GoalDefaultRange, Numbers(low), Numbers(high)), problem);
        using var folder = WhatIfRun.Open(parse.GetValue(_options.Out), Analysis.Goal(scenario, indicator.Id, lever), parse.GetValue(_options.Force), cancellationToken);

        var clock = Stopwatch.StartNew();
        var options = new SimulationOptions(parse.GetValue(_options.Paths), parse.GetValue(_options.Seed), parse.GetValue(_options.Threads));
        // Bisection to a relative tolerance of 1e-4: about 20 evaluations.
        WhatIfRun.CheckRunTime(scenario, 20 * (options.Paths ?? GoalSeek.DefaultPaths), options.Threads, parse.GetValue(_options.Yes), "--paths");
        var result = Phase.Run(terminal.Out, Words.F(Strings.PhaseGoal, scenario.Name),
            () => GoalSeek.Seek(scenario, indicator.Id, parse.GetValue(_probability), lever, low, high, options, cancellationToken), cancellationToken);
        WhatIfFiles.Write(folder, "goal.csv", w => WhatIfFiles.GoalCsv(w, result));
        WhatIfFiles.WriteJson(folder, "goal.json", w => WhatIfFiles.GoalJson(w, result));
        if (_options.PlotContext(parse, scenario, plots) is { } context)
            foreach (var plot in plots) plot.WriteGoal(folder, result, context);

        WhatIfConsole.Goal(terminal.Out, result, scenario, Output.Language.IsChinese);
        WhatIfRun.Commit(terminal.Out, folder, clock.Elapsed);
        return ExitCodes.Success;
    }

    /// <summary>The --range, or half to twice the lever's current value.</summary>
    private static (double Low, double High) Range(string? token, Forecast.Engine.WhatIf.Lever lever, string leverToken, Forecast.Engine.Model.Scenario scenario)
    {
        if (token is not null) return LeverSyntax.ParseRange("--range", token);
        double current = lever.CurrentValue(scenario);
        if (current == 0)
            throw LeverSyntax.Error("--range", leverToken, Words.F(WhatIfStrings.GoalNoDefaultRange, lever));
        return current > 0 ? (current / 2, current * 2) : (current * 2, current / 2);
    }

    private static string Numbers(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
