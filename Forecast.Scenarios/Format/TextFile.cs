using System.Text;
using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios;

/// <summary>Reads a user's text file strictly: it must exist, be readable, be non-empty and be valid UTF-8.</summary>
internal static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Read(string path, string what)
    {
        what = Noun(what);
        byte[] bytes;
        if (Directory.Exists(path))
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileIsFolder, what)));
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileMissing, what)));
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileFolderMissing, what)));
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileDenied, what)));
        }
        catch (IOException e)
        {
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileUnreadable, what, e.Message)));
        }

        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            int offset = Math.Min(start + Math.Max(0, e.Index), bytes.Length - 1);
            int line = 1, lineStart = start;
            for (int i = start; i < offset; i++)
            {
                if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
            }
            // The bytes before the first bad one decode, so the column counts characters, as an editor does.
            int column = LenientUtf8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
            throw new InputException(new InputError(path, line, column, "",
                MessageText.Format(Messages.FileNotUtf8, what, bytes[offset], offset)));
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException(new InputError(path, 0, 0, "", MessageText.Format(Messages.FileEmpty, what)));
        return text;
    }

    /// <summary>The kind of file, as the callers name it in English, in the UI culture's words.</summary>
    private static string Noun(string what) => what switch
    {
        "scenario" => Messages.FileScenario,
        "what-if" => Messages.FileWhatIf,
        "observations" => Messages.FileObservations,
        "distribution" => Messages.FileDistribution,
        "summary" => Messages.FileSummary,
        _ => what,
    };
}
