using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Forecast.Runner.Plots;
using ScottPlot;

namespace Forecast.Tests.Plots;

public class FigureWriterTests
{
    private static Figure Simple(int width, int height)
    {
        var plot = new Plot();
        plot.Add.ScatterLine(new double[] { 2021, 2022, 2023 }, new double[] { 1, 2, 3 });
        return Figure.Of("simple", "simple", plot, width, height);
    }

    [Theory]
    [InlineData(640, 400)]
    [InlineData(1100, 930)]
    public void Png_HasTheSignatureAndTheRequestedSize_At96Dpi(int width, int height)
    {
        byte[] png = FigureWriter.Png(Simple(width, height));
        Assert.Equal((width, height), ImageFiles.PngSize(png));
        Assert.Equal("IEND", ImageFiles.PngChunks(png)[^1].Type);
    }

    [Fact]
    public void Png_At300Dpi_IsTheLayoutScaledBy300Over96_AndSaysItsResolution()
    {
        byte[] png = FigureWriter.Png(Simple(640, 400), 300);
        // 640·300/96 = 2000, 400·300/96 = 1250.
        Assert.Equal((2000, 1250), ImageFiles.PngSize(png));
        var phys = ImageFiles.PngChunks(png).Single(c => c.Type == "pHYs");
        // 300 dots per inch = 300/0.0254 = 11811 dots per metre, unit byte 1 (metre), PNG spec §11.3.5.3.
        Assert.Equal(11811u, BinaryPrimitives.ReadUInt32BigEndian(phys.Data));
        Assert.Equal(11811u, BinaryPrimitives.ReadUInt32BigEndian(phys.Data.AsSpan(4)));
        Assert.Equal(1, phys.Data[8]);
        Assert.Equal(FigureWriter.Crc32([.. "pHYs"u8, .. phys.Data]), phys.Crc);
    }

    [Fact]
    public void Crc32_MatchesTheCrcOfTheIendChunk()
    {
        // Every PNG ends with the IEND chunk, whose CRC over its type is AE 42 60 82 (PNG spec §11.2.5).
        Assert.Equal(0xAE426082u, FigureWriter.Crc32("IEND"u8));
    }

    [Fact]
    public void Png_OutsideTheAcceptedResolutions_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FigureWriter.Png(Simple(100, 100), 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => FigureWriter.Png(Simple(100, 100), 1200));
    }

    [Fact]
    public void Svg_ParsesAsXml_WithAnSvgRootOfTheRequestedSize()
    {
        var root = ImageFiles.SvgRoot(FigureWriter.Svg(Simple(640, 400)));
        Assert.Equal(640, double.Parse(root.Attribute("width")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(400, double.Parse(root.Attribute("height")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WritePngAndWriteSvg_WriteTheInMemoryForms()
    {
        string folder = Runner.CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        var figure = Simple(300, 200);
        FigureWriter.WritePng(figure, Path.Combine(folder, "a.png"));
        FigureWriter.WriteSvg(figure, Path.Combine(folder, "a.svg"));
        Assert.Equal(FigureWriter.Png(figure), File.ReadAllBytes(Path.Combine(folder, "a.png")));
        // SVG clip-path ids come from a process-wide counter, so two renders differ in their ids only.
        var root = ImageFiles.SvgRoot(File.ReadAllText(Path.Combine(folder, "a.svg"), Encoding.UTF8));
        Assert.Equal("300", root.Attribute("width")!.Value);
    }
}
