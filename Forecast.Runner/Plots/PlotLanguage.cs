using Forecast.Engine.Model;
using Results = Forecast.Engine.Results;

namespace Forecast.Runner.Plots;

/// <summary>The language of the text in plots and the font family that draws it.</summary>
/// <param name="Chinese">True for the plan's Chinese names, units and labels; false for English.</param>
/// <param name="FontName">An installed font family with a glyph for every character of the words drawn.</param>
/// <param name="LatinFontName">A Latin sans-serif family for numbers and text without Chinese characters:
/// CJK fonts have tall line metrics that ScottPlot's layout does not expect, which shifts tick labels off their ticks.</param>
internal sealed record PlotLanguage(bool Chinese, string FontName, string LatinFontName)
{
    /// <summary>The family for <paramref name="text"/>: the Latin one unless it holds a CJK character.</summary>
    public string FontFor(string text) => HasCjk(text) ? FontName : LatinFontName;

    /// <summary>True when <paramref name="text"/> has a character from the CJK blocks (U+2E80 and above, below the surrogates) or a full-width form.</summary>
    public static bool HasCjk(string text) => text.Any(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFFEF');

    /// <summary>Labels in this language.</summary>
    public PlotWords Words => Chinese ? PlotWords.Zh : PlotWords.En;

    /// <summary>The indicator's name in this language.</summary>
    public string Name(Indicator indicator) => indicator.Name.In(Chinese);

    /// <summary>The driver's name in this language.</summary>
    public string Name(Driver driver) => driver.Name.In(Chinese);

    /// <summary>
    /// A lever as an axis label: the driver's name, then the lever as written on the command line, "New high-tech enterprise
    /// certifications a year (hightech_new.mean)"; a rate says its unit, "Society-wide R&amp;D spending growth, % a year (rd_spending_growth.mean)".
    /// </summary>
    public string LeverText(Forecast.Engine.WhatIf.Lever lever, Scenario scenario)
    {
        if (scenario.Drivers.FirstOrDefault(d => d.Id == lever.DriverId) is not { } driver) return lever.ToString();
        string unit = IsRate(lever, scenario) ? (Chinese ? "，每年%" : ", % a year") : "";
        return Name(driver) + unit + Paren(lever.ToString());
    }

    /// <summary>A parenthesis after a label: " (text)" in English, "（text）" in Chinese.</summary>
    public string Paren(string text) => Chinese ? "（" + text + "）" : " (" + text + ")";

    /// <summary>The colon between a label and its value: ": " in English, "：" in Chinese.</summary>
    public string Colon => Chinese ? "：" : ": ";

    /// <summary>
    /// Whether the driver is a rate a year (a fraction that planners read as a percentage): the growth of a compound or
    /// ratio indicator, a driver whose yearly variation is growth, or the share of a stock lost or converted each year.
    /// </summary>
    public static bool IsRate(Driver driver, Scenario scenario) =>
        driver.Yearly.Kind == YearlyVariationKind.Growth || scenario.Indicators.Any(i => RateOf(i.Model, driver.Id));

    /// <summary>Whether the lever's values are rates a year: a rate driver's parameter in the level's own unit (not a shape such as sigma or dispersion).</summary>
    public static bool IsRate(Forecast.Engine.WhatIf.Lever lever, Scenario scenario) =>
        lever.Parameter is "value" or "mean" or "sd" or "min" or "mode" or "max"
        && scenario.Drivers.FirstOrDefault(d => d.Id == lever.DriverId) is { } driver && IsRate(driver, scenario);

    private static bool RateOf(IndicatorModel model, string id) => model switch
    {
        CompoundGrowthModel m => m.Growth == id,
        RatioModel m => m.Numerator.GrowthDriver == id || m.Denominator.GrowthDriver == id,
        StockFlowModel m => m.ExitRate == id || (m.Capacity is not null && m.Entries == id),
        MixtureModel m => m.Components.Any(c => RateOf(c.Model, id)),
        _ => false,
    };

    /// <summary>A rate a year as people say it: "18.1% a year" (or "每年18.1%").</summary>
    public string RateText(double rate)
    {
        string percent = ChartStyle.RatePercent(rate);
        return Chinese ? "每年" + percent : percent + " a year";
    }

    /// <summary>A lever's value for a label: a rate as "18.1% a year", anything else as a number.</summary>
    public string LeverValue(Forecast.Engine.WhatIf.Lever lever, Scenario scenario, double value) =>
        IsRate(lever, scenario) ? RateText(value) : ChartStyle.Value(value);

    /// <summary>A driver's level for a label: a rate driver's as "18.1% a year", anything else as a number.</summary>
    public string DriverValue(Driver driver, Scenario scenario, double value) =>
        IsRate(driver, scenario) ? RateText(value) : ChartStyle.Value(value);

    /// <summary>The indicator's unit in this language.</summary>
    public string Unit(Indicator indicator) => indicator.Unit.In(Chinese);

    /// <summary>The target in words: "≥ 600 in 2025", "≥ 45 every year 2021-2025" (or the Chinese).</summary>
    public string TargetText(Indicator indicator)
    {
        var target = indicator.Target;
        string sign = target.Direction == Direction.AtLeast ? "≥" : "≤";
        string value = ChartStyle.Value(target.Value);
        if (target.Period == TargetPeriod.EveryYear)
        {
            return Chinese
                ? ChartStyle.Format("{0}-{1}年每年{2}{3}", indicator.BaseYear + 1, target.Year, sign, value)
                : ChartStyle.Format("{0} {1} every year {2}-{3}", sign, value, indicator.BaseYear + 1, target.Year);
        }
        return Chinese
            ? ChartStyle.Format("{0}年{1}{2}", target.Year, sign, value)
            : ChartStyle.Format("{0} {1} in {2}", sign, value, target.Year);
    }

    /// <summary>"P(target met) = 41.2% (95% interval 40.9-41.5%), at risk".</summary>
    public string ProbabilityText(Results.IndicatorOutcome outcome)
    {
        var w = Words;
        string interval = ChartStyle.Percent(outcome.ProbabilityCi95.Lower).TrimEnd('%') + "-" + ChartStyle.Percent(outcome.ProbabilityCi95.Upper);
        return Chinese
            ? ChartStyle.Format("{0} {1}（{2} {3}），{4}", w.Probability, ChartStyle.Percent(outcome.Probability), w.Interval95, interval, w.Status(outcome.Status))
            : ChartStyle.Format("{0} = {1} ({2} {3}), {4}", w.Probability, ChartStyle.Percent(outcome.Probability), w.Interval95, interval, w.Status(outcome.Status));
    }

    /// <summary>English with a Latin sans-serif font.</summary>
    public static PlotLanguage English()
    {
        string latin = SystemFonts.Latin();
        return new PlotLanguage(false, latin, latin);
    }

    /// <summary>
    /// Resolves a <c>--lang</c> value (auto, zh or en). Chinese needs one installed font that has every
    /// character of <paramref name="chineseTexts"/> and of the Chinese labels; "auto" takes Chinese when
    /// there is one, "zh" falls back to English with a note when there is none.
    /// </summary>
    /// <returns>The language, and a note for the user when "zh" could not be honoured.</returns>
    public static (PlotLanguage Language, string? Note) Resolve(string lang, IEnumerable<string> chineseTexts)
    {
        if (lang == "en") return (English(), null);
        string all = string.Concat(chineseTexts.Append(PlotWords.Zh.AllText()));
        if (SystemFonts.Covering(all) is { } font) return (new PlotLanguage(true, font, SystemFonts.Latin()), null);
        string? note = lang == "zh"
            ? Resources.Strings.PlotsNoCjkFont
            : null;
        return (English(), note);
    }

    /// <summary>Resolves the language for the plots of the scenario's indicators.</summary>
    public static (PlotLanguage Language, string? Note) For(string lang, IEnumerable<Indicator> indicators) =>
        Resolve(lang, indicators.SelectMany(i => new[] { i.Name.Zh, i.Unit.Zh }));
}
