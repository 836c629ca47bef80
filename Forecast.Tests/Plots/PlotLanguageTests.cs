using Forecast.Runner.Plots;

namespace Forecast.Tests.Plots;

public class PlotLanguageTests
{
    [Fact]
    public void En_IsEnglish_WithALatinFontThatHasEveryLabelsGlyph()
    {
        var (language, note) = PlotLanguage.Resolve("en", ["高新技术企业"]);
        Assert.False(language.Chinese);
        Assert.Null(note);
        Assert.True(SystemFonts.Covers(language.FontName, PlotWords.En.AllText()));
    }

    [Fact]
    public void Zh_WithTextNoInstalledFontCovers_FallsBackToEnglish_WithANote()
    {
        // U+F8FF is in the private use area: no CJK font maps it.
        var (language, note) = PlotLanguage.Resolve("zh", ["\uF8FF"]);
        Assert.False(language.Chinese);
        Assert.Contains("fonts-noto-cjk", note, StringComparison.Ordinal);
        Assert.Null(PlotLanguage.Resolve("auto", ["\uF8FF"]).Note);
    }

    [Fact]
    public void Auto_IsChinese_ExactlyWhenAnInstalledFontHasEveryCharacter()
    {
        var names = PlotData.Liaocheng.Indicators.SelectMany(i => new[] { i.Name.Zh, i.Unit.Zh }).ToList();
        var (language, _) = PlotLanguage.Resolve("auto", names);
        string? font = SystemFonts.Covering(string.Concat(names) + PlotWords.Zh.AllText());
        Assert.Equal(font is not null, language.Chinese);
        if (language.Chinese) Assert.True(SystemFonts.Covers(language.FontName, string.Concat(names)));
    }

    [Fact]
    public void FontFor_UsesTheLatinFontForNumbers_AndTheCjkFontForChinese()
    {
        var language = new PlotLanguage(true, "Some CJK", "Some Latin");
        Assert.Equal("Some Latin", language.FontFor("2025 ≥ 600"));
        Assert.Equal("Some CJK", language.FontFor("2025年≥600"));
        Assert.Equal("Some CJK", language.FontFor("（P25-P75）"));
    }

    [Fact]
    public void ChineseWords_AreEveryEnglishWordTranslated()
    {
        foreach (var property in typeof(PlotWords).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            string en = (string)property.GetValue(PlotWords.En)!, zh = (string)property.GetValue(PlotWords.Zh)!;
            Assert.False(string.IsNullOrWhiteSpace(zh), property.Name);
            Assert.True(PlotLanguage.HasCjk(zh), $"{property.Name}: '{zh}' has no Chinese");
            Assert.Equal(en.Count(c => c == '{'), zh.Count(c => c == '{'));   // the same placeholders
        }
    }
}
