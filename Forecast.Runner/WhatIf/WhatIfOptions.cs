using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Commands;
using Forecast.Runner.Resources;

namespace Forecast.Runner.WhatIf;

/// <summary>Options shared by the what-if commands (compare, sweep, goal, sensitivity).</summary>
internal sealed class WhatIfOptions
{
    /// <param name="pathsDescription">What --paths means for the command.</param>
    /// <param name="seedDescription">What --seed means for the command (which runs share the seed).</param>
    public WhatIfOptions(string pathsDescription, string seedDescription)
    {
        Paths = CommonOptions.PathsOption(pathsDescription, "20000");
        Seed = CommonOptions.SeedOption(seedDescription);
    }

    public Option<long?> Paths { get; }

    public Option<ulong?> Seed { get; }

    public Option<int> Threads { get; } = CommonOptions.ThreadsOption();

    public Option<string?> Out { get; } = new("--out") { Description = HelpStrings.OutFolder };

    public Option<bool> Force { get; } = new("--force") { Description = HelpStrings.ForceAnalysis };

    public Option<bool> Yes { get; } = new("--yes") { Description = HelpStrings.YesLong };

    public Option<bool> NoPlots { get; } = PlotOptions.NoPlotsOption();

    public Option<int> Dpi { get; } = PlotOptions.DpiOption();

    public Option<bool> RepairCorrelations { get; } = CommonOptions.RepairCorrelationsOption();

    /// <summary>How scenario files are read under these options.</summary>
    public Forecast.Scenarios.ScenarioReadOptions ReadOptions(ParseResult parse) => new(parse.GetValue(RepairCorrelations));

    /// <summary>
    /// What the plots need, or null under <c>--no-plots</c> or when no plot writer is registered
    /// (<paramref name="scenario"/>: the scenario analysed, for a comparison the reference).
    /// </summary>
    public WhatIfPlotContext? PlotContext(ParseResult parse, Forecast.Engine.Model.Scenario scenario, IEnumerable<IWhatIfPlotWriter> writers) =>
        parse.GetValue(NoPlots) || !writers.Any() ? null : new WhatIfPlotContext(scenario, Forecast.Runner.Output.Language.Code, parse.GetValue(Dpi));

    public void AddTo(Command command)
    {
        command.Options.Add(Paths);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
        command.Options.Add(Out);
        command.Options.Add(Force);
        command.Options.Add(Yes);
        command.Options.Add(NoPlots);
        command.Options.Add(Dpi);
        command.Options.Add(RepairCorrelations);
    }
}
