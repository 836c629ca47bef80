using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// HOOK for the plots branch: draws what-if results into the output folder next to the CSV files (e.g.
/// sweep.png, a probability surface for two levers; tornado.png; sobol.png; compare.png). The what-if commands ask
/// the service provider for every registered implementation and call it before committing the folder; none is
/// registered yet, so they write CSV and JSON only. To wire plots, implement this interface in Forecast.Runner/Plots
/// and add <c>services.AddSingleton&lt;IWhatIfPlotWriter, ...&gt;()</c> in Program.AddCommands. Write files with
/// <see cref="OutputFolder.StagedFile"/>; tests read back the data given to a plot, not its pixels.
/// </summary>
internal interface IWhatIfPlotWriter
{
    void WriteComparison(OutputFolder folder, ComparisonResult result);

    void WriteSweep(OutputFolder folder, SweepResult result);

    void WriteGoal(OutputFolder folder, GoalSeekResult result);

    void WriteSensitivity(OutputFolder folder, TornadoResult tornado, GlobalSensitivityResult global);
}
