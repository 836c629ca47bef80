using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Plots;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Commands;

/// <summary>The run command's options for plots and the HTML report.</summary>
internal sealed class PlotOptions
{
    public Option<bool> NoPlots { get; } = NoPlotsOption();

    public Option<int> Dpi { get; } = DpiOption();

    public Option<bool> Report { get; } = new("--report") { Description = HelpStrings.Report };

    /// <summary>The <c>--no-plots</c> option.</summary>
    public static Option<bool> NoPlotsOption() =>
        new("--no-plots") { Description = HelpStrings.NoPlots };

    /// <summary>The <c>--dpi</c> option, checked to lie between <see cref="FigureWriter.MinDpi"/> and <see cref="FigureWriter.MaxDpi"/>.</summary>
    public static Option<int> DpiOption()
    {
        var dpi = new Option<int>("--dpi")
        {
            Description = HelpStrings.Dpi,
            DefaultValueFactory = _ => FigureWriter.LayoutDpi,
            CustomParser = r => CommonOptions.Parse<int>(r, HelpStrings.ExpectDpi,
                s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? FigureWriter.LayoutDpi,
        };
        CommonOptions.Check(dpi, v => v is < FigureWriter.MinDpi or > FigureWriter.MaxDpi
            ? Cli.Format(HelpStrings.DpiRange, FigureWriter.MinDpi, FigureWriter.MaxDpi) : null);
        return dpi;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(NoPlots);
        command.Options.Add(Dpi);
        command.Options.Add(Report);
    }
}
