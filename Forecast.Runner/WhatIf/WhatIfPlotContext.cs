using Forecast.Engine.Model;

namespace Forecast.Runner.WhatIf;

/// <summary>What a what-if plot needs besides the result: the names in the scenario, the language and the resolution.</summary>
/// <param name="Scenario">The scenario analysed (for a comparison, the reference): indicator and driver names, headline flags, lever values now.</param>
/// <param name="Lang">The <c>--lang</c> value: en, zh or auto.</param>
/// <param name="Dpi">Resolution of the PNG files in dots per inch (the layout is at 96).</param>
internal sealed record WhatIfPlotContext(Scenario Scenario, string Lang, int Dpi);
