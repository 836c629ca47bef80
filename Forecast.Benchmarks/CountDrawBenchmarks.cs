using BenchmarkDotNet.Attributes;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Benchmarks;

/// <summary>
/// A block's count draws of an entries driver growing at a rate (negative binomial, dispersion 50, means around the
/// Liaocheng patent grants'): the starts, whose F(mode) is MathNet's regularized incomplete beta function. Baseline:
/// one lane at a time through the library (<see cref="DiscreteQuantile.NegativeBinomialStart"/>); the batch gives the
/// same starts to the bit (DiscreteQuantileLanesTests).
/// </summary>
[MemoryDiagnoser]
public class CountDrawBenchmarks
{
    private const double Dispersion = 50;
    private readonly double[] _means = new double[1024];
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
}
