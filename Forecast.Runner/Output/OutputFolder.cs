using Forecast.Runner.Scenarios;

namespace Forecast.Runner.Output;

/// <summary>
/// Writes a run's files so that a failure never leaves a half-written output: every file is first
/// written into a staging folder beside the output folder, and only when all are complete are they
/// moved into place, one atomic rename each. A marker file records which scenario the folder belongs
/// to; a run never writes into a folder of another scenario unless forced.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    public const string MarkerName = ".forecast-output";
    private readonly string _staging;
    private bool _committed;

    private OutputFolder(string path, string staging)
    {
        Path = path;
        _staging = staging;
    }

    public string Path { get; }

    /// <summary>Checks that <paramref name="path"/> may receive this scenario's output, then opens a staging folder.</summary>
    public static OutputFolder Open(string path, string scenarioName, bool force)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (System.IO.File.Exists(full))
            throw new InputException(new InputError(path, 0, 0, "--out", "the output path is a file, not a folder"));
        string marker = System.IO.Path.Combine(full, MarkerName);
        if (Directory.Exists(full) && !force)
        {
            if (System.IO.File.Exists(marker))
            {
                string owner = System.IO.File.ReadAllText(marker).Trim();
                if (owner != scenarioName)
                    throw new InputException(new InputError(path, 0, 0, "--out",
                        $"this folder holds the output of scenario '{owner}', not '{scenarioName}'; choose another --out or pass --force to overwrite it"));
            }
            else if (Directory.EnumerateFileSystemEntries(full).Any())
            {
                throw new InputException(new InputError(path, 0, 0, "--out",
                    "this folder is not empty and was not written by forecast; choose another --out or pass --force to write into it"));
            }
        }
        string parent = System.IO.Path.GetDirectoryName(full) ?? ".";
        string staging = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.staging-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(staging);
            System.IO.File.WriteAllText(System.IO.Path.Combine(staging, MarkerName), scenarioName + Environment.NewLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new InputException(new InputError(path, 0, 0, "--out", $"cannot write the output folder: {e.Message}"));
        }
        return new OutputFolder(full, staging);
    }

    /// <summary>The staging path of an output file; write it there, then call <see cref="Commit"/>.</summary>
    public string StagedFile(string name) => System.IO.Path.Combine(_staging, name);

    /// <summary>Moves every staged file into the output folder (each an atomic rename) and removes the staging folder.</summary>
    public IReadOnlyList<string> Commit()
    {
        Directory.CreateDirectory(Path);
        var written = new List<string>();
        foreach (var staged in Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string relative = System.IO.Path.GetRelativePath(_staging, staged);
            string target = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Move(staged, target, overwrite: true);
            if (relative != MarkerName) written.Add(target);
        }
        _committed = true;
        TryDelete(_staging);
        return written;
    }

    public void Dispose()
    {
        if (!_committed) TryDelete(_staging);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A staging folder that cannot be removed is left behind under its dot-name; the user's files are untouched.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
