using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;

namespace Forecast.Tests.Plots;

/// <summary>Reads just enough of PNG and SVG files to check them: the PNG signature and chunks (PNG spec §5), the SVG root.</summary>
internal static class ImageFiles
{
    /// <summary>The 8-byte PNG signature (PNG spec §5.2).</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public sealed record Chunk(string Type, byte[] Data, uint Crc);

    /// <summary>The chunks of a PNG, after checking its signature.</summary>
    public static IReadOnlyList<Chunk> PngChunks(byte[] png)
    {
        Assert.True(png.Length > 8 && png.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG signature");
        var chunks = new List<Chunk>();
        for (int at = 8; at < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            chunks.Add(new Chunk(type, png.AsSpan(at + 8, length).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }
        return chunks;
    }

    /// <summary>Width and height from the IHDR chunk, which must come first (PNG spec §11.2.2).</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        var ihdr = PngChunks(png)[0];
        Assert.Equal("IHDR", ihdr.Type);
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(ihdr.Data), (int)BinaryPrimitives.ReadUInt32BigEndian(ihdr.Data.AsSpan(4)));
    }

    /// <summary>The SVG root element, after checking that the text parses as XML with an &lt;svg&gt; root.</summary>
    public static XElement SvgRoot(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return root;
    }
}
