using Forecast.Tests.Runner;
using Xunit;

namespace Forecast.Tests.Sharding;

/// <summary>The sharded commands as a scheduler runs them (separate processes), and the byte-for-byte check of their output.</summary>
internal static class ShardProcesses
{
    /// <summary>
    /// Both folders hold the same files with the same bytes, <paramref name="mainFile"/> among them (so that two empty or
    /// half-written folders do not pass).
    /// </summary>
    public static void AssertSameFolder(string expected, string actual, string mainFile = "summary.json")
    {
        var names = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order(StringComparer.Ordinal));
        Assert.Contains(mainFile, names);
        foreach (string name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
    }

    /// <summary>
    /// Runs the built command line as its own process with the given environment (the scheduler variables of the test
    /// process removed first), and asserts it succeeded.
    /// </summary>
    public static async Task RunForecast(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = CliHarness.ProcessStart(args);
        start.Environment.Remove("JOB_COMPLETION_INDEX");
        start.Environment.Remove("SLURM_ARRAY_TASK_ID");
        start.Environment.Remove("SLURM_ARRAY_TASK_MIN");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        await CliHarness.RunProcess(start);
    }
}
