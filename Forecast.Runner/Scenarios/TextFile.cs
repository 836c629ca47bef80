using System.Text;

namespace Forecast.Runner.Scenarios;

/// <summary>Reads a user's text file strictly: it must exist, be readable, be non-empty and be valid UTF-8.</summary>
internal static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path, string what)
    {
        byte[] bytes;
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
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file cannot be read (permission denied, or it is a folder)"));
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
            int offset = start + Math.Max(0, e.Index);
            int line = 1;
            for (int i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
            throw new InputException(new InputError(path, line, 0, "",
                $"the {what} file is not valid UTF-8 (byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at offset {offset}); save it as UTF-8"));
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException(new InputError(path, 0, 0, "", $"the {what} file is empty"));
        return text;
    }
}
