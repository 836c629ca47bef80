using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Plots;

namespace Forecast.Runner.Commands;

/// <summary>The run command's options for plots and the HTML report.</summary>
internal sealed class PlotOptions
{
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "Do not draw the plots (plots/*.png and *.svg in the output folder)" };

    public Option<int> Dpi { get; } = new("--dpi")
    {
        Description = "Resolution of the PNG plots in dots per inch: 96 for screens (default), 300 for print",
        DefaultValueFactory = _ => FigureWriter.LayoutDpi,
        CustomParser = r => CommonOptions.Parse<int>(r, "a whole number of dots per inch, e.g. 96 or 300",
            s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? FigureWriter.LayoutDpi,
    };

    public Option<bool> Report { get; } = new("--report") { Description = "Also write report.html: assumptions, summary table, every plot and the method, in one file" };

    public PlotOptions()
    {
        CommonOptions.Check(Dpi, v => v is < FigureWriter.MinDpi or > FigureWriter.MaxDpi
            ? $"--dpi must lie between {FigureWriter.MinDpi} and {FigureWriter.MaxDpi}, e.g. 96 or 300" : null);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(NoPlots);
        command.Options.Add(Dpi);
        command.Options.Add(Report);
    }
}
