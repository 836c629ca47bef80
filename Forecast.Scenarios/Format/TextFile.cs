using System.Text;

namespace Forecast.Scenarios;

/// <summary>Reads a user's text file strictly: it must exist, be readable, be non-empty and be valid UTF-8.</summary>
internal static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Read(string path, string what)
    {
        byte[] bytes;
        if (Directory.Exists(path))
            throw new InputException(new InputError(path, 0, 0, "", $"expected a {what} file, found a folder"));
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file does not exist"));
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file does not exist (its folder is missing)"));
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file cannot be read (permission denied)"));
        }
        catch (IOException e)
        {
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file cannot be read: {e.Message}"));
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
                $"the {what} file is not valid UTF-8 (byte 0x{bytes[offset]:X2} at offset {offset}, perhaps GBK or another legacy encoding); save it as UTF-8"));
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file is empty"));
        return text;
    }
}
