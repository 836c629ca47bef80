namespace Forecast.Engine.Evaluation;

/// <summary>
/// A forecast distribution of one indicator in one year, stored as its quantile function: the exact minimum
/// and maximum of the simulated paths and the quantiles at the <see cref="GridPoints"/> mid-points
/// p_i = (i + ½)/<see cref="GridPoints"/>. Between these nodes (0, min), (p_i, q_i), (1, max) the quantile
/// function is linear, which defines the distribution everything here is computed from: the CDF, the PIT, the
/// CRPS (integrated exactly, segment by segment) and the interval score. The representation does not depend on
/// how the simulation summarised its paths (a histogram today), so a run folder stays readable when that changes.
/// </summary>
/// <remarks>
/// A count's quantile function is a staircase: several nodes share one value, and that value is an atom of the
/// distribution. <see cref="Cdf"/> then returns the jump, F(x−) and F(x), to the resolution of the grid
/// (±1/<see cref="GridPoints"/>).
/// </remarks>
public sealed class ForecastDistribution
{
    /// <summary>Quantiles stored per distribution (besides the minimum and maximum).</summary>
    public const int GridPoints = 1000;

    private readonly double[] _values;

    /// <param name="min">Smallest simulated value.</param>
    /// <param name="max">Largest simulated value.</param>
    /// <param name="mean">Mean of the simulated values (reported, not used by the scores).</param>
    /// <param name="quantiles">The <see cref="GridPoints"/> quantiles at p_i = (i + ½)/<see cref="GridPoints"/>, non-decreasing, within [min, max].</param>
    /// <exception cref="ArgumentException">Not <see cref="GridPoints"/> quantiles, a value that is not finite, or nodes that decrease.</exception>
    public ForecastDistribution(double min, double max, double mean, IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Count != GridPoints)
            throw new ArgumentException($"expected {GridPoints} quantiles, found {quantiles.Count}", nameof(quantiles));
        _values = new double[GridPoints + 2];
        _values[0] = min;
        for (int i = 0; i < GridPoints; i++) _values[i + 1] = quantiles[i];
        _values[^1] = max;
        for (int j = 0; j < _values.Length; j++)
        {
            if (!double.IsFinite(_values[j])) throw new ArgumentException($"node {j} of the quantile function is not finite ({_values[j]})", nameof(quantiles));
            if (j > 0 && _values[j] < _values[j - 1])
                throw new ArgumentException($"the quantile function decreases between p = {Node(j - 1)} ({_values[j - 1]}) and p = {Node(j)} ({_values[j]})", nameof(quantiles));
        }
        Mean = mean;
    }

    /// <summary>The probability of grid point i, (i + ½)/<see cref="GridPoints"/>.</summary>
    public static double GridProbability(int i) => (i + 0.5) / GridPoints;

    /// <summary>The probabilities of the grid, in order.</summary>
    public static double[] GridProbabilities()
    {
        var p = new double[GridPoints];
        for (int i = 0; i < GridPoints; i++) p[i] = GridProbability(i);
        return p;
    }

    /// <summary>Smallest simulated value.</summary>
    public double Min => _values[0];

    /// <summary>Largest simulated value.</summary>
    public double Max => _values[^1];

    /// <summary>Mean of the simulated values.</summary>
    public double Mean { get; }

    /// <summary>The stored quantiles at the grid's probabilities.</summary>
    public ReadOnlySpan<double> Quantiles => _values.AsSpan(1, GridPoints);

    /// <summary>Probability of node j: 0 for the minimum, p_{j−1} for the grid, 1 for the maximum.</summary>
    private static double Node(int j) => j == 0 ? 0 : j == GridPoints + 1 ? 1 : GridProbability(j - 1);

    /// <summary>The p-quantile, linear between the nodes.</summary>
    public double Quantile(double p)
    {
        if (double.IsNaN(p)) return double.NaN;
        if (p <= 0) return Min;
        if (p >= 1) return Max;
        // Node j + 1 is the first grid point above p: p_j ≤ p < p_{j+1} in grid terms.
        double position = p * GridPoints - 0.5;
        int j = position < 0 ? 0 : Math.Min(GridPoints, (int)Math.Floor(position) + 1);
        double a = Node(j), b = Node(j + 1);
        double t = (p - a) / (b - a);
        return _values[j] + (_values[j + 1] - _values[j]) * t;
    }

    /// <summary>
    /// The CDF at x from both sides: <c>Below</c> = F(x−) = P(X &lt; x) and <c>AtOrBelow</c> = F(x) = P(X ≤ x). They differ
    /// only where x is an atom (a value several nodes share, as a count's quantile function has).
    /// </summary>
    public (double Below, double AtOrBelow) Cdf(double x)
    {
        int n = _values.Length;
        // First node ≥ x and last node ≤ x.
        int first = LowerBound(x);
        int last = UpperBound(x) - 1;
        double below = first == 0 ? 0 : first == n ? 1 : _values[first] == x ? Node(first) : Between(first - 1, x);
        double atOrBelow = last < 0 ? 0 : last == n - 1 ? 1 : _values[last] == x ? Node(last) : Between(last, x);
        return (below, atOrBelow);
    }

    /// <summary>The probability at x on the segment from node j to node j + 1 (whose values bracket x strictly).</summary>
    private double Between(int j, double x)
    {
        double a = Node(j), b = Node(j + 1);
        return a + (b - a) * (x - _values[j]) / (_values[j + 1] - _values[j]);
    }

    private int LowerBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_values[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int UpperBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_values[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// The probability integral transform of an observation y: the interval [F(y−), F(y)], a single point unless y is an
    /// atom. See <see cref="Pit"/> for the point values made of it.
    /// </summary>
    public Pit PitOf(double y)
    {
        var (below, atOrBelow) = Cdf(y);
        return new Pit(below, atOrBelow);
    }

    /// <summary>
    /// The continuous ranked probability score of y, CRPS(F, y) = ∫ (F(x) − 1{y ≤ x})² dx, computed as the integral of the
    /// quantile score, 2∫₀¹ (1{y &lt; F⁻¹(p)} − p)(F⁻¹(p) − y) dp (Laio and Tamea 2007; Gneiting and Ranjan 2011), exactly
    /// for the piecewise-linear quantile function: on each segment the integrand is a quadratic in p (split where F⁻¹(p)
    /// crosses y), which Simpson's rule integrates without error. In the indicator's unit; 0 is a perfect point forecast.
    /// </summary>
    public double Crps(double y)
    {
        double sum = 0;
        for (int j = 0; j + 1 < _values.Length; j++)
        {
            double a = Node(j), b = Node(j + 1), qa = _values[j], qb = _values[j + 1];
            if ((qa - y) * (qb - y) < 0)
            {
                // F⁻¹ crosses y inside the segment: split there, so each part has one sign of F⁻¹(p) − y.
                double c = a + (b - a) * (y - qa) / (qb - qa);
                sum += Simpson(a, qa, c, y, y) + Simpson(c, y, b, qb, y);
            }
            else
            {
                sum += Simpson(a, qa, b, qb, y);
            }
        }
        return 2 * sum;
    }

    /// <summary>Simpson's rule for ∫ρ_p(y, q(p)) dp over [a, b] with q linear from qa to qb, on which q − y keeps one sign.</summary>
    private static double Simpson(double a, double qa, double b, double qb, double y)
    {
        if (b <= a) return 0;
        double m = (a + b) / 2, qm = (qa + qb) / 2;
        return (b - a) / 6 * (QuantileScore(a, qa, y) + 4 * QuantileScore(m, qm, y) + QuantileScore(b, qb, y));
    }

    /// <summary>The quantile (pinball) score ρ_p(y, q) = (1{y &lt; q} − p)(q − y).</summary>
    private static double QuantileScore(double p, double q, double y) => ((y < q ? 1 : 0) - p) * (q - y);

    /// <summary>
    /// What the CRPS would average if the observations came from this distribution itself: E CRPS(F, Y) = ½E|X − X'| for
    /// Y, X, X' independent draws from F, which equals ∫₀¹ (2p − 1) F⁻¹(p) dp (computed exactly, like <see cref="Crps"/>).
    /// A CRPS divided by it is about 1 for a calibrated forecast whatever the indicator's unit (σ/√π for a normal).
    /// </summary>
    public double ExpectedCrps
    {
        get
        {
            double sum = 0;
            for (int j = 0; j + 1 < _values.Length; j++)
            {
                double a = Node(j), b = Node(j + 1), qa = _values[j], qb = _values[j + 1];
                double m = (a + b) / 2, qm = (qa + qb) / 2;
                sum += (b - a) / 6 * ((2 * a - 1) * qa + 4 * (2 * m - 1) * qm + (2 * b - 1) * qb);
            }
            return sum;
        }
    }

    /// <summary>
    /// The interval score of the central (1 − α) interval [l, u] = [F⁻¹(α/2), F⁻¹(1 − α/2)] (Gneiting and Raftery 2007,
    /// section 6.2): (u − l) + (2/α)(l − y)·1{y &lt; l} + (2/α)(y − u)·1{y &gt; u}. Its width rewards sharpness; the
    /// penalty, misses.
    /// </summary>
    public double IntervalScore(double y, double alpha = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alpha, 1);
        var (l, u) = CentralInterval(1 - alpha);
        return u - l + 2 / alpha * (Math.Max(0, l - y) + Math.Max(0, y - u));
    }

    /// <summary>The central interval holding <paramref name="coverage"/> of the distribution: [F⁻¹((1 − c)/2), F⁻¹((1 + c)/2)].</summary>
    public (double Lower, double Upper) CentralInterval(double coverage) =>
        (Quantile((1 - coverage) / 2), Quantile((1 + coverage) / 2));
}
