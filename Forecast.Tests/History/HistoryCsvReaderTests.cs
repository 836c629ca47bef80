using System.Text;
using Forecast.Engine.Calibration;
using Forecast.Scenarios.History;
using Xunit;

namespace Forecast.Tests.History;

public class HistoryCsvReaderTests
{
    private static HistoryReadResult ReadText(string text, string name = "history.csv")
    {
        using var file = TempCsv.Text(text, name);
        return HistoryCsvReader.Read(file.Path);
    }

    private static HistoryCsvError SingleError(HistoryReadResult result)
    {
        Assert.False(result.IsSuccess);
        Assert.Null(result.Panel);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void LongForm_ColumnsInAnyOrder_QuotedSourceWithCommas_IsRead()
    {
        HistoryReadResult result = ReadText(
            "value,year,indicator,source,region,unit\n" +
            "51,2015,hightech_enterprises,\"plan, L107\",Liaocheng,enterprises\n" +
            "268,2020,hightech_enterprises,\"plan L107, \"\"table\"\"\",Liaocheng,enterprises\n" +
            "42.03,2020,hightech_output_share,,Liaocheng,percent\n");

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors.Select(e => e.Message)));
        HistoricalSeries series = result.Panel!.Find("hightech_enterprises", "Liaocheng")!;
        Assert.Equal([51.0, 268.0], series.Values.ToArray());
        Assert.Equal("plan, L107", series.Observations[0].Source);
        Assert.Equal("plan L107, \"table\"", series.Observations[1].Source);
        Assert.Equal("enterprises", series.Observations[0].Unit);
        Assert.Null(result.Panel.Find("hightech_output_share", "Liaocheng")!.Observations[0].Source);
    }

    [Fact]
    public void LongForm_WithoutRegion_AndWithCrLfAndBom_IsRead()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("indicator,year,value\r\nscience_literacy,2015,6.2\r\nscience_literacy,2020,10.56\r\n")];
        using var file = TempCsv.Bytes(bytes);

        HistoryReadResult result = HistoryCsvReader.Read(file.Path);

        Assert.True(result.IsSuccess);
        Assert.Equal([6.2, 10.56], result.Panel!.Find("science_literacy")!.Values.ToArray());
    }

    [Fact]
    public void ParseText_DropsALeadingByteOrderMark_FromTheFirstColumnName()
    {
        HistoryReadResult result = HistoryCsvReader.ParseText("\uFEFFyear,tech_smes\n2020,303\n", "inline.csv");

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(303, result.Panel!.Find("tech_smes")!.Values[0]);
    }

    [Fact]
    public void WideForm_UnitColumn_IsRejected_BecauseOneRowHoldsSeveralIndicators()
    {
        HistoryCsvError error = SingleError(ReadText("year,unit,tech_smes\n2020,enterprises,303\n"));

        Assert.Equal("unit", error.Column);
        Assert.Contains("line 1, column 'unit': found a 'unit' column in wide form", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WideForm_EmptyCellsAreGaps_AndEveryIndicatorColumnBecomesASeries()
    {
        HistoryReadResult result = ReadText(
            "year,region,hightech_enterprises,hightech_output_share\n" +
            "2015,Liaocheng,51,26.26\n" +
            "2019,Liaocheng,,\n" +
            "2020,Liaocheng,268,42.03\n");

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal([2015, 2020], result.Panel!.Find("hightech_enterprises", "Liaocheng")!.Years.ToArray());
        Assert.Equal([26.26, 42.03], result.Panel.Find("hightech_output_share", "Liaocheng")!.Values.ToArray());
        Assert.Equal(4, result.Panel.ObservationCount);
    }

    [Fact]
    public void MissingFile_IsAnErrorNamingTheFile_NotAnException()
    {
        string path = Path.Combine(Path.GetTempPath(), "forecast-history-tests", "does-not-exist.csv");

        HistoryCsvError error = SingleError(HistoryCsvReader.Read(path));

        Assert.Equal(0, error.Line);
        Assert.StartsWith(path + ": found no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        HistoryCsvError error = SingleError(ReadText(string.Empty, "empty.csv"));

        Assert.EndsWith("empty.csv: found an empty file; expected a header line naming the columns, then data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonUtf8File_IsRejected_NamingTheLineOfTheBadBytes()
    {
        // "聊城" in GBK is C1 C4 B3 C7: not valid UTF-8. It sits on line 2.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("region,indicator,year,value\n"), 0xC1, 0xC4, 0xB3, 0xC7, .. Encoding.ASCII.GetBytes(",x,2020,1\n")];
        using var file = TempCsv.Bytes(bytes, "gbk.csv");

        HistoryCsvError error = SingleError(HistoryCsvReader.Read(file.Path));

        Assert.Equal(2, error.Line);
        Assert.Contains("gbk.csv, line 2: found bytes that are not UTF-8 (0xC1 at byte 28)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected UTF-8 text (save the file as UTF-8)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16File_IsRejected()
    {
        using var file = TempCsv.Bytes(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("indicator,year,value\n")).ToArray());

        HistoryCsvError error = SingleError(HistoryCsvReader.Read(file.Path));

        Assert.Contains("found a UTF-16 byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedThousandsSeparator_IsRejected_NamingLineAndColumn_NeverMisread()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\nvalid_invention_patents,2020,\"2,374\"\n"));

        Assert.Equal(2, error.Line);
        Assert.Equal("value", error.Column);
        Assert.Contains("line 2, column 'value': found '2,374', which has a comma that may be a thousands separator or a decimal comma", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedDecimalComma_IsRejected_NamingLineAndColumn()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\nrd_intensity,2019,\"1,87\"\n"));

        Assert.Contains("line 2, column 'value': found '1,87', which uses a decimal comma", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a number with '.' as the decimal point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnquotedDecimalComma_IsAFieldCountError_NotAMisreadNumber()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\nrd_intensity,2019,1,87\n"));

        Assert.Contains("line 2: found 4 field(s); expected 3 fields as in the header (indicator,year,value)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WideFormDecimalComma_IsRejected_NamingTheIndicatorColumn()
    {
        HistoryCsvError error = SingleError(ReadText("year,rd_intensity\n2019,\"1,87\"\n"));

        Assert.Equal("rd_intensity", error.Column);
        Assert.Contains("line 2, column 'rd_intensity': found '1,87', which uses a decimal comma", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateRegionIndicatorYear_IsAnError_NamingBothLines()
    {
        HistoryCsvError error = SingleError(ReadText("region,indicator,year,value\nJining,hightech_enterprises,2020,614\nJinan,hightech_enterprises,2020,1\nJining,hightech_enterprises,2020,615\n"));

        Assert.Equal(4, error.Line);
        Assert.Contains("line 4, column 'value': found a second value for Jining hightech_enterprises 2020 (the first is on line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuote_IsAnError_NamingTheLineWhereItOpens()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value,source\nx,2020,1,\"plan L107\nx,2019,2,ok\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("found a quoted field that is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteInsideAnUnquotedField_IsAnError()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value,source\nx,2020,1,plan \"L107\"\n"));

        Assert.Contains("line 2: found a double quote inside the unquoted field 'plan \"L107\"'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAfterAClosingQuote_IsAnError_NamingTheText_AndTheOtherRowsAreStillRead()
    {
        var result = ReadText("indicator,year,value,source\nx,2020,1,\"plan\" L107\nx,2019,2,\"ok\" \ny,2018,three,ok\n");

        Assert.Equal(2, result.Errors.Length);
        Assert.Contains("line 2: found text 'L107' after a closing quote; expected a comma or the end of the line right after the closing quote", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Errors[1].Line);
    }

    [Fact]
    public void UnterminatedQuote_AfterAFieldSpanningLines_NamesTheLineWhereTheQuoteOpens()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value,source\nx,2020,1,\"plan\nL107\",\"never\nx,2019,2,ok\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("found a quoted field that is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFieldSpanningLines_KeepsTheLineNumbersOfLaterRows()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value,source\nx,2019,1,\"two\nlines\"\nx,2020,bad,ok\n"));

        Assert.Equal(4, error.Line);
        Assert.Equal("value", error.Column);
    }

    [Fact]
    public void MissingValueColumn_AndUnknownColumn_AreHeaderErrors()
    {
        HistoryReadResult result = ReadText("indicator,year,amount\nx,2020,1\n");

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("found an unknown column 'amount'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("found no 'value' column", StringComparison.Ordinal));
    }

    [Fact]
    public void DataWithoutHeader_IsReported_AsAMissingHeader()
    {
        HistoryReadResult result = ReadText("Liaocheng,hightech_enterprises,2015,51\n");

        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("found a header without a 'year' column", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderOnly_IsAnError()
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\n"));

        Assert.Contains("line 1: found a header but no data rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42.03%", "which carries a % sign")]
    [InlineData("", "found an empty value")]
    [InlineData("n/a", "which is not a number; leave the row out")]
    [InlineData("1 234", "which groups digits with spaces")]
    [InlineData("forty", "'forty', which is not a number")]
    public void BadValues_AreRejected_WithWhatWasFound(string value, string expectedFragment)
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\nx,2020," + value + "\n"));

        Assert.Equal(2, error.Line);
        Assert.Equal("value", error.Column);
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020.0", "found '2020.0', which is not a whole year")]
    [InlineData("20", "found the year 20, outside 1900-2100")]
    [InlineData("", "found an empty year")]
    public void BadYears_AreRejected_WithWhatWasFound(string year, string expectedFragment)
    {
        HistoryCsvError error = SingleError(ReadText("indicator,year,value\nx," + year + ",1\n"));

        Assert.Equal("year", error.Column);
        Assert.Contains("line 2, column 'year': " + expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryError_IsCollected_NotJustTheFirst_AndNothingIsHalfRead()
    {
        HistoryReadResult result = ReadText(
            "indicator,year,value\n" +
            "a,2015,1\n" +
            "a,2016,\"1,5\"\n" +
            "a,20x7,3\n" +
            "a,2018,4,extra\n" +
            "b c,2019,5\n");

        Assert.Null(result.Panel);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Line).ToArray());
        var thrown = Assert.Throws<HistoryCsvException>(() => result.PanelOrThrow());
        Assert.Equal(4, thrown.Errors.Length);
        Assert.Contains("line 6, column 'indicator': found 'b c'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsedPanel_FeedsTheEstimators()
    {
        HistoryReadResult result = ReadText("region,indicator,year,value\nLiaocheng,hightech_enterprises,2015,51\nLiaocheng,hightech_enterprises,2020,268\n");

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(result.PanelOrThrow().Find("hightech_enterprises", "Liaocheng")!);

        Assert.Equal(0.393519, fit.ArithmeticRate.Estimate, 6);
    }
}
