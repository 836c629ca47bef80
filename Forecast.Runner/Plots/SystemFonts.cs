using SkiaSharp;

namespace Forecast.Runner.Plots;

/// <summary>
/// Finds installed font families through SkiaSharp. SkiaSharp's Linux build without dependencies
/// cannot answer <c>SKFontManager.MatchCharacter</c> (it returns null), so a family is chosen by
/// checking that it has a glyph for every character of the text to draw: never an empty box.
/// </summary>
internal static class SystemFonts
{
    /// <summary>Families tried first for Chinese text (Debian's fonts-noto-cjk provides the first).</summary>
    private static readonly string[] ChineseFamilies =
    [
        "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
        "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "Noto Sans CJK TC", "Noto Sans CJK JP",
    ];

    /// <summary>Families tried first for Latin text.</summary>
    private static readonly string[] LatinFamilies =
        ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans", "Open Sans"];

    private static readonly Lazy<string[]> Installed = new(() => SKFontManager.Default.GetFontFamilies());

    /// <summary>The installed family names.</summary>
    public static IReadOnlyList<string> Families => Installed.Value;

    /// <summary>A sans-serif family for Latin text: the first installed of a preference list, else Skia's default.</summary>
    public static string Latin()
    {
        foreach (string family in LatinFamilies)
            if (Covers(family, "Observed 2021 ≥ 90% – P(target)")) return family;
        return SKTypeface.Default.FamilyName;
    }

    /// <summary>A family with a glyph for every character of <paramref name="text"/> (CJK families first), or null when none is installed.</summary>
    public static string? Covering(string text)
    {
        foreach (string family in ChineseFamilies)
            if (Covers(family, text)) return family;
        // Any other family that covers the text, sans-serif faces before serif ones.
        foreach (string family in Families.OrderBy(f => f.Contains("Serif", StringComparison.OrdinalIgnoreCase) ? 1 : 0).ThenBy(f => f, StringComparer.Ordinal))
            if (Covers(family, text)) return family;
        return null;
    }

    /// <summary>True when <paramref name="family"/> is installed and has a glyph for every non-space character of <paramref name="text"/>.</summary>
    public static bool Covers(string family, string text)
    {
        if (!Families.Contains(family, StringComparer.OrdinalIgnoreCase)) return false;
        using var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is null) return false;
        using var font = new SKFont(typeface);
        string visible = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return visible.Length == 0 || font.ContainsGlyphs(visible);
    }
}
