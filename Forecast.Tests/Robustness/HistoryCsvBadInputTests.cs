using Forecast.Scenarios.History;

namespace Forecast.Tests.Robustness;

/// <summary>
/// What Forecast.Tests/History does not yet pin about calibration CSVs exported from spreadsheets: wrong or
/// duplicated columns, non-numeric cells in wide form, duplicate (indicator, year) rows without a region or in
/// wide form, and every number format a spreadsheet may produce, each either read as written or refused by name
/// (never misread). '.' is the only decimal point; a comma or a digit-grouping space in a number is refused.
/// </summary>
public class HistoryCsvBadInputTests
{
    private static HistoryReadResult Parse(string text) => HistoryCsvReader.ParseText(text, "history.csv");

    private static HistoryCsvError Single(HistoryReadResult result)
    {
        Assert.Null(result.Panel);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("year,R&D intensity\n2019,1.87\n",
        "history.csv, line 1, column 'R&D intensity': found the column name 'R&D intensity'; expected an indicator id: a letter followed by letters, digits, '_', '-' or '.', e.g. hightech_enterprises")]
    [InlineData("indicator,year,value,value\nx,2020,1,2\n",
        "history.csv, line 1, column 'value': found the column name 'value' a second time; expected each column named once")]
    [InlineData("indicator,,year,value\nx,,2020,1\n",
        "history.csv, line 1: found column 2 without a name; expected a name for every column in the header")]
    [InlineData("year,value\n2020,1\n",
        "history.csv, line 1: found no 'indicator' column; expected the long-form columns indicator, year and value")]
    [InlineData("indicator,value\nx,1\n",
        "history.csv, line 1: found a header without a 'year' column (indicator,value); expected a header line: long form 'indicator,year,value' (plus optional region, unit, source) or wide form 'year,<indicator>,<indicator>…'")]
    [InlineData("year,region\n2020,Liaocheng\n",
        "history.csv, line 1: found a 'year' column but no indicator column; expected wide form: 'year' and one column per indicator (or long form with indicator and value)")]
    public void WrongColumns_AreRefusedInTheHeader_NamingTheColumn(string csv, string expected)
    {
        Assert.Contains(Parse(csv).Errors, e => e.Message == expected);
    }

    [Fact]
    public void WideForm_NonNumericCell_IsRefused_NamingLineAndIndicatorColumn()
    {
        var error = Single(Parse("year,tech_smes,hightech_enterprises\n2019,250,200\n2020,forty,268\n"));
        Assert.Equal("history.csv, line 3, column 'tech_smes': found 'forty', which is not a number; expected a number with '.' as the decimal point and no grouping, e.g. 1234 or 1.87 (or an empty cell for a gap)",
            error.Message);
    }

    [Fact]
    public void WideForm_TheSameYearTwice_IsADuplicate_ForEveryIndicatorOfTheRow()
    {
        var result = Parse("year,tech_smes,hightech_enterprises\n2020,303,268\n2020,303,\n");
        var error = Single(result);
        Assert.Equal("history.csv, line 3, column 'tech_smes': found a second value for (no region) tech_smes 2020 (the first is on line 2); expected one value per region, indicator and year",
            error.Message);
    }

    [Fact]
    public void LongForm_TheSameIndicatorAndYearTwiceWithoutRegion_IsADuplicate()
    {
        var error = Single(Parse("indicator,year,value\nrd_intensity,2019,1.87\nrd_intensity,2019,1.9\n"));
        Assert.Equal("history.csv, line 3, column 'value': found a second value for (no region) rd_intensity 2019 (the first is on line 2); expected one value per region, indicator and year",
            error.Message);
    }

    [Fact]
    public void LongForm_TheSameIndicatorAndYearInTwoRegions_IsNotADuplicate()
    {
        var result = Parse("region,indicator,year,value\nLiaocheng,rd_intensity,2019,1.87\nJinan,rd_intensity,2019,3.0\n");
        Assert.True(result.IsSuccess);
        Assert.Equal(1.87, result.Panel!.Find("rd_intensity", "Liaocheng")!.Values[0]);
        Assert.Equal(3.0, result.Panel.Find("rd_intensity", "Jinan")!.Values[0]);
    }

    [Theory]
    [InlineData("\"1,234.5\"", "found '1,234.5', which has a comma that may be a thousands separator or a decimal comma; neither is accepted, so that nothing is misread")]
    [InlineData("\"12,345,678\"", "found '12,345,678', which has a comma that may be a thousands separator or a decimal comma; neither is accepted, so that nothing is misread")]
    [InlineData("\"1.234,5\"", "found '1.234,5', which contains a comma; commas are not accepted in numbers")]
    [InlineData("\"0,5\"", "found '0,5', which uses a decimal comma; a decimal comma is not accepted")]
    [InlineData("1\u00A0234", "found '1\u00A0234', which groups digits with spaces; grouping is not accepted")]
    [InlineData("\"1\u202F234,5\"", "found '1\u202F234,5', which contains a comma; commas are not accepted in numbers")]
    [InlineData("１２３", "found '１２３', which is not a number")]
    [InlineData("NaN", "found 'NaN', which is not a number; leave the row out (long form) or the cell empty (wide form) when there is no value")]
    [InlineData("Infinity", "found 'Infinity', which is not a number; leave the row out (long form) or the cell empty (wide form) when there is no value")]
    [InlineData("1e999", "found '1e999', too large to be a number")]
    [InlineData("0x1F", "found '0x1F', which is not a number")]
    [InlineData("¥2374", "found '¥2374', which is not a number")]
    public void AmbiguousOrForeignNumberFormats_AreRefusedByName_NeverMisread(string cell, string found)
    {
        var error = Single(Parse("indicator,year,value\nvalid_invention_patents,2020," + cell + "\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal("value", error.Column);
        Assert.Equal("history.csv, line 2, column 'value': " + found + "; expected a number with '.' as the decimal point and no grouping, e.g. 1234 or 1.87",
            error.Message);
    }

    [Fact]
    public void UnquotedThousandsSeparator_IsAFieldCountError_NotTwoNumbers()
    {
        var error = Single(Parse("year,valid_invention_patents\n2020,2,374\n"));
        Assert.Equal("history.csv, line 2: found 3 field(s); expected 2 fields as in the header (year,valid_invention_patents); text containing commas must be in double quotes",
            error.Message);
    }

    [Theory]
    [InlineData("1.234", 1.234)]
    [InlineData("2374", 2374)]
    [InlineData("1e3", 1000)]
    [InlineData("+5", 5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData(" 42.03 ", 42.03)]
    public void PlainNumbers_AreReadWithDotAsTheDecimalPoint(string cell, double expected)
    {
        // "1.234" is one point two three four: a '.' is always the decimal point, never a thousands separator.
        var result = Parse("indicator,year,value\nx,2020," + cell + "\n");
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(expected, result.Panel!.Find("x")!.Values[0]);
    }

    [Theory]
    [InlineData("２０２０", "found '２０２０', which is not a whole year")]
    [InlineData("2020-01", "found '2020-01', which is not a whole year")]
    [InlineData("FY2020", "found 'FY2020', which is not a whole year")]
    public void NonPlainYears_AreRefused(string year, string found)
    {
        var error = Single(Parse("indicator,year,value\nx," + year + ",1\n"));
        Assert.Equal("history.csv, line 2, column 'year': " + found + "; expected a whole year between 1900 and 2100, e.g. 2020", error.Message);
    }
}
