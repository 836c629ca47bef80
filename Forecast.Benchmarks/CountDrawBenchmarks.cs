using BenchmarkDotNet.Attributes;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Benchmarks;

/// <summary>
/// A block's count draws of an entries driver growing at a rate (negative binomial, dispersion 50, means around the
/// Liaocheng patent grants'): the starts, whose F(mode) is MathNet's regularized incomplete beta function, and the
/// walks. Baselines: one lane at a time through the library (<see cref="DiscreteQuantile.NegativeBinomialStart"/>,
/// <see cref="DiscreteQuantile.NegativeBinomial(double, double, double, in DiscreteStart)"/>); the rivals give the same
/// numbers to the bit (DiscreteQuantileLanesTests).
/// </summary>
[MemoryDiagnoser]
public class CountDrawBenchmarks
{
    private const double Dispersion = 50;
    private readonly double[] _means = new double[1024];
    private readonly double[] _uniforms = new double[1024];
    private readonly double[] _values = new double[1024];
    private readonly DiscreteStart[] _starts = new DiscreteStart[1024];
    private readonly int[] _lanes = Enumerable.Range(0, 1024).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        var g = Xoshiro256StarStar.FromSeed(3);
        // ln m ~ ln 645 + 3·ln 1.23 + N(0, 0.5²): the third year of growing grants.
        var z = new double[1024];
        g.FillStandardNormal(z);
        for (int i = 0; i < 1024; i++) _means[i] = Math.Exp(Math.Log(645) + 3 * Math.Log(1.23) + 0.5 * z[i]);
        g.FillOpenUniform(_uniforms);
        DiscreteQuantile.NegativeBinomialStarts(_means, Dispersion, _lanes, _starts);
    }

    [Benchmark(Baseline = true, Description = "NB starts 1,024, one lane at a time (MathNet BetaRegularized)")]
    public double StartsOneByOne()
    {
        for (int i = 0; i < _means.Length; i++) _starts[i] = DiscreteQuantile.NegativeBinomialStart(_means[i], Dispersion);
        return _starts[^1].Cdf;
    }

    [Benchmark(Description = "NB starts 1,024, batched (four-lane continued fraction)")]
    public double StartsBatched()
    {
        DiscreteQuantile.NegativeBinomialStarts(_means, Dispersion, _lanes, _starts);
        return _starts[^1].Cdf;
    }

    [Benchmark(Description = "NB walks 1,024, one lane at a time")]
    public double WalksOneByOne()
    {
        for (int i = 0; i < _means.Length; i++) _values[i] = DiscreteQuantile.NegativeBinomial(_uniforms[i], _means[i], Dispersion, _starts[i]);
        return _values[^1];
    }

    [Benchmark(Description = "NB walks 1,024, four lanes side by side")]
    public double WalksSideBySide()
    {
        _uniforms.CopyTo(_values, 0);
        DiscreteQuantile.NegativeBinomialQuantiles(_values, _means, Dispersion, _starts, _lanes);
        return _values[^1];
    }
}
