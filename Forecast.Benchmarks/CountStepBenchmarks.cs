using BenchmarkDotNet.Attributes;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Benchmarks;

/// <summary>
/// A block's binomial exits from a stock (the Liaocheng patents': n about 2,400 to 6,000, exit rates PERT(0.03, 0.06,
/// 0.10) drawn once per path): each draw computing ln q, ln(1 − q) and the odds (baseline, as before), against a rate
/// kept per path (<see cref="BinomialRate"/>, what the stock-flow step keeps from year to year). Same draws to the bit.
/// </summary>
[MemoryDiagnoser]
public class ExitDrawBenchmarks
{
    private readonly double[] _u = new double[1024];
    private readonly double[] _q = new double[1024];
    private readonly int[] _n = new int[1024];
    private readonly BinomialRate[] _rates = new BinomialRate[1024];

    [GlobalSetup]
    public void Setup()
    {
        var g = Xoshiro256StarStar.FromSeed(5);
        for (int i = 0; i < _u.Length; i++)
        {
            _u[i] = g.NextOpenDouble();
            _q[i] = 0.03 + 0.07 * g.NextDouble();
            _n[i] = 2400 + (int)(3600 * g.NextDouble());
            _rates[i] = BinomialRate.Of(_q[i]);
        }
    }

    [Benchmark(Baseline = true, Description = "binomial exits 1,024, ln q and ln(1 − q) every draw")]
    public int EveryDraw()
    {
        int sum = 0;
        for (int i = 0; i < _u.Length; i++) sum += DiscreteQuantile.Binomial(_u[i], _n[i], _q[i]);
        return sum;
    }

    [Benchmark(Description = "binomial exits 1,024, rate kept per path")]
    public int KeptRate()
    {
        int sum = 0;
        for (int i = 0; i < _u.Length; i++) sum += DiscreteQuantile.Binomial(_u[i], _n[i], _rates[i]);
        return sum;
    }
}

/// <summary>
/// A block's whole counts added to a cumulative indicator, x += max(0, round(v)): the scalar Math.Max and Math.Round
/// loop (baseline) against <see cref="VectorMath.WholeCounts"/>, the same bits in a vector pass.
/// </summary>
[MemoryDiagnoser]
public class WholeCountBenchmarks
{
    private readonly double[] _v = new double[1024];
    private readonly double[] _x = new double[1024];

    [GlobalSetup]
    public void Setup()
    {
        var g = Xoshiro256StarStar.FromSeed(6);
        for (int i = 0; i < _v.Length; i++) _v[i] = 100 * g.NextDouble();
    }

    [Benchmark(Baseline = true, Description = "whole counts 1,024, Math.Max(0, Math.Round(v)) one at a time")]
    public double Scalar()
    {
        for (int i = 0; i < _v.Length; i++) _x[i] += Math.Max(0, Math.Round(_v[i]));
        return _x[^1];
    }

    [Benchmark(Description = "whole counts 1,024, VectorMath.WholeCounts")]
    public double Vector()
    {
        VectorMath.WholeCounts(_v, _x, add: true);
        return _x[^1];
    }
}
