using System.Collections.Concurrent;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Runner.Workbench;

/// <summary>A scenario the workbench serves: its id (the scenario's name), the file it was read from (never shown to a client) and its text.</summary>
/// <param name="Id">The scenario's name, which the page uses.</param>
/// <param name="File">The full path of its file (for the overlay's base and the report).</param>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Levers">Its panel of levers.</param>
/// <param name="Structures">Its mixtures' weights, one lever group per structure draw.</param>
internal sealed record ServedScenario(string Id, string File, Scenario Scenario, IReadOnlyList<DriverLevers> Levers, IReadOnlyList<StructureLevers> Structures)
{
    private readonly Lazy<Dictionary<string, HashSet<string>>> _reads = new(() => Scenario.Indicators.ToDictionary(i => i.Id, i => Reads(Scenario, i)));

    /// <summary>
    /// The targets a change of <paramref name="drivers"/> can move: those whose indicator reads one of them, directly or
    /// through the indicators it reads. A mixture reads its structure draw, <c>structure:&lt;group&gt;</c> (a change of its
    /// weights). Every other target's per-path outcome is the baseline's, bit for bit.
    /// </summary>
    public IReadOnlyList<string> Affected(IReadOnlyCollection<string> drivers) =>
        Scenario.Indicators.Where(i => _reads.Value[i.Id].Overlaps(drivers)).Select(i => i.Id).ToList();

    private static HashSet<string> Reads(Scenario scenario, Indicator indicator)
    {
        var drivers = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(Indicator i)
        {
            if (!seen.Add(i.Id)) return;
            drivers.UnionWith(i.Model.DriverIds);
            if (i.Model is MixtureModel mixture) drivers.Add(mixture.StructureDriverId(i.Id));
            foreach (string id in i.Model.IndicatorIds) Visit(scenario.Indicator(id));
        }
        Visit(indicator);
        return drivers;
    }

    /// <summary>The file's text (for the HTML report's description).</summary>
    public string Text => System.IO.File.ReadAllText(File);
}

/// <summary>
/// The scenarios a workbench serves, by id, read and validated once at start by the command line's reader; and each
/// one's baseline run at the workbench's paths, computed once. The page only ever names an id.
/// </summary>
internal sealed class WorkbenchScenarios
{
    private readonly Dictionary<string, ServedScenario> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ForecastRun>> _baselines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ComparisonReference>> _references = new(StringComparer.Ordinal);

    /// <summary>Reads every file; all problems of all files are collected before failing (<see cref="InputException"/>).</summary>
    public WorkbenchScenarios(IEnumerable<string> files, long paths)
    {
        Paths = paths;
        var errors = new List<InputError>();
        foreach (string file in files)
        {
            try
            {
                string full = Path.GetFullPath(file);
                if (_byId.Values.Any(s => s.File == full)) continue;
                var scenario = ScenarioReader.Read(full, ScenarioReadOptions.Default).Scenario;
                if (_byId.TryGetValue(scenario.Name, out var same))
                {
                    errors.Add(new InputError(file, 0, 0, "name", $"two scenarios are named '{scenario.Name}' ({same.File} and this one); the workbench serves scenarios by name"));
                    continue;
                }
                _byId[scenario.Name] = new ServedScenario(scenario.Name, full, scenario, LeverPanel.Of(scenario), LeverPanel.StructuresOf(scenario));
            }
            catch (InputException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0) throw new InputException(errors);
        if (_byId.Count == 0) throw new InputException(new InputError("serve", 0, 0, "", "no scenario to serve: give scenario files, or run from the repository root where scenarios/ holds the shipped ones"));
    }

    /// <summary>Paths of every simulation the page asks for (the baseline's and each lever change's, on the same seed).</summary>
    public long Paths { get; }

    /// <summary>The served scenarios, in the order given.</summary>
    public IEnumerable<ServedScenario> All => _byId.Values;

    /// <summary>The scenario with this id, or null.</summary>
    public ServedScenario? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The simulation options of the page: its paths, the scenario's seed, all cores.</summary>
    public SimulationOptions Options => new(Paths);

    /// <summary>The scenario's baseline at the workbench's paths (computed once; a failed or cancelled run is tried again next time).</summary>
    public ForecastRun Baseline(ServedScenario served, CancellationToken cancellationToken)
    {
        var lazy = _baselines.GetOrAdd(served.Id, _ => new Lazy<ForecastRun>(() => ForecastRun.Run(served.Scenario, Options, null, CancellationToken.None)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _baselines.TryRemove(new KeyValuePair<string, Lazy<ForecastRun>>(served.Id, lazy));
            throw;
        }
    }

    /// <summary>
    /// The scenario's baseline as the reference of the lever changes' comparisons: every path's outcomes at the workbench's
    /// paths, simulated once (<see cref="ComparisonReference"/>), so a lever change simulates only the targets it reaches.
    /// </summary>
    public ComparisonReference Reference(ServedScenario served, CancellationToken cancellationToken)
    {
        var lazy = _references.GetOrAdd(served.Id, _ => new Lazy<ComparisonReference>(() => ComparisonReference.Simulate(served.Scenario, Options, CancellationToken.None)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _references.TryRemove(new KeyValuePair<string, Lazy<ComparisonReference>>(served.Id, lazy));
            throw;
        }
    }

    /// <summary>
    /// The shipped scenarios: every .yaml file directly in the shipped scenarios' folder (<see cref="ShippedScenarios.Folder"/>:
    /// FORECAST_SCENARIOS, or the scenarios/ found from the current folder or the program's folder upwards), the baseline
    /// first; empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> Shipped() => ShippedScenarios.Files();
}
