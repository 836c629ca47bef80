using System.Text.RegularExpressions;
using Forecast.Runner.Report;
using Xunit;

namespace Forecast.Tests.Runner;

public class RunDocumentsTests
{
    [Theory]
    [InlineData("base: liaocheng-2025.yaml\nname: x\n")]
    [InlineData("# a what-if\nbase: liaocheng-2025.yaml\n")]
    [InlineData("# a what-if\r\nbase: liaocheng-2025.yaml\r\n")]
    [InlineData("name: x\n  base: nested\n")]
    [InlineData("name: x\nrebase: y\n")]
    [InlineData("# base: in a comment\nname: x\n")]
    [InlineData("name: base:\n")]
    [InlineData("")]
    [InlineData("base:")]
    public void NamesABase_IsTheMultilinePattern(string text) =>
        Assert.Equal(Regex.IsMatch(text, "^base:", RegexOptions.Multiline), RunDocuments.NamesABase(text));

    [Fact]
    public void NamesABase_TellsTheShippedWhatIfsFromTheirBase()
    {
        Assert.True(RunDocuments.NamesABase(File.ReadAllText(RepositoryFiles.Path("scenarios", "whatif-high-investment.yaml"))));
        Assert.False(RunDocuments.NamesABase(File.ReadAllText(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"))));
    }
}
