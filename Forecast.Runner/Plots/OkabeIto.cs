using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The Okabe-Ito colours (Okabe and Ito 2008), distinguishable with every common colour-vision
/// deficiency. Wherever two elements could still look alike in greyscale they also differ in line
/// pattern, marker or hatching.
/// </summary>
internal static class OkabeIto
{
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color BluishGreen = Color.FromHex("#009E73");
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color Grey = Color.FromHex("#595959");
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");

    /// <summary>Colours of series that stand side by side (scenarios, targets): strong contrasts first.</summary>
    private static readonly Color[] SeriesColors = [Blue, Orange, BluishGreen, Vermillion, SkyBlue, ReddishPurple, Black];

    /// <summary>Markers of the series, so that lines differ in greyscale too.</summary>
    private static readonly MarkerShape[] SeriesMarkers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
         MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond];

    /// <summary>The colour of the <paramref name="k"/>-th series (cycling after seven).</summary>
    public static Color Series(int k) => SeriesColors[k % SeriesColors.Length];

    /// <summary>The marker of the <paramref name="k"/>-th series (cycling after eight).</summary>
    public static MarkerShape SeriesMarker(int k) => SeriesMarkers[k % SeriesMarkers.Length];

    /// <summary>The hatching of the <paramref name="k"/>-th series' bars: none for the first, then stripes, dots, checks, a grid.</summary>
    public static IHatch? SeriesHatch(int k) => (k % 5) switch
    {
        0 => null,
        1 => new ScottPlot.Hatches.Striped(),
        2 => new ScottPlot.Hatches.Dots(),
        3 => new ScottPlot.Hatches.Checker(),
        _ => new ScottPlot.Hatches.Grid(false),
    };

    /// <summary>On track: bluish green; at risk: orange; off track: vermillion (also hatched, see <see cref="StatusHatched"/>).</summary>
    public static Color Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => BluishGreen,
        TargetStatus.AtRisk => Orange,
        _ => Vermillion,
    };

    /// <summary>Off-track bars are hatched so that they differ from on-track bars in greyscale too.</summary>
    public static bool StatusHatched(TargetStatus status) => status == TargetStatus.OffTrack;
}
