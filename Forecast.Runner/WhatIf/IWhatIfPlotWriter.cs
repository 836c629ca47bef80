using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// Draws what-if results into the plots/ subfolder of the output folder, beside the CSV files: compare.png, sweep-ID.png
/// (a probability surface for two levers) or sweep.png (one lever), goal.png, tornado-ID.png and sobol-ID.png, each also
/// as SVG. The what-if commands ask the service provider for every registered implementation and call it before
/// committing the folder, unless given <c>--no-plots</c>; <c>Forecast.Runner.Plots.WhatIfPlotWriter</c> is registered in
/// Program.AddCommands. Files are written with <see cref="OutputFolder.StagedFile"/>; tests read back the data given to a plot, not its pixels.
/// </summary>
internal interface IWhatIfPlotWriter
{
    void WriteComparison(OutputFolder folder, ComparisonResult result, WhatIfPlotContext context);

    void WriteSweep(OutputFolder folder, SweepResult result, WhatIfPlotContext context);

    void WriteGoal(OutputFolder folder, GoalSeekResult result, WhatIfPlotContext context);

    void WriteSensitivity(OutputFolder folder, TornadoResult tornado, GlobalSensitivityResult global, WhatIfPlotContext context);
}
