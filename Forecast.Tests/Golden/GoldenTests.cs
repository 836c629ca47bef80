using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Benchmarks;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.WhatIf;
using Forecast.Tests.Simulation;

namespace Forecast.Tests.Golden;

/// <summary>
/// Pins the draws and outputs byte for byte (see <see cref="GoldenFile"/>): the first values and a hash of a whole
/// block of every stream kind and sampling method, and the complete outputs of small scenarios, one per model kind
/// and sampling method, and of every what-if analysis. The same files hold on every instruction set (the CI leg
/// with DOTNET_EnableAVX512F=0 checks them too).
/// </summary>
public class GoldenTests
{
    private const ulong Seed = 20210101;
    private const int Block = BlockWorkspace.BlockSize;
    private static readonly SamplingMethod[] Methods = [SamplingMethod.Random, SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol];

    public static TheoryData<string> Kinds() => [.. ModelKindScenario.Kinds, "mixed", "uncertain"];

    public static TheoryData<string> SamplingNames() => [.. Methods.Select(Name)];

    [Fact]
    public void Streams_DrawTheirGoldenValues()
    {
        var text = new StringBuilder();
        var stream = StreamKey.Derive(Seed, 3, StreamKey.Of("driver:g"));
        text.Append("xoshiro256** (seed, block 3, driver:g):");
        for (int i = 0; i < 4; i++) text.Append(' ').Append(stream.NextUInt64().ToString("x16", CultureInfo.InvariantCulture));
        text.Append('\n');

        var u = Row(s => s.FillOpenUniform, "uniform");
        var z = Row(s => s.FillStandardNormal, "normal");
        Line(text, "open uniforms", u);
        Line(text, "ziggurat normals", z);

        var phi = new double[Block];
        StandardNormal.Cdf(z, phi);
        Line(text, "Φ of the normals", phi);

        var level = new double[Block];
        for (int i = 0; i < Block; i++) level[i] = 0.02 + 0.1 * u[i];
        var growth = new double[Block];
        VectorMath.GrowthAffine(z, level, 0.3, -0.045, growth);
        Line(text, "growth (1+L)·exp(0.3z − 0.045) − 1", growth);
        var huge = new double[Block];
        for (int i = 0; i < Block; i++) huge[i] = 800 * z[i];
        VectorMath.GrowthAffine(huge, level, 1, 0, growth);
        Line(text, "growth beyond the exp range", growth);

        foreach (double lambda in new[] { 0.5, 20, 300, 5000 })
            Line(text, $"poisson({lambda.ToString(CultureInfo.InvariantCulture)})", Map(phi, p => DiscreteQuantile.Poisson(p, lambda)));
        foreach (var (mean, dispersion) in new[] { (3.0, 2.0), (60.0, 30.0), (480.0, 50.0) })
            Line(text, $"negbin({mean.ToString(CultureInfo.InvariantCulture)}, {dispersion.ToString(CultureInfo.InvariantCulture)})",
                Map(phi, p => DiscreteQuantile.NegativeBinomial(p, mean, dispersion)));
        foreach (var (n, p) in new[] { (12, 0.3), (268, 0.05), (3000, 0.06) })
            Line(text, $"binomial({n}, {p.ToString(CultureInfo.InvariantCulture)})", Map(phi, q => DiscreteQuantile.Binomial(q, n, p)));

        Distribution[] levels =
        [
            new FixedDistribution(0.1), new NormalDistribution(0.1, 0.02), new LogNormalDistribution(3, 0.4), new UniformDistribution(40, 80),
            new TriangularDistribution(0.03, 0.06, 0.08), new PertDistribution(45, 60, 90), new BetaDistribution(2, 38),
            new PoissonDistribution(60), new NegativeBinomialDistribution(60, 20),
        ];
        foreach (var d in levels)
        {
            var values = new double[Block];
            new LevelSampler(d).Fill(u, values);
            Line(text, "level " + d, values);
        }

        var plan = SimulationPlan.Compile(ModelKindScenario.For("stock-flow"));
        foreach (var method in Methods)
        {
            var ws = new BlockWorkspace(plan) { Sobol = method == SamplingMethod.Sobol ? SobolSampling.Create(plan, Seed) : null, FirstPath = 2 * Block };
            var s = StreamKey.Derive(Seed, 2, StreamKey.Of("driver:n"));
            var row = new double[Block];
            Sampler.Uniforms(ref s, row, ws, method, new SobolCoordinate(false, 2, 0));
            Line(text, Name(method) + " level uniforms", row);
            Sampler.Normals(ref s, row, ws, method, new SobolCoordinate(false, 2, 1));
            Line(text, Name(method) + " shocks", row);
            var k = StreamKey.Derive(Seed, 2, StreamKey.Of("indicator:x"));
            if (method == SamplingMethod.Sobol) Sampler.SobolOrder(ref k, ws, 0, Block);
            Sampler.BinomialUniforms(ref k, row, ws, method, new SobolCoordinate(true, 0, 0));
            Line(text, Name(method) + " binomial uniforms", row);
        }
        GoldenFile.Check("streams.txt", text.ToString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Summary_OfEachModelKindAndSamplingMethod_IsGolden(string kind)
    {
        var scenario = kind switch { "mixed" => ReproducibilityTests.Mixed(3000), "uncertain" => ModelUncertaintyTests.Uncertain(3000), _ => ModelKindScenario.For(kind) };
        foreach (var method in Methods)
        {
            var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 3000, Seed: Seed, Sampling: method));
            GoldenFile.Check($"summary-{kind}-{Name(method)}.json", Json(s => SummaryJsonWriter.Write(s, result)));
        }
    }

    [Fact]
    public void Summary_OfAPrecisionRun_IsGolden()
    {
        var result = MonteCarlo.Run(ReproducibilityTests.Mixed(), new SimulationOptions(Seed: Seed, Precision: 0.01, Threads: 2));
        GoldenFile.Check("summary-mixed-precision.json", Json(s => SummaryJsonWriter.Write(s, result)));
    }

    [Fact]
    public void WhatIfAnalyses_AreGolden()
    {
        var scenario = ReproducibilityTests.Mixed(4000);
        var lever = new Lever("new", "mean");
        var moved = lever.Apply(scenario, 70) with { Name = "moved" };
        var options = new SimulationOptions(Paths: 4000, Seed: Seed);

        var comparison = ScenarioComparison.Run([scenario, moved], options);
        GoldenFile.Check("compare.json", Json(s => { using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true }); WhatIfFiles.ComparisonJson(w, comparison); }));

        var sweep = LeverSweep.Run(scenario, [LeverAxis.Even(lever, 40, 80, 2), LeverAxis.Even(new Lever("exit", "alpha"), 1, 3, 1)], options with { Paths = 2048 });
        GoldenFile.Check("sweep.csv", Text(w => WhatIfFiles.SweepCsv(w, sweep, scenario)));

        var goal = GoalSeek.Seek(scenario, "firms", 0.5, lever, 40, 140, options with { Paths = 2048 });
        GoldenFile.Check("goal.json", Json(s => { using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true }); WhatIfFiles.GoalJson(w, goal); }));

        var tornado = Tornado.Run(scenario, options with { Paths = 2048 });
        GoldenFile.Check("tornado.csv", Text(w => WhatIfFiles.TornadoCsv(w, tornado)));

        var sensitivity = GlobalSensitivity.Run(scenario, new GlobalSensitivityOptions(BaseSamples: 300, BootstrapReplicates: 20, SpearmanPaths: 2000, Seed: Seed));
        GoldenFile.Check("sensitivity.csv", Text(w => { WhatIfFiles.SobolCsv(w, sensitivity); WhatIfFiles.SpearmanCsv(w, sensitivity); }));
    }

    private static string Name(SamplingMethod method) => method switch
    {
        SamplingMethod.LatinHypercube => "lhs",
        _ => method.ToString().ToLowerInvariant(),
    };

    private static double[] Row(Func<Xoshiro256StarStarFill, Action<Span<double>>> fill, string key)
    {
        var values = new double[Block];
        var holder = new Xoshiro256StarStarFill(StreamKey.Derive(Seed, 1, StreamKey.Of(key)));
        fill(holder)(values);
        return values;
    }

    private static double[] Map(double[] u, Func<double, int> draw)
    {
        var values = new double[u.Length];
        for (int i = 0; i < u.Length; i++) values[i] = draw(u[i]);
        return values;
    }

    /// <summary>The first six values (shortest round-trip form) and a SplitMix64 hash of every value's bits, in order.</summary>
    private static void Line(StringBuilder text, string name, ReadOnlySpan<double> values)
    {
        ulong hash = 0;
        foreach (double v in values) hash = SplitMix64.Mix(hash ^ (ulong)BitConverter.DoubleToInt64Bits(v));
        text.Append(name).Append(':');
        for (int i = 0; i < 6; i++) text.Append(' ').Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        text.Append(" … hash ").Append(hash.ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Json(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Text(Action<TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    /// <summary>A generator held in a class, so a lambda can fill a row from it.</summary>
    private sealed class Xoshiro256StarStarFill(Xoshiro256StarStar stream)
    {
        private Xoshiro256StarStar _stream = stream;

        public void FillOpenUniform(Span<double> destination) => _stream.FillOpenUniform(destination);

        public void FillStandardNormal(Span<double> destination) => _stream.FillStandardNormal(destination);
    }
}
