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
