using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Report;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Evaluation;

/// <summary>A finished run read back from its output folder: the scenario as run, its summary and its stored distributions.</summary>
/// <param name="Folder">The folder, as given.</param>
/// <param name="Scenario">The scenario (from the folder's scenario.yaml).</param>
/// <param name="ScenarioText">Its text.</param>
/// <param name="Result">The summary (summary.json).</param>
/// <param name="Distribution">The distributions (distribution.json).</param>
internal sealed record RunFolder(string Folder, Scenario Scenario, string ScenarioText, SimulationResult Result, RunDistribution Distribution)
{
    /// <summary>Reads the run in <paramref name="folder"/>; every problem is an <see cref="InputException"/> naming the file.</summary>
    public static RunFolder Read(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InputException(new InputError(folder, 0, 0, "", A.RunFolderMissing));
        string summaryPath = Path.Combine(folder, "summary.json");
        if (!File.Exists(summaryPath))
            throw new InputException(new InputError(folder, 0, 0, "", A.RunFolderNoSummary));
        string scenarioPath = Path.Combine(folder, RunDocuments.ScenarioCopy);
        if (!File.Exists(scenarioPath))
            throw new InputException(new InputError(folder, 0, 0, "", Words.F(A.RunFolderNoScenario, RunDocuments.ScenarioCopy)));
        string scenarioText = TextFile.Read(scenarioPath, "scenario");
        var scenario = ScenarioReader.Parse(scenarioPath, scenarioText);
        var result = SummaryJsonReader.Read(summaryPath, TextFile.Read(summaryPath, "summary"), scenario);
        string distributionPath = Path.Combine(folder, DistributionJson.FileName);
        var distribution = DistributionJson.Read(distributionPath);
        if (distribution.Scenario != result.Scenario || distribution.Paths != result.Paths || distribution.Seed != result.Seed)
            throw new InputException(new InputError(distributionPath, 0, 0, "",
                Words.F(A.RunFolderMismatch, distribution.Scenario, distribution.Paths, distribution.Seed, result.Scenario, result.Paths, result.Seed)));
        foreach (var o in result.Indicators)
            if (distribution.Indicator(o.Indicator.Id) is null)
                throw new InputException(new InputError(distributionPath, 0, 0, o.Indicator.Id, A.RunFolderIndicatorMissing));
        return new RunFolder(folder, scenario, scenarioText, result, distribution);
    }
}
