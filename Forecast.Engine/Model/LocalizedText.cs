namespace Forecast.Engine.Model;

/// <summary>A name or unit in the plan's Chinese and in English.</summary>
/// <param name="Zh">Chinese text, as in the plan.</param>
/// <param name="En">English text.</param>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The Chinese text when <paramref name="chinese"/> is true and it is not empty, otherwise the English.</summary>
    public string In(bool chinese) => chinese && !string.IsNullOrWhiteSpace(Zh) ? Zh : En;

    /// <summary>The same text in both languages.</summary>
    public static LocalizedText Both(string text) => new(text, text);
}
