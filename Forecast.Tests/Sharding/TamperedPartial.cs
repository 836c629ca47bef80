using Forecast.Runner.Sharding;

namespace Forecast.Tests.Sharding;

/// <summary>Partial files spoiled on purpose, for the merge refusals of run, sweep and sensitivity partials.</summary>
internal static class TamperedPartial
{
    /// <summary>A copy of <paramref name="from"/> in <paramref name="work"/> with its bytes changed in place, or cut to half when <paramref name="resize"/>.</summary>
    public static string Copy(string work, string from, string name, Action<byte[]> change, bool resize = false)
    {
        byte[] bytes = File.ReadAllBytes(from);
        if (resize) bytes = bytes[..(bytes.Length / 2)];
        else change(bytes);
        string to = Path.Combine(work, name + PartialFile.Extension);
        File.WriteAllBytes(to, bytes);
        return to;
    }

    /// <summary>A well-formed partial (valid checksum) with the header of <paramref name="from"/> changed and its state kept.</summary>
    public static string Rewritten(string work, string from, string name, Func<PartialHeader, PartialHeader> change)
    {
        var (header, bytes, start) = PartialFile.Read(from);
        using var state = new MemoryStream();
        using (var stream = PartialFile.State(bytes, start)) stream.CopyTo(state);
        string to = Path.Combine(work, name + PartialFile.Extension);
        PartialFile.Write(to, change(header), s => s.Write(state.ToArray()));
        return to;
    }
}
