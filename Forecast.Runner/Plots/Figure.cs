using ScottPlot;
using SkiaSharp;

namespace Forecast.Runner.Plots;

/// <summary>
/// A plot (or a sheet of plots) ready to save: a file name without extension, a caption, the size
/// in CSS pixels (1/96 inch; the writer scales it for other resolutions) and how to draw it.
/// </summary>
/// <param name="Name">File name without extension, e.g. "fan-hightech_enterprises".</param>
/// <param name="Caption">One line that says what the figure shows.</param>
/// <param name="Width">Width at 96 dpi, in pixels.</param>
/// <param name="Height">Height at 96 dpi, in pixels.</param>
/// <param name="Draw">Draws the figure onto a canvas, filling the given rectangle.</param>
internal sealed record Figure(string Name, string Caption, int Width, int Height, Action<SKCanvas, PixelRect> Draw)
{
    /// <summary>A single plot.</summary>
    public static Figure Of(string name, string caption, Plot plot, int width, int height) =>
        new(name, caption, width, height, (canvas, rect) => plot.Render(canvas, rect));

    /// <summary>Several plots laid out on one page.</summary>
    public static Figure Of(string name, string caption, Multiplot sheet, int width, int height) =>
        new(name, caption, width, height, (canvas, rect) => sheet.Render(canvas, rect));
}

/// <summary>The figures of a command, and for each chart left out because it would carry no information, why (one line for the console).</summary>
/// <param name="Figures">The figures to write.</param>
/// <param name="NotDrawn">One line per chart not drawn, naming it and saying why.</param>
internal sealed record FigureSet(IReadOnlyList<Figure> Figures, IReadOnlyList<string> NotDrawn)
{
    public static implicit operator FigureSet(Figure[] figures) => new(figures, []);
}
