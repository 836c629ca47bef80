using BenchmarkDotNet.Attributes;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Benchmarks;

/// <summary>The random generator, normal draws, Φ and count quantiles, per block of 1,024.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private readonly double[] _buffer = new double[1024];
    private Xoshiro256StarStar _generator;

    [GlobalSetup]
    public void Setup() => _generator = Xoshiro256StarStar.FromSeed(42);

    [Benchmark(Description = "xoshiro256** 1,024 uniforms")]
    public double Uniforms()
    {
        _generator.FillOpenUniform(_buffer);
        return _buffer[^1];
    }

    [Benchmark(Baseline = true, Description = "ziggurat 1,024 normals (8 lanes), previous kernel")]
    public double PreviousNormals()
    {
        PreviousZiggurat.Fill(ref _generator, _buffer);
        return _buffer[^1];
    }

    [Benchmark(Description = "ziggurat 1,024 normals (8 lanes)")]
    public double Normals()
    {
        _generator.FillStandardNormal(_buffer);
        return _buffer[^1];
    }

    [Benchmark(Description = "Cody Φ 1,024")]
    public double Phi()
    {
        double s = 0;
        for (int i = 0; i < _buffer.Length; i++) s += StandardNormal.Cdf(_buffer[i]);
        return s;
    }

    [Benchmark(Description = "Poisson(60) inverse 1,024, cached start")]
    public int PoissonQuantiles()
    {
        var start = DiscreteQuantile.PoissonStart(60);
        int s = 0;
        for (int i = 0; i < _buffer.Length; i++) s += DiscreteQuantile.Poisson((i + 0.5) / 1024, 60, start);
        return s;
    }

    [Benchmark(Description = "NB(490, r=50) start + inverse 1,024")]
    public int NegativeBinomialQuantiles()
    {
        int s = 0;
        for (int i = 0; i < _buffer.Length; i++) s += DiscreteQuantile.NegativeBinomial((i + 0.5) / 1024, 490 + i * 0.01, 50);
        return s;
    }
}
