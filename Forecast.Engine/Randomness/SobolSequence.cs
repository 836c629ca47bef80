using System.Numerics;

namespace Forecast.Engine.Randomness;

/// <summary>
/// A scrambled Sobol sequence (quasi-Monte Carlo) with 52-bit points. Dimension 0 is van der Corput's;
/// dimension i ≥ 1 is dimension i + 1 of Joe and Kuo's set new-joe-kuo-6.21201 (<see cref="JoeKuoDirections"/>:
/// its primitive polynomial and initial direction numbers, chosen for good two-dimensional projections), up to
/// 21,201 dimensions; Bratley and Fox's recurrence gives the rest of the direction numbers. Each dimension is
/// scrambled by Matoušek's random linear matrix scramble and a random digital shift drawn from the seed, so every
/// seed gives an independent randomised QMC replicate whose points are still a (t, s)-sequence. Point n is taken
/// in Gray-code order (Antonov and Saleev), so consecutive points cost one XOR per dimension.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Bits per coordinate; point indices must stay below 2^52.</summary>
    public const int Bits = 52;
    private const double Unit = 1.0 / (1UL << Bits);
    private readonly ulong[] _directions;

    private readonly ulong[] _shifts;

    private SobolSequence(int dimensions, ulong[] directions, ulong[] shifts)
    {
        Dimensions = dimensions;
        _directions = directions;
        _shifts = shifts;
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Most dimensions a sequence has: Joe and Kuo's set.</summary>
    public const int MaxDimensions = JoeKuoDirections.Dimensions;

    /// <summary>A sequence of <paramref name="dimensions"/> dimensions (at most <see cref="MaxDimensions"/>), scrambled by <paramref name="seed"/> (null: unscrambled).</summary>
    public static SobolSequence Create(int dimensions, ulong? seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        var directions = new ulong[dimensions * Bits];
        var shifts = new ulong[dimensions];
        ulong scramble = seed ?? 0;
        var m = new ulong[Bits + 1];
        for (int d = 0; d < dimensions; d++)
        {
            if (d == 0)
            {
                for (int j = 1; j <= Bits; j++) m[j] = 1;
            }
            else
            {
                // Dimension d is the set's d + 1 (its first, van der Corput's, is dimension 0 here).
                ulong p = JoeKuoDirections.Polynomial(d + 1);
                int s = JoeKuoDirections.Degree(d + 1);
                var initial = JoeKuoDirections.Initial(d + 1);
                for (int k = 1; k <= s; k++) m[k] = initial[k - 1];
                for (int j = s + 1; j <= Bits; j++)
                {
                    // m_j = 2a₁m_{j−1} ⊕ 4a₂m_{j−2} ⊕ … ⊕ 2^{s−1}a_{s−1}m_{j−s+1} ⊕ 2^s m_{j−s} ⊕ m_{j−s}
                    ulong value = m[j - s] ^ (m[j - s] << s);
                    for (int k = 1; k < s; k++)
                        if (((p >> (s - k)) & 1) != 0) value ^= m[j - k] << k;
                    m[j] = value;
                }
            }
            var row = directions.AsSpan(d * Bits, Bits);
            for (int j = 1; j <= Bits; j++) row[j - 1] = m[j] << (Bits - j);
            if (seed is not null)
            {
                Scramble(row, ref scramble);
                shifts[d] = SplitMix64.Next(ref scramble) >> (64 - Bits);
            }
        }
        return new SobolSequence(dimensions, directions, shifts);
    }

    /// <summary>
    /// Matoušek's linear matrix scramble: digit r of every direction number (r = 1 the most significant)
    /// becomes the parity of digits 1..r under a random lower-triangular row with a 1 on the diagonal.
    /// </summary>
    private static void Scramble(Span<ulong> row, ref ulong state)
    {
        Span<ulong> lower = stackalloc ulong[Bits];
        for (int r = 1; r <= Bits; r++)
        {
            int diagonal = Bits - r;
            ulong allowed = ((1UL << Bits) - 1) & ~((1UL << diagonal) - 1);
            lower[r - 1] = (SplitMix64.Next(ref state) & allowed) | (1UL << diagonal);
        }
        for (int j = 0; j < row.Length; j++)
        {
            ulong v = row[j], y = 0;
            for (int r = 1; r <= Bits; r++)
                y |= (ulong)(BitOperations.PopCount(lower[r - 1] & v) & 1) << (Bits - r);
            row[j] = y;
        }
    }

    /// <summary>Coordinates of points <paramref name="first"/> .. first + destination.Length − 1 in <paramref name="dimension"/>, in (0, 1).</summary>
    public void Fill(int dimension, long first, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if ((ulong)first + (ulong)destination.Length >= 1UL << Bits)
            throw new ArgumentOutOfRangeException(nameof(first), first, "a Sobol sequence has 2^52 points");
        var v = _directions.AsSpan(dimension * Bits, Bits);
        ulong gray = (ulong)first ^ ((ulong)first >> 1);
        ulong x = _shifts[dimension];
        for (int j = 0; gray != 0; j++, gray >>= 1)
            if ((gray & 1) != 0) x ^= v[j];
        ulong n = (ulong)first;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (x + 0.5) * Unit;
            n++;
            x ^= v[BitOperations.TrailingZeroCount(n)];
        }
    }
}
