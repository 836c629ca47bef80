namespace Forecast.Engine.Randomness;

/// <summary>
/// Primitive polynomials over GF(2), in order of degree and then of value, as Sobol's construction needs
/// one per dimension (the sequence takes Joe and Kuo's, <see cref="JoeKuoDirections"/>; this independent search
/// checks that table). A polynomial p of degree s with p(0) = 1 is primitive exactly when x has order
/// 2^s − 1 modulo p: x^(2^s−1) = 1 and x^((2^s−1)/q) ≠ 1 for every prime q dividing 2^s − 1.
/// Bit i of a polynomial's value is the coefficient of x^i.
/// </summary>
public static class PrimitivePolynomials
{
    /// <summary>The first <paramref name="count"/> primitive polynomials (x + 1, x² + x + 1, x³ + x + 1, x³ + x² + 1, ...).</summary>
    public static IReadOnlyList<ulong> First(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<ulong>(count);
        for (int degree = 1; result.Count < count; degree++)
        {
            if (degree > 30) throw new ArgumentOutOfRangeException(nameof(count), count, "more primitive polynomials than degree 30 holds");
            ulong order = (1UL << degree) - 1;
            var primes = PrimeFactors(order);
            for (ulong p = (1UL << degree) | 1; p < 1UL << (degree + 1) && result.Count < count; p += 2)
            {
                if (PowerOfX(order, p, degree) != 1) continue;
                if (primes.Any(q => PowerOfX(order / q, p, degree) == 1)) continue;
                result.Add(p);
            }
        }
        return result;
    }

    /// <summary>x^e mod p, by square and multiply.</summary>
    private static ulong PowerOfX(ulong e, ulong p, int degree)
    {
        ulong result = 1, x = degree == 1 ? 1UL : 2UL; // x mod (x + 1) = 1
        while (e > 0)
        {
            if ((e & 1) != 0) result = MultiplyMod(result, x, p, degree);
            x = MultiplyMod(x, x, p, degree);
            e >>= 1;
        }
        return result;
    }

    private static ulong MultiplyMod(ulong a, ulong b, ulong p, int degree)
    {
        ulong product = 0;
        while (b != 0)
        {
            if ((b & 1) != 0) product ^= a;
            b >>= 1;
            a <<= 1;
            if ((a & (1UL << degree)) != 0) a ^= p;
        }
        return product;
    }

    private static List<ulong> PrimeFactors(ulong n)
    {
        var primes = new List<ulong>();
        for (ulong q = 2; q * q <= n; q++)
        {
            if (n % q != 0) continue;
            primes.Add(q);
            while (n % q == 0) n /= q;
        }
        if (n > 1) primes.Add(n);
        return primes;
    }
}
