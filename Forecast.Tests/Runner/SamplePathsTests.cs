using Forecast.Engine.Simulation;
using Forecast.Runner.Output;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace Forecast.Tests.Runner;

/// <summary>--sample-paths N --sample-out FILE.parquet: the run's own paths, whole, read back from the Parquet file.</summary>
public class SamplePathsTests
{
    [Fact]
    public async Task SamplePaths_RoundTripThroughParquet_AndAreTheRunsOwnPaths()
    {
        // Every path of a 3,000-path run sampled: the paths meeting the target in the sample are exactly the run's hits.
        var scenario = TestScenarios.Gbm(100, 0.05, 0.2, 120, 5, paths: 3000, seed: 9);
        var run = MonteCarlo.Run(scenario, new SimulationOptions());
        var sample = PathSample.Take(scenario, null, 3000);
        using var stream = new MemoryStream();
        await SamplePaths.WriteParquet(stream, sample);
        stream.Position = 0;

        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["path", "year", "x", "driver_g", "level_g"], fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(3000 * 6, group.RowCount);
        var path = await Read<long>(group, fields[0]);
        var year = await Read<int>(group, fields[1]);
        var x = await Read<double>(group, fields[2]);
        var g = await Read<double>(group, fields[3]);
        var level = await Read<double>(group, fields[4]);
        Assert.Equal(sample.Indicators[0], x);
        Assert.Equal(sample.Drivers[0], g);
        Assert.Equal(sample.Levels[0], level);
        Assert.Equal(Enumerable.Range(0, 3000 * 6).Select(r => (long)(r / 6)), path);
        Assert.Equal(Enumerable.Range(0, 3000 * 6).Select(r => 2020 + r % 6), year);

        // Year 2020 is the base (100, no draw); the level of g is its fixed growth e^0.05 − 1 in every later year.
        for (int p = 0; p < 3000; p++)
        {
            Assert.Equal(100, x[p * 6]);
            Assert.True(double.IsNaN(g[p * 6]));
            for (int s = 1; s <= 5; s++)
            {
                Assert.Equal(Math.Exp(0.05) - 1, level[p * 6 + s], 15);
                // Compound growth: x_s = x_{s−1}·(1 + g_s), up to rounding.
                Assert.Equal(x[p * 6 + s - 1] * (1 + g[p * 6 + s]), x[p * 6 + s], x[p * 6 + s] * 1e-12);
            }
        }
        long hits = Enumerable.Range(0, 3000).Count(p => x[p * 6 + 5] >= 120);
        Assert.Equal(run.Indicators[0].Probability * 3000, hits, 9);
    }

    [Fact]
    public async Task SamplePaths_KeepEachMixturePathsStructure_AndAreFixedByTheSeed()
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        string scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
        string first = Path.Combine(work, "a.parquet"), second = Path.Combine(work, "b.parquet");
        foreach (string file in new[] { first, second })
        {
            var outcome = await CliHarness.Run("run", scenario, "--paths", "2000", "--no-plots", "--out", Path.Combine(work, Path.GetFileNameWithoutExtension(file)), "--sample-paths", "50", "--sample-out", file);
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            Assert.Contains("Wrote 50 sample paths", outcome.Out, StringComparison.Ordinal);
        }
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        await using var stream = File.OpenRead(first);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var structures = reader.Schema.GetDataFields().Where(f => f.Name.StartsWith("structure_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(structures); // the baseline has mixtures (e.g. high-tech enterprises' entries)
        using var group = reader.OpenRowGroupReader(0);
        foreach (var field in structures)
        {
            var values = await Read<int>(group, field);
            Assert.All(values, v => Assert.InRange(v, 0, 3));
            Assert.True(values.Distinct().Count() > 1, $"{field.Name}: every path drew the same structure");
        }
    }

    [Theory]
    [InlineData("give the Parquet file", "--sample-paths", "10")]
    [InlineData("give the number of paths", "--sample-out", "x.parquet")]
    [InlineData("fewer than the", "--sample-paths", "5000", "--sample-out", "x.parquet")]
    public async Task SamplePaths_RefuseOptionsThatCannotWork_AndWriteNothing(string says, params string[] options)
    {
        string work = CliHarness.TempFolder();
        Directory.CreateDirectory(work);
        var args = options.Select(o => o == "x.parquet" ? Path.Combine(work, o) : o);
        var outcome = await CliHarness.Run(["run", RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"), "--paths", "2000", "--out", Path.Combine(work, "out"), .. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(says, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    private static async Task<T[]> Read<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T[group.RowCount];
        await group.ReadAsync<T>(field, values);
        return values;
    }
}
