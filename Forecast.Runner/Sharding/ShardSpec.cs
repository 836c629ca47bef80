using System.CommandLine;
using System.Globalization;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Sharding;

/// <summary>
/// Which shard a process runs: <c>--shard i/n</c> (0 ≤ i &lt; n), or <c>--shard auto/n</c>, which takes i from the batch
/// scheduler: <c>JOB_COMPLETION_INDEX</c> (a Kubernetes Indexed Job) or <c>SLURM_ARRAY_TASK_ID</c> less
/// <c>SLURM_ARRAY_TASK_MIN</c> (a Slurm array job, so <c>--array=0-6</c> and <c>--array=1-7</c> both work).
/// </summary>
internal sealed record ShardSpec(int Index, int Count, string Source)
{
    public const string KubernetesVariable = "JOB_COMPLETION_INDEX";
    public const string SlurmVariable = "SLURM_ARRAY_TASK_ID";
    public const string SlurmMinVariable = "SLURM_ARRAY_TASK_MIN";

    /// <summary>The <c>--shard</c> option (its text, resolved by <see cref="Resolve"/> when the command runs).</summary>
    public static Option<string?> Option(string? description = null) => new("--shard")
    {
        Description = description ?? HelpStrings.Shard,
    };

    /// <summary>Parses <paramref name="text"/>; null with the problem when it is not i/n or auto/n, or auto finds no scheduler.</summary>
    public static (ShardSpec? Shard, string? Problem) Resolve(string text, Func<string, string?> environment)
    {
        const string Expected = "--shard expects i/n (0 ≤ i < n, e.g. 0/7) or auto/n (the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)";
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
            return (null, $"{Expected}, not '{text}'");
        string first = text[..slash];
        if (first == "auto")
        {
            if (environment(KubernetesVariable) is { Length: > 0 } k8s)
                return FromVariable(k8s, 0, n, KubernetesVariable);
            if (environment(SlurmVariable) is { Length: > 0 } slurm)
            {
                int min = 0;
                if (environment(SlurmMinVariable) is { Length: > 0 } m && !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out min))
                    return (null, $"{SlurmMinVariable} is '{m}', not a whole number");
                return FromVariable(slurm, min, n, SlurmVariable);
            }
            return (null, $"--shard auto/{n} takes the shard from {KubernetesVariable} (Kubernetes Indexed Job) or {SlurmVariable} (Slurm array job), and neither is set; give the shard as i/{n}");
        }
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int i)) return (null, $"{Expected}, not '{text}'");
        if (i >= n) return (null, $"--shard {text}: the shard index must lie in 0 to {n - 1}");
        return (new ShardSpec(i, n, "--shard"), null);
    }

    private static (ShardSpec?, string?) FromVariable(string value, int min, int n, string variable)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int raw))
            return (null, $"{variable} is '{value}', not a whole number");
        int i = raw - min;
        if (i < 0 || i >= n)
            return (null, $"{variable} = {raw} gives shard {i}, outside 0 to {n - 1} of --shard auto/{n} (run {n} tasks, indices {min} to {min + n - 1})");
        return (new ShardSpec(i, n, variable), null);
    }
}
