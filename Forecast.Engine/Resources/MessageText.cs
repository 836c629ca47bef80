using System.Globalization;

namespace Forecast.Engine.Resources;

/// <summary>
/// Fills a message of <see cref="Messages"/> (read in the UI culture, which the runner sets from --lang): the sentence
/// is translated, the numbers stay invariant (a decimal point, as the scenario file writes them).
/// </summary>
internal static class MessageText
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
