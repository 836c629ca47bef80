using System.Globalization;

namespace Forecast.Scenarios.Resources;

/// <summary>
/// Fills a message of <see cref="Messages"/> (read in the UI culture, which the runner sets from --lang): the sentence
/// is translated; numbers, field paths and keys stay as the file writes them.
/// </summary>
internal static class MessageText
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
