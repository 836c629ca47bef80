using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Forecast.Runner.Commands;

/// <summary>
/// What the user sees of a bug: one line naming the error and a log file with the stack trace, written beside the
/// output folder (its parent folder) or, failing that, in the temp folder. Earlier outputs are untouched (a command's
/// output folder removes its staging folder as the exception passes), and the exit code is 1.
/// </summary>
internal static class InternalError
{
    public static int Report(Terminal terminal, Exception exception, ParseResult parse, string[] args)
    {
        string? log = WriteLog(exception, parse, args);
        string first = exception.Message.Split('\n')[0].Trim();
        terminal.Error.WriteLine($"internal error: {exception.GetType().Name}: {first}; details in {log ?? "(no log file could be written)"}");
        terminal.Error.WriteLine("Earlier outputs are untouched.");
        return ExitCodes.Failure;
    }

    /// <summary>The folders tried for the log: the output's parent folder, then the temp folder.</summary>
    internal static IEnumerable<string> LogFolders(ParseResult parse)
    {
        string? output = OutputOption(parse);
        if (output is not null)
        {
            string? parent = null;
            try
            {
                parent = Path.GetDirectoryName(Path.GetFullPath(output));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                // An --out that is no path: the temp folder will do.
            }
            if (parent is not null && Directory.Exists(parent)) yield return parent;
        }
        yield return Path.GetTempPath();
    }

    /// <summary>The command's output: --out as given, or its default (out/...), whose parent is "out".</summary>
    private static string? OutputOption(ParseResult parse)
    {
        var option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--out");
        if (option is not null && parse.GetResult(option) is { Tokens.Count: > 0 } given) return given.Tokens[^1].Value;
        return Path.Combine("out", "output");
    }

    private static string? WriteLog(Exception exception, ParseResult parse, string[] args)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"forecast-error-{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"forecast {string.Join(' ', args)}")
            .AppendLine(CultureInfo.InvariantCulture, $"at {DateTime.Now:O} in {Directory.GetCurrentDirectory()}")
            .AppendLine()
            .AppendLine(exception.ToString())
            .ToString();
        foreach (string folder in LogFolders(parse))
        {
            string path = Path.Combine(folder, name);
            try
            {
                File.WriteAllText(path, text, new UTF8Encoding(false));
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Try the next folder.
            }
        }
        return null;
    }
}
