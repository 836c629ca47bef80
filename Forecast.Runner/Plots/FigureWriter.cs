using System.Buffers.Binary;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Forecast.Runner.Plots;

/// <summary>
/// Saves figures as PNG and SVG. A PNG at d dpi is the figure's 96-dpi layout drawn d/96 times larger
/// (every line, font and margin scales, so a 300-dpi file looks like the screen version, only sharper)
/// and says its resolution in a pHYs chunk, so that word processors place it at its intended size.
/// An SVG is vector and keeps the 96-dpi size as its width and height.
/// </summary>
internal static class FigureWriter
{
    /// <summary>The resolution of the layout (CSS pixels).</summary>
    public const int LayoutDpi = 96;

    /// <summary>The lowest and highest resolution accepted.</summary>
    public const int MinDpi = 48, MaxDpi = 600;

    /// <summary>The PNG size in pixels of <paramref name="figure"/> at <paramref name="dpi"/>.</summary>
    public static (int Width, int Height) PixelSize(Figure figure, int dpi) =>
        (Scale(figure.Width, dpi), Scale(figure.Height, dpi));

    /// <summary>A length at 96 dpi in pixels at <paramref name="dpi"/>, halves rounded up (900 at 300 dpi is 2813).</summary>
    public static int Scale(int length, int dpi) => (int)Math.Round(length * (double)dpi / LayoutDpi, MidpointRounding.AwayFromZero);

    /// <summary>The figure as PNG bytes at <paramref name="dpi"/>.</summary>
    public static byte[] Png(Figure figure, int dpi = LayoutDpi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, MinDpi);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, MaxDpi);
        var (width, height) = PixelSize(figure, dpi);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} image for {figure.Name}");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)width / figure.Width, (float)height / figure.Height);
        figure.Draw(canvas, new PixelRect(0, figure.Width, figure.Height, 0));
        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return WithResolution(data.ToArray(), dpi);
    }

    /// <summary>The figure as an SVG document whose width and height are the figure's 96-dpi size.</summary>
    public static string Svg(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(figure.Width, figure.Height), stream))
        {
            figure.Draw(canvas, new PixelRect(0, figure.Width, figure.Height, 0));
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WritePng(Figure figure, string path, int dpi = LayoutDpi) => File.WriteAllBytes(path, Png(figure, dpi));

    public static void WriteSvg(Figure figure, string path) => File.WriteAllText(path, Svg(figure), new UTF8Encoding(false));

    /// <summary>Inserts a pHYs chunk (pixels per metre) right after the IHDR chunk of a PNG that has none.</summary>
    internal static byte[] WithResolution(byte[] png, int dpi)
    {
        const int ihdrEnd = 8 + 4 + 4 + 13 + 4;   // signature, IHDR length, type, data, CRC
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1;   // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, ihdrEnd), .. chunk, .. png.AsSpan(ihdrEnd)];
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320, reflected).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
