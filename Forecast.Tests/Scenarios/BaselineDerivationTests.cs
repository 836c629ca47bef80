using Forecast.Tests.Runner;

namespace Forecast.Tests.Scenarios;

/// <summary>
/// The shipped baseline is derived, not written: scenarios/regenerate-baseline.sh runs <c>calibrate</c> on the template
/// and the history published up to 2020, and the result must be the shipped scenarios/liaocheng-2025.yaml, byte for byte.
/// The test reads the script's own arguments, so the script and the test cannot drift apart.
/// </summary>
public class BaselineDerivationTests
{
    [Fact]
    public async Task RegenerateBaseline_ReproducesTheShippedScenario()
    {
        string script = File.ReadAllText(RepositoryFiles.Path("scenarios", "regenerate-baseline.sh"));
        string[] args = CalibrateArguments(script);
        Assert.Contains("--description", args);
        Assert.DoesNotContain(args, a => a.Contains("after-2020", StringComparison.Ordinal) || a.Contains("outcomes", StringComparison.Ordinal));

        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run([.. args.Select(Resolve), "--out", outDir]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);

        // The header names the files as given; the script gives them relative to the repository's root.
        string derived = File.ReadAllText(Path.Combine(outDir, "liaocheng-2025.yaml")).Replace(RepositoryFiles.Root + "/", "", StringComparison.Ordinal);
        string shipped = File.ReadAllText(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"));
        Assert.Equal(shipped, derived);
    }

    [Fact]
    public async Task Regenerate2030_ReproducesTheShippedScenarios()
    {
        // scenarios/regenerate-2030.sh: calibrate the 2030 template on the history to 2025, then `forecast targets` at 80%
        // and the script's sed edits (name, base, title, header) give liaocheng-2030.yaml.
        string script = File.ReadAllText(RepositoryFiles.Path("scenarios", "regenerate-2030.sh"));
        string[] args = CalibrateArguments(script);
        Assert.Contains("--description", args);
        Assert.DoesNotContain(args, a => a.Contains("outcomes", StringComparison.Ordinal));

        string outDir = CliHarness.TempFolder();
        var calibrated = await CliHarness.Run([.. args.Select(Resolve), "--out", outDir, "--no-plots"]);
        Assert.True(calibrated.ExitCode == 0, calibrated.Error);
        string evidence = File.ReadAllText(Path.Combine(outDir, "liaocheng-2030-evidence.yaml")).Replace(RepositoryFiles.Root + "/", "", StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(RepositoryFiles.Path("scenarios", "liaocheng-2030-evidence.yaml")), evidence);

        string targetsDir = CliHarness.TempFolder();
        var targets = await CliHarness.Run("targets", RepositoryFiles.Path("scenarios", "liaocheng-2030-evidence.yaml"), "--probability", "0.8",
            "--out", targetsDir, "--no-plots", "--force");
        Assert.True(targets.ExitCode == 0, targets.Error);
        string proposed = File.ReadAllText(Path.Combine(targetsDir, "liaocheng-2030-evidence-targets-p80.yaml"));
        var edits = System.Text.RegularExpressions.Regex.Matches(script, @"-e 's\|(?<find>[^|]*)\|(?<put>[^|]*)\|'");
        Assert.Equal(4, edits.Count);
        foreach (System.Text.RegularExpressions.Match e in edits)
            proposed = System.Text.RegularExpressions.Regex.Replace(proposed, e.Groups["find"].Value,
                e.Groups["put"].Value.Replace("\\&", "&", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal),
                System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(File.ReadAllText(RepositoryFiles.Path("scenarios", "liaocheng-2030.yaml")), proposed.Replace(RepositoryFiles.Root + "/", "", StringComparison.Ordinal));
    }

    /// <summary>The words after "-- calibrate" (or "forecast calibrate") up to "--out", with the shell's line continuations and double quotes undone.</summary>
    private static string[] CalibrateArguments(string script)
    {
        int at = script.IndexOf("-- calibrate", StringComparison.Ordinal);
        if (at < 0) at = script.IndexOf("forecast calibrate", StringComparison.Ordinal);
        string call = script[(script.IndexOf("calibrate", at, StringComparison.Ordinal))..];
        call = call[..call.IndexOf("--out", StringComparison.Ordinal)].Replace("\\\n", " ", StringComparison.Ordinal);
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in call)
        {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
            }
            else { word.Append(c); any = true; }
        }
        if (any) words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>Repository-relative paths (the script runs from the repository's root) made absolute; options and values as they are.</summary>
    private static string Resolve(string word) =>
        word.StartsWith("scenarios/", StringComparison.Ordinal) ? RepositoryFiles.Path(word.Split('/')) : word;
}
