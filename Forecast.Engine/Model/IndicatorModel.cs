using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// How an indicator's trajectory follows from drivers (and other indicators). Each year t → t+1 of the simulation
/// applies the model's step equation to every path; drivers' yearly values are v. Each kind lives in one file of
/// Model/Kinds: its equation, its rules, its block step and its expected-value step.
/// </summary>
public abstract record IndicatorModel
{
    /// <summary>Ids of the drivers the model reads.</summary>
    public abstract IEnumerable<string> DriverIds { get; }

    /// <summary>Ids of the indicators the model reads (they are stepped first).</summary>
    public virtual IEnumerable<string> IndicatorIds => [];

    /// <summary>Whether the indicator's values are whole numbers.</summary>
    public virtual bool IsCount => false;

    /// <summary>Whether the indicator is an amount per year or a sum of such amounts (its targets are judged by amounts a year, not growth rates).</summary>
    public virtual bool IsPerYearAmount => false;

    /// <summary>Whether the base value is a level the indicator moves on from (a yearly flow has none: each year is new).</summary>
    public virtual bool HasBaseLevel => true;

    /// <summary>The model kind's name as written in scenario files.</summary>
    public abstract string KindName { get; }

    /// <summary>One line for a report: the model in words, with drivers and indicators by the names <paramref name="name"/> gives.</summary>
    public abstract LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator);

    /// <summary>The kind's own rules (references that exist, base values it can start from).</summary>
    internal abstract void Check(Indicator indicator, ModelChecks checks);

    /// <summary>The kind's yearly step for this indicator, its references resolved to plan positions.</summary>
    internal abstract IndicatorStep Compile(PlanPositions positions, Indicator indicator);
}

/// <summary>What a model kind's rules can check and report, for one indicator (<see cref="ScenarioValidator"/>).</summary>
internal sealed class ModelChecks(Action<string, string> add, string at, Func<string, string?> driverProblem, Func<string, Indicator?> indicator,
    Func<string, string> indicatorSuggestion, string model = "model")
{
    /// <summary>Reports a problem with the model's <paramref name="field"/> (a key under <c>model</c>, or <c>base.value</c> etc. when it starts with '/').</summary>
    public void Add(string field, string message) => add(field.StartsWith('/') ? at + "." + field[1..] : $"{at}.{model}.{field}", message);

    /// <summary>The checks of a model nested at <paramref name="path"/> under this one (a mixture's structure).</summary>
    public ModelChecks Within(string path) => new(add, at, driverProblem, indicator, indicatorSuggestion, model + "." + path) { BaseReported = BaseReported };

    /// <summary>Whether an earlier rule already reported the base value (so the kind need not repeat it).</summary>
    public bool BaseReported { get; init; }

    /// <summary>Reports a driver reference that does not exist.</summary>
    public void Driver(string? id, string field)
    {
        if (id is not null && driverProblem(id) is { } problem) Add(field, problem);
    }

    /// <summary>The indicator referenced, or null after reporting that it does not exist.</summary>
    public Indicator? Indicator(string id, string field)
    {
        var other = indicator(id);
        if (other is null) Add(field, MessageText.Format(Messages.IndicatorNotDefined, id, indicatorSuggestion(id)));
        return other;
    }

    /// <summary>"G6" invariant text of a number, for messages.</summary>
    public static string F(double x) => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Plan positions of drivers and indicators, by id, and the structure draws of the plan's mixtures.</summary>
internal sealed class PlanPositions(IReadOnlyDictionary<string, int> drivers, IReadOnlyDictionary<string, int> indicators)
{
    private readonly List<StructureDraw> _structureDraws = [];
    private int _laneRows;

    /// <summary>Driver index, or −1 for null.</summary>
    public int Driver(string? id) => id is null ? -1 : drivers[id];

    /// <summary>Indicator position in the plan, or −1 for null.</summary>
    public int Indicator(string? id) => id is null ? -1 : indicators[id];

    /// <summary>The structure draws registered so far (<see cref="LaneRows"/>).</summary>
    public IReadOnlyList<StructureDraw> StructureDraws => _structureDraws;

    /// <summary>Rows of <see cref="BlockWorkspace.Lanes"/> the structure draws take: one per structure.</summary>
    public int LaneRowCount => _laneRows;

    /// <summary>
    /// The first lane row of the structure draw of structure driver <paramref name="selector"/> with cumulative weights
    /// <paramref name="upTo"/> (registered on first use; mixtures sharing a draw share its rows): row first + c lists the
    /// paths of a block that drew structure c.
    /// </summary>
    public int LaneRows(int selector, double[] upTo)
    {
        foreach (var draw in _structureDraws)
            if (draw.Selector == selector && draw.UpTo.AsSpan().SequenceEqual(upTo)) return draw.FirstLaneRow;
        _structureDraws.Add(new StructureDraw(selector, upTo, _laneRows));
        _laneRows += upTo.Length;
        return _laneRows - upTo.Length;
    }
}
