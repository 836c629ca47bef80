using MathNet.Numerics.LinearAlgebra;

namespace Forecast.Engine.Model;

/// <summary>One pair of drivers whose correlation a repair changed.</summary>
/// <param name="First">One driver.</param>
/// <param name="Second">The other driver.</param>
/// <param name="Given">The correlation the scenario gave (0 for a pair it did not list).</param>
/// <param name="Repaired">The correlation of the nearest correlation matrix.</param>
public sealed record CorrelationChange(string First, string Second, double Given, double Repaired)
{
    /// <summary>Repaired − given.</summary>
    public double Change => Repaired - Given;
}

/// <summary>What a correlation repair did: the pairs it changed, largest change first.</summary>
/// <param name="Changes">Every pair whose correlation moved by more than 1e-9, by decreasing |change|.</param>
/// <param name="SmallestEigenvalue">The given matrix's smallest eigenvalue (negative: why it needed the repair).</param>
/// <param name="Iterations">Alternating projections until the change between two iterations fell below 1e-12.</param>
public sealed record CorrelationRepair(IReadOnlyList<CorrelationChange> Changes, double SmallestEigenvalue, int Iterations)
{
    /// <summary>The largest |change| of any pair (0 when nothing changed).</summary>
    public double LargestChange => Changes.Count == 0 ? 0 : Math.Abs(Changes[0].Change);
}

/// <summary>
/// The nearest correlation matrix to a scenario's correlations that are not positive semi-definite, by Higham's
/// alternating projections with Dykstra's correction (N. J. Higham, "Computing the nearest correlation matrix — a problem
/// from finance", IMA J. Numer. Anal. 22, 2002, algorithm 3.3): alternately the nearest positive semi-definite matrix
/// (negative eigenvalues set to 0) and the nearest matrix with a unit diagonal, in the Frobenius norm. The result is made
/// exactly positive semi-definite with a unit diagonal by a last projection and a rescaling D^(−1/2)·X·D^(−1/2).
/// </summary>
public static class NearestCorrelation
{
    private const int MaxIterations = 10_000;
    private const double Tolerance = 1e-12;

    /// <summary>Whether the scenario's correlation matrix (unlisted pairs 0) is positive semi-definite within the validator's tolerance.</summary>
    public static bool IsPositiveSemiDefinite(Scenario scenario) => SmallestEigenvalue(Matrix(scenario)) >= -1e-10;

    /// <summary>
    /// The scenario with its correlations replaced by the nearest correlation matrix (every pair whose repaired value is
    /// not 0 is listed), and what changed. A scenario whose matrix is already positive semi-definite comes back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">A correlation names a driver that is not in the scenario, or lies outside [−1, 1].</exception>
    public static (Scenario Scenario, CorrelationRepair Repair) Repair(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var given = Matrix(scenario);
        double smallest = SmallestEigenvalue(given);
        if (smallest >= -1e-10) return (scenario, new CorrelationRepair([], smallest, 0));

        var (repaired, iterations) = Nearest(given);
        int n = scenario.Drivers.Count;
        var changes = new List<CorrelationChange>();
        // Only the yearly shocks' matrix is repaired; correlations of levels are kept as given (their matrix is checked on its own).
        var correlations = scenario.Correlations.Where(c => c.Scope == CorrelationScope.Levels).ToList();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double before = given[i, j], after = repaired[i, j];
                bool listed = scenario.Correlations.Any(c => c.Scope == CorrelationScope.Shocks && Pair(scenario, c) is var (a, b) && ((a == i && b == j) || (a == j && b == i)));
                if (listed || Math.Abs(after) > 1e-12) correlations.Add(new Correlation(scenario.Drivers[i].Id, scenario.Drivers[j].Id, after));
                if (Math.Abs(after - before) > 1e-9) changes.Add(new CorrelationChange(scenario.Drivers[i].Id, scenario.Drivers[j].Id, before, after));
            }
        }
        changes.Sort((x, y) => Math.Abs(y.Change).CompareTo(Math.Abs(x.Change)));
        return (scenario with { Correlations = correlations }, new CorrelationRepair(changes, smallest, iterations));
    }

    /// <summary>Higham's alternating projections with Dykstra's correction, then an exact final projection.</summary>
    internal static (Matrix<double> Repaired, int Iterations) Nearest(Matrix<double> a)
    {
        int n = a.RowCount;
        var y = a.Clone();
        var correction = Matrix<double>.Build.Dense(n, n);
        int iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            var r = y - correction;
            var x = PositivePart(r);
            correction = x - r;
            var next = x.Clone();
            for (int i = 0; i < n; i++) next[i, i] = 1;
            double step = (next - y).FrobeniusNorm();
            y = next;
            if (step < Tolerance * Math.Max(1, y.FrobeniusNorm())) break;
        }
        // Positive semi-definite exactly (a projection), then a unit diagonal by a congruence, which keeps it so.
        var psd = PositivePart(y);
        var scaled = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                scaled[i, j] = i == j ? 1 : Math.Clamp(psd[i, j] / Math.Sqrt(Math.Max(psd[i, i], 1e-300) * Math.Max(psd[j, j], 1e-300)), -1, 1);
        return (scaled, iteration + 1);
    }

    /// <summary>The nearest positive semi-definite matrix: the symmetric eigen-decomposition with negative eigenvalues set to 0.</summary>
    private static Matrix<double> PositivePart(Matrix<double> m)
    {
        var symmetric = (m + m.Transpose()) / 2;
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(e => Math.Max(0, e.Real));
        var v = evd.EigenVectors;
        return v * Matrix<double>.Build.DiagonalOfDiagonalVector(values) * v.Transpose();
    }

    private static double SmallestEigenvalue(Matrix<double> m) => m.RowCount == 0 ? 0 : m.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);

    private static (int, int) Pair(Scenario scenario, Correlation c)
    {
        int a = -1, b = -1;
        for (int d = 0; d < scenario.Drivers.Count; d++)
        {
            if (scenario.Drivers[d].Id == c.First) a = d;
            if (scenario.Drivers[d].Id == c.Second) b = d;
        }
        if (a < 0 || b < 0 || a == b) throw new ArgumentException($"the correlation of '{c.First}' and '{c.Second}' does not name two drivers of the scenario", nameof(scenario));
        if (!(c.Rho >= -1 && c.Rho <= 1)) throw new ArgumentException($"the correlation of '{c.First}' and '{c.Second}' is {c.Rho}, outside [-1, 1]", nameof(scenario));
        return (a, b);
    }

    private static Matrix<double> Matrix(Scenario scenario)
    {
        int n = scenario.Drivers.Count;
        var m = Matrix<double>.Build.DenseIdentity(n);
        foreach (var c in scenario.Correlations.Where(c => c.Scope == CorrelationScope.Shocks))
        {
            var (a, b) = Pair(scenario, c);
            m[a, b] = c.Rho;
            m[b, a] = c.Rho;
        }
        return m;
    }
}
