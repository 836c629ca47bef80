namespace Forecast.Tests;

/// <summary>Paths of files that ship in the repository (scenarios, golden files).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Forecast.sln"))) return dir.FullName;
        throw new InvalidOperationException("Forecast.sln not found above " + AppContext.BaseDirectory);
    }
}
