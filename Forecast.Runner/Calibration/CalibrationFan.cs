using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;

namespace Forecast.Runner.Calibration;

/// <summary>
/// The projected fan of one indicator under the calibrated scenario: the indicator, the indicators it reads and
/// their drivers (with the correlations among them) are simulated on their own, so the fan carries the drivers'
/// calibrated parameter uncertainty (levels drawn from the estimates' sampling distributions) and yearly noise.
/// </summary>
internal static class CalibrationFan
{
    public const long Paths = 4096;

    public static IReadOnlyList<YearStatistics> Simulate(Scenario scenario, string indicatorId, ulong seed)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        void Add(string id)
        {
            if (!needed.Add(id)) return;
            foreach (string dependency in scenario.Indicator(id).Model.IndicatorIds) Add(dependency);
        }
        Add(indicatorId);
        var indicators = scenario.Indicators.Where(i => needed.Contains(i.Id)).ToList();
        var driverIds = new HashSet<string>(indicators.SelectMany(i => i.Model.DriverIds), StringComparer.Ordinal);
        var sub = scenario with
        {
            Name = scenario.Name + "-" + indicatorId,
            Drivers = scenario.Drivers.Where(d => driverIds.Contains(d.Id)).ToList(),
            Correlations = scenario.Correlations.Where(c => driverIds.Contains(c.First) && driverIds.Contains(c.Second)).ToList(),
            Indicators = indicators,
        };
        var result = MonteCarlo.Run(sub, new SimulationOptions(Paths: Paths, Seed: seed, Threads: 1));
        return result[indicatorId].Years;
    }
}
