using System.Collections.Concurrent;
using Forecast.Scenarios;

namespace Forecast.Runner.Output;

/// <summary>
/// Writes a run's files so that a failure never leaves a half-written output: every file is first
/// written into a staging folder beside the output folder, and only when all are complete are they
/// moved into place, one atomic rename each. A marker file records which scenario the folder belongs
/// to (first line) and which files the last run wrote (the other lines); a run never writes into a folder
/// of another scenario unless forced, and after a commit it removes the files an earlier run wrote that
/// this one did not (say plots after a <c>--no-plots</c> rerun), never a file it did not write itself.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    public const string MarkerName = ".forecast-output";

    /// <summary>The invocation whose folders a Ctrl+C may abandon (one per command line invocation, flowing with it).</summary>
    private static readonly AsyncLocal<Invocation?> CurrentInvocation = new();

    private readonly string _staging;
    private readonly IReadOnlyList<string> _created;
    /// <summary>Held while files move into place or the staging folder is removed, so the two never interleave.</summary>
    private readonly Lock _moving = new();
    private bool _committed;
    private bool _abandoned;

    private readonly CancellationToken _cancellation;

    private OutputFolder(string path, string staging, IReadOnlyList<string> created, CancellationToken cancellation)
    {
        Path = path;
        _staging = staging;
        _created = created;
        _cancellation = cancellation;
        _invocation = CurrentInvocation.Value;
        _invocation?.Folders.TryAdd(this, 0);
    }

    private readonly Invocation? _invocation;

    /// <summary>
    /// The output folders one command line invocation opens (those opened on its flow after <see cref="BeginInvocation"/>):
    /// what Ctrl+C abandons when the command is still busy after its grace period.
    /// </summary>
    internal sealed class Invocation
    {
        internal ConcurrentDictionary<OutputFolder, byte> Folders { get; } = new();

        /// <summary>Removes the staging folder of every open folder of this invocation and stops it from committing: nothing of it may land.</summary>
        public void AbandonAll()
        {
            foreach (var folder in Folders.Keys) folder.Abandon();
        }
    }

    /// <summary>Starts an invocation on the current flow: folders opened from here on (on this flow) belong to it.</summary>
    public static Invocation BeginInvocation() => CurrentInvocation.Value = new Invocation();

    /// <summary>Removes the staging folder (and the parents this run created) and stops the folder from committing.</summary>
    public void Abandon()
    {
        lock (_moving)
        {
            if (_committed) return;
            _abandoned = true;
            TryDelete(_staging);
            RemoveEmpty(_created);
            _invocation?.Folders.TryRemove(this, out _);
        }
    }

    public string Path { get; }

    /// <summary>
    /// Checks that <paramref name="path"/> may receive this scenario's output, then opens a staging folder. Once
    /// <paramref name="cancellation"/> is cancelled, every further staged file and the commit throw
    /// <see cref="OperationCanceledException"/>: writing and plotting stop at the next file.
    /// </summary>
    public static OutputFolder Open(string path, string scenarioName, bool force, CancellationToken cancellation = default)
    {
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException(new InputError(path, 0, 0, "--out", $"expected a folder path, found one that cannot be used ({e.Message})"));
        }
        if (System.IO.File.Exists(full))
            throw new InputException(new InputError(path, 0, 0, "--out", "the output path is a file, not a folder"));
        if (BlockingFile(full) is { } file)
            throw new InputException(new InputError(path, 0, 0, "--out",
                $"the output folder cannot be created: '{file}' is a file, not a folder; choose another --out"));
        string marker = System.IO.Path.Combine(full, MarkerName);
        if (Directory.Exists(full) && !force)
        {
            if (System.IO.File.Exists(marker))
            {
                string owner = ReadMarker(path, marker);
                if (owner != scenarioName)
                    throw new InputException(new InputError(path, 0, 0, "--out",
                        $"this folder holds the output of {Describe(owner)}, not '{scenarioName}'; choose another --out or pass --force to overwrite it"));
            }
            else if (Directory.EnumerateFileSystemEntries(full).Any())
            {
                throw new InputException(new InputError(path, 0, 0, "--out",
                    "this folder is not empty and was not written by forecast; choose another --out or pass --force to write into it"));
            }
        }
        string parent = System.IO.Path.GetDirectoryName(full) ?? ".";
        // Unique per run: a staging folder left by a killed run (whose process id may come back) is never reused.
        string staging = System.IO.Path.Combine(parent,
            $".{System.IO.Path.GetFileName(full)}.staging-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var created = MissingFolders(parent);
        try
        {
            Directory.CreateDirectory(staging);
            System.IO.File.WriteAllText(System.IO.Path.Combine(staging, MarkerName), scenarioName + Environment.NewLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            RemoveEmpty(created);
            throw new InputException(new InputError(path, 0, 0, "--out", Unwritable(full, staging, e)));
        }
        return new OutputFolder(full, staging, created, cancellation);
    }

    /// <summary>
    /// Why the output folder cannot be written, in the user's terms: the folder they gave (or the first of its parents that
    /// exists, where the writing failed) and the reason, never the staging folder the attempt used.
    /// </summary>
    private static string Unwritable(string full, string staging, Exception e)
    {
        string? existing = System.IO.Path.GetDirectoryName(full);
        while (existing is not null && !Directory.Exists(existing)) existing = System.IO.Path.GetDirectoryName(existing);
        string where = existing is null ? "" : $" in '{existing}'";
        string reason = e switch
        {
            UnauthorizedAccessException => "permission denied",
            IOException when e.HResult == 30 || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "the file system is read-only",
            IOException when e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "the disk is full",
            FileNotFoundException or DirectoryNotFoundException => "folders cannot be created there",
            _ => e.Message.Replace(staging, full, StringComparison.Ordinal),
        };
        return $"cannot create the output folder '{full}': nothing can be written{where} ({reason}); choose another --out";
    }

    /// <summary>How a folder's owner reads in a message: a scenario by its name, an analysis as it describes itself.</summary>
    private static string Describe(string owner) => owner.Contains(' ', StringComparison.Ordinal) || owner.Contains(':', StringComparison.Ordinal) ? $"'{owner}'" : $"scenario '{owner}'";

    /// <summary>The nearest existing ancestor of <paramref name="full"/> when it is a file (a folder cannot be made under it).</summary>
    private static string? BlockingFile(string full)
    {
        for (string? p = System.IO.Path.GetDirectoryName(full); p is not null; p = System.IO.Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p)) return null;
            if (System.IO.File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>The folders that creating <paramref name="folder"/> would create, deepest first.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (string? p = folder; p is not null && !Directory.Exists(p); p = System.IO.Path.GetDirectoryName(p)) missing.Add(p);
        return missing;
    }

    private static string ReadMarker(string path, string marker)
    {
        try
        {
            return System.IO.File.ReadLines(marker).FirstOrDefault()?.Trim() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new InputError(path, 0, 0, "--out",
                $"cannot read {MarkerName}, which says which scenario the folder belongs to ({e.Message}); choose another --out or pass --force"));
        }
    }

    /// <summary>
    /// Lists a file written into a forecast output folder after its run (the HTML report of <c>forecast report</c>) in the
    /// folder's marker, so that the next run there removes or regenerates it with the rest: a report of an earlier run
    /// never stays beside a newer summary. Does nothing for a file outside a forecast output folder.
    /// </summary>
    public static void Record(string folder, string file)
    {
        string root = System.IO.Path.GetFullPath(folder), full = System.IO.Path.GetFullPath(file);
        string marker = System.IO.Path.Combine(root, MarkerName);
        if (!System.IO.File.Exists(marker) || !full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)) return;
        string relative = System.IO.Path.GetRelativePath(root, full).Replace('\\', '/');
        var lines = System.IO.File.ReadAllLines(marker);
        if (lines.Skip(1).Contains(relative, StringComparer.Ordinal)) return;
        System.IO.File.AppendAllLines(marker, [relative]);
    }

    /// <summary>The staging path of an output file; write it there, then call <see cref="Commit"/>.</summary>
    public string StagedFile(string name)
    {
        _cancellation.ThrowIfCancellationRequested();
        return _abandoned ? throw new OperationCanceledException("the output folder was abandoned (cancelled)") : System.IO.Path.Combine(_staging, name);
    }

    /// <summary>
    /// Moves every staged file into the output folder (each an atomic rename) and removes the staging folder.
    /// Whatever can be checked is checked before the first move (a folder where a file must go); the marker
    /// moves last, so a folder claims the new scenario only once it holds its files. Should a move still fail,
    /// <see cref="PartialCommitException"/> says which files were already replaced.
    /// </summary>
    public IReadOnlyList<string> Commit()
    {
        lock (_moving)
        {
            if (_abandoned) throw new OperationCanceledException("the output folder was abandoned (cancelled)");
            _cancellation.ThrowIfCancellationRequested();
            var written = CommitFiles();
            _invocation?.Folders.TryRemove(this, out _);
            return written;
        }
    }

    private List<string> CommitFiles()
    {
        // The staged files in ordinal order of their paths, the marker last. Sorted as strings: LINQ's ordering of value
        // tuples here was compiled at run time (a dozen generic methods no precompiled image holds, some 10 ms a run).
        var stagedAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string staged in Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories))
            stagedAt.Add(System.IO.Path.GetRelativePath(_staging, staged), staged);
        var relatives = new List<string>(stagedAt.Keys);
        relatives.Sort(static (a, b) => (a == MarkerName, b == MarkerName) switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(a, b),
        });
        var now = new List<string>(relatives.Count);
        foreach (string relative in relatives)
        {
            string target = System.IO.Path.Combine(Path, relative);
            if (Directory.Exists(target)) throw new IOException($"'{target}' is a folder; it cannot be replaced by the output file of that name");
            if (relative != MarkerName) now.Add(relative.Replace('\\', '/'));
        }
        var earlier = EarlierFiles();
        string stagedMarker = System.IO.Path.Combine(_staging, MarkerName);
        System.IO.File.AppendAllLines(stagedMarker, now);
        Directory.CreateDirectory(Path);
        var written = new List<string>();
        foreach (string relative in relatives)
        {
            string target = System.IO.Path.Combine(Path, relative);
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                System.IO.File.Move(stagedAt[relative], target, overwrite: true);
            }
            catch (Exception e) when (written.Count > 0 && e is IOException or UnauthorizedAccessException)
            {
                throw new PartialCommitException(Path, written, relatives.Count, e);
            }
            if (relative != MarkerName) written.Add(target);
        }
        _committed = true;
        TryDelete(_staging);
        RemoveStale(earlier.Except(now, StringComparer.Ordinal));
        return written;
    }

    /// <summary>The files the previous run listed in the folder's marker (none when there is no marker or it cannot be read).</summary>
    private List<string> EarlierFiles()
    {
        try
        {
            string marker = System.IO.Path.Combine(Path, MarkerName);
            return System.IO.File.Exists(marker) ? System.IO.File.ReadLines(marker).Skip(1).Where(l => l.Length > 0).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Deletes files an earlier run wrote and this one did not, and the folders that leaves empty (best effort).</summary>
    private void RemoveStale(IEnumerable<string> relatives)
    {
        string root = System.IO.Path.GetFullPath(Path) + System.IO.Path.DirectorySeparatorChar;
        foreach (string relative in relatives)
        {
            string target = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));
            if (!target.StartsWith(root, StringComparison.Ordinal)) continue; // never outside the folder
            try
            {
                if (System.IO.File.Exists(target)) System.IO.File.Delete(target);
                for (string? dir = System.IO.Path.GetDirectoryName(target);
                     dir is not null && dir.Length >= root.Length && !Directory.EnumerateFileSystemEntries(dir).Any();
                     dir = System.IO.Path.GetDirectoryName(dir))
                    Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stale file that cannot be removed stays; the new files are all in place.
            }
        }
    }

    /// <summary>Without a commit, removes the staging folder and any parent folder this run created: nothing is left behind.</summary>
    public void Dispose()
    {
        lock (_moving)
        {
            _invocation?.Folders.TryRemove(this, out _);
            if (_committed || _abandoned) return;
            TryDelete(_staging);
            RemoveEmpty(_created);
        }
    }

    private static void RemoveEmpty(IReadOnlyList<string> folders)
    {
        foreach (var folder in folders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
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

/// <summary>Moving the staged files into place failed after some were moved: those are new, the others from before.</summary>
internal sealed class PartialCommitException(string folder, IReadOnlyList<string> moved, int total, Exception inner)
    : IOException($"only {moved.Count} of {total} files were moved into {folder} ({string.Join(", ", moved.Select(System.IO.Path.GetFileName))}) " +
        $"before: {inner.Message}; the other files are from the earlier run, so run again to complete the folder", inner)
{
    public IReadOnlyList<string> Moved { get; } = moved;
}
