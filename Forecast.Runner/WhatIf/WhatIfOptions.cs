using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Commands;

namespace Forecast.Runner.WhatIf;

/// <summary>Options shared by the what-if commands (compare, sweep, goal, sensitivity).</summary>
internal sealed class WhatIfOptions
{
    public WhatIfOptions(string pathsDescription)
    {
        Paths = new Option<long?>("--paths")
        {
            Description = pathsDescription,
            CustomParser = r => CommonOptions.Parse<long>(r, "a whole number of paths, e.g. 20000", s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null),
        };
        CommonOptions.Check(Paths, v => v is < 1 ? "--paths must be at least 1" : null);
        CommonOptions.Check(Threads, v => v < 0 ? "--threads must be 0 (all cores) or more" : null);
    }

    public Option<long?> Paths { get; }

    public Option<ulong?> Seed { get; } = new("--seed")
    {
        Description = "Seed of every random stream (default: the first scenario's run.seed); every scenario and lever value uses it",
        CustomParser = r => CommonOptions.Parse<ulong>(r, "a whole number of at least 0", s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : (ulong?)null),
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads (default: all cores); results do not depend on it",
        DefaultValueFactory = _ => 0,
        CustomParser = r => CommonOptions.Parse<int>(r, "a whole number of threads", s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? 0,
    };

    public Option<string?> Out { get; } = new("--out") { Description = "Output folder" };

    public Option<bool> Force { get; } = new("--force") { Description = "Write into an output folder that belongs to another analysis" };

    public Option<string> Lang { get; } = new("--lang")
    {
        Description = "Language of indicator names: en, zh, or auto (Chinese plots where a CJK font is installed)",
        DefaultValueFactory = _ => "en",
    };

    public Option<bool> NoPlots { get; } = PlotOptions.NoPlotsOption();

    public Option<int> Dpi { get; } = PlotOptions.DpiOption();

    /// <summary>
    /// What the plots need, or null under <c>--no-plots</c> or when no plot writer is registered
    /// (<paramref name="scenario"/>: the scenario analysed, for a comparison the reference).
    /// </summary>
    public WhatIfPlotContext? PlotContext(ParseResult parse, Forecast.Engine.Model.Scenario scenario, IEnumerable<IWhatIfPlotWriter> writers) =>
        parse.GetValue(NoPlots) || !writers.Any() ? null : new WhatIfPlotContext(scenario, parse.GetValue(Lang)!, parse.GetValue(Dpi));

    public void AddTo(Command command)
    {
        Lang.AcceptOnlyFromAmong("en", "zh", "auto");
        command.Options.Add(Paths);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
        command.Options.Add(Out);
        command.Options.Add(Force);
        command.Options.Add(Lang);
        command.Options.Add(NoPlots);
        command.Options.Add(Dpi);
    }
}
