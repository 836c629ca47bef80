using System.Buffers.Binary;

namespace Forecast.Engine.Randomness;

/// <summary>
/// Joe and Kuo's Sobol direction numbers, set new-joe-kuo-6.21201 (S. Joe and F. Y. Kuo, "Constructing Sobol
/// sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2008, 2635-2654;
/// https://web.maths.unsw.edu.au/~fkuo/sobol/; BSD-style licence in Randomness/JoeKuo/LICENSE): for each of the
/// file's dimensions d = 2 .. 21201, the degree s of its primitive polynomial, the polynomial's inner coefficients
/// a, and the initial direction numbers m_1 .. m_s. Dimension 1 of the file, van der Corput's, has none.
/// </summary>
/// <remarks>
/// The table is the embedded resource Randomness/JoeKuo/new-joe-kuo-6.21201.bin (398 KiB; packed by pack.py beside it,
/// format described there), decoded on first use only: runs without Sobol sampling never read it.
/// </remarks>
internal static class JoeKuoDirections
{
    /// <summary>Dimensions of the set, van der Corput's included (the file's last d).</summary>
    public const int Dimensions = 21201;

    /// <summary>Highest degree of a polynomial in the set.</summary>
    public const int MaxDegree = 18;

    /// <summary>Degree s of the primitive polynomial of file dimension <paramref name="d"/> (2 ≤ d ≤ 21201).</summary>
    public static int Degree(int d) => Table.Degrees[Row(d)];

    /// <summary>
    /// The primitive polynomial of file dimension <paramref name="d"/> as bits (bit i the coefficient of x^i):
    /// x^s + a_1 x^(s−1) + … + a_(s−1) x + 1, where a = a_1 … a_(s−1) in binary.
    /// </summary>
    public static ulong Polynomial(int d)
    {
        int row = Row(d), s = Table.Degrees[row];
        return (1UL << s) | ((ulong)Table.Inner[row] << 1) | 1;
    }

    /// <summary>Initial direction numbers m_1 .. m_s of file dimension <paramref name="d"/> (m_k odd, below 2^k).</summary>
    public static ReadOnlySpan<uint> Initial(int d)
    {
        int row = Row(d);
        return Table.Numbers.AsSpan(Table.Offsets[row], Table.Degrees[row]);
    }

    private static int Row(int d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(d, Dimensions);
        return d - 2;
    }

    /// <summary>The decoded table; the runtime runs this class's initialiser on first access, once, thread-safely.</summary>
    private static class Table
    {
        public static readonly byte[] Degrees;
        public static readonly uint[] Inner;
        public static readonly int[] Offsets;
        public static readonly uint[] Numbers;

#pragma warning disable CA1810 // the decoding needs a body; a static constructor keeps the table lazy
        static Table()
#pragma warning restore CA1810
        {
            const string name = "Forecast.Engine.Randomness.JoeKuo.new-joe-kuo-6.21201.bin";
            using var stream = typeof(JoeKuoDirections).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"the embedded resource {name} is missing");
            var data = new byte[stream.Length];
            stream.ReadExactly(data);
            int rows = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (rows != Dimensions - 1) throw new InvalidOperationException($"{name} holds {rows} rows, not {Dimensions - 1}");
            Degrees = new byte[rows];
            Inner = new uint[rows];
            Offsets = new int[rows];
            var numbers = new List<uint>(rows * 16);
            var bits = new BitReader(data.AsSpan(4));
            for (int r = 0; r < rows; r++)
            {
                int s = (int)bits.Read(5);
                Degrees[r] = (byte)s;
                Inner[r] = bits.Read(s - 1);
                Offsets[r] = numbers.Count;
                for (int k = 1; k <= s; k++) numbers.Add((bits.Read(k - 1) << 1) | 1);
            }
            Numbers = [.. numbers];
        }
    }

    /// <summary>Reads a bit stream least significant bit first.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private long _position;

        public uint Read(int width)
        {
            uint value = 0;
            for (int i = 0; i < width; i++, _position++)
                value |= (uint)((_data[(int)(_position >> 3)] >> (int)(_position & 7)) & 1) << i;
            return value;
        }
    }
}
