using System.Text;

namespace Forecast.Tests.History;

/// <summary>A CSV written to its own temporary folder, deleted on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    private readonly string _folder;

    private TempCsv(byte[] bytes, string name)
    {
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "forecast-history-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, name);
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    public static TempCsv Text(string text, string name = "history.csv") => new(new UTF8Encoding(false).GetBytes(text), name);

    public static TempCsv Bytes(byte[] bytes, string name = "history.csv") => new(bytes, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
