using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Arrays whose first element starts on a 64-byte cache line, for the block buffers the vector kernels stream through.
/// A managed array's elements start 16 bytes after its 8-byte-aligned header, so a 512-bit load from an ordinary
/// double[] straddles two cache lines seven times in eight: on bench-gbm8 that cost about 15% of the simulation's CPU
/// (Cholesky mixing 0.93 → 0.35-0.5 ns per value, measured in isolation; docs/performance.md). .NET has no aligned
/// managed allocation, so the array is allocated on the pinned heap (which never moves an object, so the alignment
/// lasts), placed: the pinned heap hands out consecutive addresses, so a small probe shows where the next object goes
/// and a filler of the right size (24 to 80 bytes) puts the array's elements on a line boundary. Where the heap puts it
/// elsewhere (a new region, or pinned objects of other code in between: placements here take a lock, so two workers
/// making their buffers at once do not interleave), it tries again; a try that misses is allocated
/// uninitialised, so it costs no zeroing and touches none of its pages (trial and error with zeroed tries made a
/// 1,000-path Liaocheng run 0.1 s slower). Arrays above <see cref="MaxBytes"/> are ordinary ones: the heap often puts
/// such an array in a region of its own, where no probe can place it, so its tries mostly missed (Liaocheng's rows of 44
/// drivers, 352 KB) while costing address space and garbage-collection budget. Alignment only changes speed, never a
/// value: if every try misses, the array is an ordinary one too.
/// </summary>
internal static class CacheLineArray
{
    public const int LineBytes = 64;

    /// <summary>Largest array placed on a cache line: 16 rows of a block (bench-gbm8's rows are 8).</summary>
    public const int MaxBytes = 16 * BlockWorkspace.BlockSize * sizeof(double);

    /// <summary>Placements tried before settling for an ordinary array.</summary>
    private const int Tries = 16;

    private static readonly Lock Placing = new();

    /// <summary>A byte[8] on the 64-bit runtime: header, method table, length and eight bytes.</summary>
    private const int ProbeBytes = 32;

    /// <summary>The smallest array object (an empty byte[]): header, method table and length.</summary>
    private const int EmptyArrayBytes = 24;

    /// <summary>A zeroed array of <paramref name="length"/> elements, pinned and starting on a cache line where the heap allows it.</summary>
    public static T[] Of<T>(int length) where T : unmanaged
    {
        if (length == 0) return [];
        if ((long)length * Unsafe.SizeOf<T>() > MaxBytes) return new T[length];
        // Probes, fillers and misses stay alive until the array is placed, so the heap cannot reuse their space meanwhile.
        var kept = new List<Array>();
        T[]? placed = null;
        lock (Placing)
        {
            for (int attempt = 0; attempt < Tries && placed is null; attempt++)
            {
                var probe = GC.AllocateArray<byte>(8, pinned: true);
                // The next object's elements would start ProbeBytes after the probe's; a filler of s bytes moves them by s.
                long next = Marshal.UnsafeAddrOfPinnedArrayElement(probe, 0) + ProbeBytes;
                long s = ((-next % LineBytes) + LineBytes) % LineBytes;
                if (s < EmptyArrayBytes) s += LineBytes;
                var filler = GC.AllocateArray<byte>((int)s - EmptyArrayBytes, pinned: true);
                var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
                kept.Add(probe);
                kept.Add(filler);
                kept.Add(array);
                if (IsAligned(array)) placed = array;
            }
        }
        GC.KeepAlive(kept);
        if (placed is null) return new T[length];
        Array.Clear(placed);
        return placed;
    }

    /// <summary>Whether the array's first element starts on a cache line.</summary>
    public static bool IsAligned<T>(T[] array) where T : unmanaged =>
        array.Length > 0 && (Marshal.UnsafeAddrOfPinnedArrayElement(array, 0) & (LineBytes - 1)) == 0;
}
