using System.Text.RegularExpressions;
using Xunit;

namespace Forecast.Tests.Calibration;

/// <summary>
/// Architecture rules of the calibration engine, checked on its source (after ScottPlot's ForbiddenCodeTests):
/// no file I/O, no console, no hidden randomness.
/// </summary>
public class CalibrationSourceRulesTests
{
    private static string CalibrationFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "Forecast.Engine", "Calibration");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("Forecast.Engine/Calibration not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData(@"\bSystem\.IO\b", "file I/O")]
    [InlineData(@"\bFile\.|\bDirectory\.|\bStreamReader\b", "file I/O")]
    [InlineData(@"\bConsole\.", "console output")]
    [InlineData(@"Random\.Shared|new\s+(System\.)?Random\s*\(", "hidden randomness")]
    [InlineData(@"DateTime\.(Now|UtcNow)", "clock-dependent results")]
    public void CalibrationSource_HasNo(string pattern, string what)
    {
        string[] files = Directory.GetFiles(CalibrationFolder(), "*.cs");
        Assert.NotEmpty(files);
        var offenders = files.Where(f => Regex.IsMatch(File.ReadAllText(f), pattern)).Select(Path.GetFileName).ToArray();
        Assert.True(offenders.Length == 0, what + " found in: " + string.Join(", ", offenders));
    }
}
