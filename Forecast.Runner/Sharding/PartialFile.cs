using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Simulation;

namespace Forecast.Runner.Sharding;

/// <summary>What a partial says about the run it belongs to: the merge compares these across partials.</summary>
/// <param name="Kind">The analysis: <c>run</c>, <c>sweep</c> or <c>sensitivity</c>.</param>
/// <param name="EngineVersion">The engine's version and build (its module id): a merge needs the same engine.</param>
/// <param name="ScenarioHash">SHA-256 of the scenario as run (the folder's scenario.yaml) and of the reading options.</param>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="ScenarioFile">The scenario's file name (without folder).</param>
/// <param name="ScenarioBytes">The scenario as run, byte for byte (what the run folder's scenario.yaml holds).</param>
/// <param name="RepairCorrelations">Whether the scenario was read with --repair-correlations.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Paths">Paths of the whole run (per grid point or evaluation, for sweep and sensitivity).</param>
/// <param name="Sampling">The sampling method.</param>
/// <param name="Shard">This shard's index, 0 ≤ Shard &lt; Shards.</param>
/// <param name="Shards">How many shards the run was split into.</param>
/// <param name="First">The first unit of work (block, grid point or evaluation) of the shard.</param>
/// <param name="End">The unit after the shard's last.</param>
/// <param name="Settings">The analysis's own settings (sweep or sensitivity options), compared as text.</param>
internal sealed record PartialHeader(string Kind, string EngineVersion, string ScenarioHash, string ScenarioName, string ScenarioFile, byte[] ScenarioBytes,
    bool RepairCorrelations, ulong Seed, long Paths, string Sampling, int Shard, int Shards, long First, long End, string Settings);

/// <summary>
/// A shard's partial file: <c>FCPARTIAL</c> and the format version, the header (JSON), the engine's state of the shard
/// (Brotli-compressed), then the SHA-256 of everything before it. Written to a temporary file beside the target and
/// moved into place, so a partial that exists is whole; read back only when its checksum holds.
/// </summary>
internal static class PartialFile
{
    /// <summary>The extension of partial files (a folder given to merge is searched for them).</summary>
    public const string Extension = ".fcpartial";

    /// <summary>The format version: a partial of another format is refused.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "FCPARTIAL"u8.ToArray();

    /// <summary>The engine's version and build: the informational version and the module id of Forecast.Engine.</summary>
    public static string EngineVersion
    {
        get
        {
            var assembly = typeof(ShardedRun).Assembly;
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            return $"{version} (build {assembly.ManifestModule.ModuleVersionId:N})";
        }
    }

    /// <summary>SHA-256 of the scenario as run and of the reading options, as hex.</summary>
    public static string ScenarioHash(byte[] scenario, bool repairCorrelations) =>
        Convert.ToHexStringLower(SHA256.HashData([.. scenario, .. Encoding.UTF8.GetBytes($"\n--repair-correlations={repairCorrelations}")]));

    /// <summary>Writes the partial atomically: a temporary file beside <paramref name="path"/>, then moved over it.</summary>
    public static void Write(string path, PartialHeader header, Action<Stream> writeState)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite))
            {
                using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(FormatVersion);
                    byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, PartialJson.Default.PartialHeader);
                    writer.Write(json.Length);
                    writer.Write(json);
                }
                using (var brotli = new BrotliStream(file, CompressionLevel.Fastest, leaveOpen: true)) writeState(brotli);
                file.Flush();
                file.Position = 0;
                byte[] hash = SHA256.HashData(file);
                file.Write(hash);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads a partial's header after checking its checksum, and the position where its state starts.</summary>
    /// <exception cref="PartialException">Not a partial, another format version, or a checksum that does not hold.</exception>
    public static (PartialHeader Header, byte[] Bytes, int StateStart) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 8 + SHA256.HashSizeInBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new PartialException(path, "is not a forecast partial file (written by forecast run --shard ... --partial)");
        int version = BitConverter.ToInt32(bytes, Magic.Length);
        if (version != FormatVersion)
            throw new PartialException(path, $"is a partial of format version {version}; this forecast reads version {FormatVersion} (use the same forecast for every shard and the merge)");
        int end = bytes.Length - SHA256.HashSizeInBytes;
        if (!SHA256.HashData(bytes.AsSpan(0, end)).AsSpan().SequenceEqual(bytes.AsSpan(end)))
            throw new PartialException(path, "is corrupt (its checksum does not match its contents): rerun its shard");
        int length = BitConverter.ToInt32(bytes, Magic.Length + 4);
        int start = Magic.Length + 8;
        if (length < 0 || start + length > end) throw new PartialException(path, "is corrupt (its header is cut short): rerun its shard");
        PartialHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(bytes.AsSpan(start, length), PartialJson.Default.PartialHeader);
        }
        catch (JsonException)
        {
            header = null;
        }
        if (header is null) throw new PartialException(path, "is corrupt (its header cannot be read): rerun its shard");
        return (header, bytes, start + length);
    }

    /// <summary>The engine's state of a partial read by <see cref="Read"/>, decompressed.</summary>
    public static Stream State(byte[] bytes, int stateStart) =>
        new BrotliStream(new MemoryStream(bytes, stateStart, bytes.Length - SHA256.HashSizeInBytes - stateStart, writable: false), CompressionMode.Decompress);

    /// <summary>The file name of shard i of n in a folder: <c>&lt;name&gt;-shard-0003-of-0007.fcpartial</c>.</summary>
    public static string FileName(string name, int shard, int shards) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}-shard-{shard:D4}-of-{shards:D4}{Extension}");
}

/// <summary>A partial that cannot be used, and why; the message names the file.</summary>
internal sealed class PartialException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PartialHeader))]
internal sealed partial class PartialJson : System.Text.Json.Serialization.JsonSerializerContext;
