using Forecast.Engine.Evaluation;
using Forecast.Scenarios;
using Forecast.Scenarios.History;

namespace Forecast.Tests.Evaluation;

public class ActualsCsvReaderTests
{
    [Fact]
    public void ReadsTheShippedOutcomes_WithBoundsNotesAndSources()
    {
        var actuals = ActualsCsvReader.Read(RepositoryFiles.Path("scenarios", "history", "liaocheng-outcomes.csv"));
        Assert.Equal(28, actuals.Count);
        var over1000 = actuals.Single(a => a.Indicator == "hightech_enterprises" && a.Year == 2025);
        Assert.Equal((1000.0, ActualBound.AtLeast, "Liaocheng"), (over1000.Value, over1000.Bound, over1000.Region));
        Assert.Contains("niita.cn", over1000.Source, StringComparison.Ordinal);
        Assert.NotNull(over1000.Note);
        // Two sources for the 2020 tech SMEs: both rows kept.
        Assert.Equal(2, actuals.Count(a => a.Indicator == "tech_smes" && a.Year == 2020));
        Assert.Equal(ActualBound.AtMost, actuals.Single(a => a.Indicator == "hightech_output_share" && a.Year == 2022).Bound);
    }

    [Fact]
    public void AcceptsColumnsInAnyOrder_AndOnlyTheRequiredOnes()
    {
        var actuals = ActualsCsvReader.ParseText("value,year,indicator\n918,2024,hightech_enterprises\n", "a.csv");
        Assert.Equal(new Actual(null, "hightech_enterprises", 2024, 918, ActualBound.Exact, null, null, null, "a.csv", 2), actuals.Single());
    }

    [Theory]
    [InlineData("indicator,year\nx,2024\n", "a.csv:1: value: found no 'value' column")]
    [InlineData("indicator,year,value,colour\nx,2024,1,red\n", "a.csv:1:4: colour: found the column 'colour'")]
    [InlineData("indicator,year,value\nx,2024,\"1,5\"\n", "a.csv:2:3: value: found '1,5', which uses a decimal comma")]
    [InlineData("indicator,year,value,bound\nx,2024,1,about\n", "a.csv:2:4: bound: found 'about'")]
    [InlineData("indicator,year,value\n9x,2024,1\n", "a.csv:2:1: indicator: found '9x'")]
    [InlineData("indicator,year,value\nx,2024\n", "a.csv:2: found 2 field(s); expected 3")]
    [InlineData("indicator,year,value\n", "a.csv:1: found a header but no outcome")]
    [InlineData("", "a.csv: found an empty file")]
    public void ReportsEachProblem_WithFileLineAndColumn(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => ActualsCsvReader.ParseText(text, "a.csv"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryProblemOfTheFile_AtOnce()
    {
        var e = Assert.Throws<InputException>(() => ActualsCsvReader.ParseText("indicator,year,value\nx,1800,1\ny,2024,n/a\n", "a.csv"));
        Assert.Equal(2, e.Errors.Count);
    }

    [Fact]
    public void RefusesAFileThatIsNotUtf8()
    {
        byte[] gbk = [.. "indicator,year,value\n"u8.ToArray(), 0xB8, 0xDF, (byte)',', (byte)'2', (byte)'0', (byte)'2', (byte)'4', (byte)',', (byte)'1', (byte)'\n'];
        var e = Assert.Throws<InputException>(() => ActualsCsvReader.Parse(gbk, "a.csv"));
        Assert.Contains("a.csv:2: found bytes that are not UTF-8", e.Message, StringComparison.Ordinal);
    }
}
