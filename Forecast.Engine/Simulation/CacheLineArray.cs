using System.Runtime.InteropServices;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Arrays whose first element starts on a 64-byte cache line, for the block buffers the vector kernels stream through.
/// A managed array's elements start 16 bytes after its 8-byte-aligned header, so a 512-bit load from an ordinary
/// double[] straddles two cache lines seven times in eight: on bench-gbm8 that cost about 15% of the simulation's CPU
/// (Cholesky mixing 0.93 → 0.35-0.5 ns per value, measured in isolation; docs/performance.md). .NET has no aligned
/// managed allocation, so the array is allocated pinned (the pinned heap never moves an object, so the alignment
/// lasts) until one starts on a line: after a miss, a small pinned filler of 0 to 56 bytes more than the last moves
/// the next allocation along by another eight bytes (an array's own size alone may step through only some of the
/// eight offsets), and misses and fillers are kept alive meanwhile so that the allocator cannot hand back the same
/// address. Tries are allocated uninitialised, so a miss costs neither zeroing nor, for a large array, its pages (zeroed
/// tries made a 1,000-path Liaocheng run 10% slower); only the array kept is cleared. Alignment only changes speed,
/// never a value: after a bounded number of tries the first array is used.
/// </summary>
internal static class CacheLineArray
{
    public const int LineBytes = 64;

    /// <summary>Tries before giving up on alignment (eight offsets are possible; a new heap region may restart the walk).</summary>
    private const int Tries = 64;

    /// <summary>A zeroed, pinned array of <paramref name="length"/> elements, starting on a cache line where the heap allows it.</summary>
    public static T[] Of<T>(int length) where T : unmanaged
    {
        if (length == 0) return [];
        var misses = new List<T[]>();
        var fillers = new List<byte[]>();
        for (int attempt = 0; attempt < Tries; attempt++)
        {
            // Uninitialised: a miss then costs no zeroing and, for a large array, touches none of its pages.
            var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
            if (IsAligned(array))
            {
                GC.KeepAlive(fillers);
                GC.KeepAlive(misses);
                Array.Clear(array);
                return array;
            }
            misses.Add(array);
            fillers.Add(GC.AllocateArray<byte>(8 * (attempt % 8), pinned: true));
        }
        Array.Clear(misses[0]);
        return misses[0];
    }

    /// <summary>Whether the array's first element starts on a cache line.</summary>
    public static bool IsAligned<T>(T[] array) where T : unmanaged =>
        array.Length > 0 && (Marshal.UnsafeAddrOfPinnedArrayElement(array, 0) & (LineBytes - 1)) == 0;
}
