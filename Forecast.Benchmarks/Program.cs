using System.Diagnostics;
using Forecast.Engine.Simulation;
var scenario = Forecast.Runner.Scenarios.ScenarioReader.Read(args[0]);
foreach (var t in new[] { 1, 2 })
{
    var sw = Stopwatch.StartNew();
    var r = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 100_000, Threads: t));
    Console.WriteLine($"threads {t}: {sw.Elapsed.TotalSeconds:F2} s  p={r.Indicators[0].Probability}");
}
