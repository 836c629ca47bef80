using System.Runtime.InteropServices;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Arrays of an observer's state in and out of a stream given by the caller (a shard's partial file: the runner owns
/// the file, its header and checksum). Each array is its length, then its elements in little-endian order; a length
/// other than the reader's array is a state of another plan, refused.
/// </summary>
internal static class StateIO
{
    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static void Write<T>(BinaryWriter writer, T[] values) where T : unmanaged => Write(writer, (ReadOnlySpan<T>)values);

    /// <summary>Reads an array of exactly <paramref name="into"/>'s length.</summary>
    /// <exception cref="InvalidDataException">The stored length differs, or the stream ends early.</exception>
    public static void Read<T>(BinaryReader reader, Span<T> into) where T : unmanaged
    {
        int length = reader.ReadInt32();
        if (length != into.Length) throw new InvalidDataException($"a stored array holds {length} values where this plan has {into.Length}");
        var bytes = MemoryMarshal.AsBytes(into);
        int read = 0;
        while (read < bytes.Length)
        {
            int n = reader.Read(bytes[read..]);
            if (n == 0) throw new InvalidDataException("the state ends early");
            read += n;
        }
    }

    /// <summary>Reads an array of <paramref name="into"/>'s length and adds it element by element.</summary>
    public static void Add(BinaryReader reader, Span<long> into)
    {
        var other = new long[into.Length];
        Read<long>(reader, other);
        for (int j = 0; j < into.Length; j++) into[j] += other[j];
    }
}
