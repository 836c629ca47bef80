namespace Forecast.Engine.Simulation;

/// <summary>
/// A model kind's yearly step, compiled for one indicator (its drivers and indicators resolved to plan indices).
/// Each kind's file (Forecast.Engine/Model/Kinds) holds the equation, this step for a block of paths, and the same
/// step on expected values; the simulator and the expected-value path call nothing kind-specific besides.
/// </summary>
internal abstract class IndicatorStep
{
    /// <summary>Sets the indicator's rows at the start of a block: its state at the base value, and the kind's own rows.</summary>
    public virtual void Start(BlockWorkspace ws, int k, int count, CompiledIndicator indicator) =>
        BlockWorkspace.Row(ws.State, k, count).Fill(indicator.BaseValue);

    /// <summary>Moves every path of the block one year on, from the drivers' values of the year (and indicators stepped before it).</summary>
    public abstract void Advance(in StepContext context);

    /// <summary>
    /// One year of the expected-value path: every driver at the mean of its level, exits and conversions at their
    /// expected numbers (N·q), no rounding. <paramref name="own"/> holds the kind's own state (set by <see cref="StartExpected"/>).
    /// </summary>
    public abstract double Expected(double x, Span<double> own, ExpectedYear year);

    /// <summary>Sets the kind's own state of the expected-value path at the base value.</summary>
    public virtual void StartExpected(double baseValue, Span<double> own) { }
}

/// <summary>What a step reads and writes for one block, one indicator, one year.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Workspace">The block's workspace.</param>
/// <param name="K">The indicator's position in the plan.</param>
/// <param name="Step">The year's step (1 = the first simulated year).</param>
/// <param name="Count">Paths in the block.</param>
/// <param name="Sampling">How uniforms are drawn (for steps that draw their own, e.g. binomial exits).</param>
internal readonly record struct StepContext(SimulationPlan Plan, BlockWorkspace Workspace, int K, int Step, int Count, SamplingMethod Sampling)
{
    /// <summary>The indicator's values (its state), moved in place.</summary>
    public Span<double> State => BlockWorkspace.Row(Workspace.State, K, Count);

    /// <summary>Row j (0 or 1) of the kind's own state for this indicator (a ratio's sides, a share's logit).</summary>
    public Span<double> Own(int j) => BlockWorkspace.OwnRow(Workspace, K, j, Count);

    /// <summary>Driver d's values of the year.</summary>
    public Span<double> Driver(int d) => BlockWorkspace.Row(Workspace.Values, d, Count);

    /// <summary>The values of indicator position k this year (stepped before this one: dependency order).</summary>
    public Span<double> Indicator(int k) => BlockWorkspace.Row(Workspace.State, k, Count);
}

/// <summary>One year of the expected-value path: the drivers' mean levels and the indicators' expected values so far.</summary>
internal sealed class ExpectedYear(SimulationPlan plan, double[][] values)
{
    /// <summary>The step whose year this is.</summary>
    public int Step { get; set; }

    /// <summary>The position of the indicator being stepped.</summary>
    public int Current { get; set; }

    /// <summary>The base value of the indicator being stepped.</summary>
    public double BaseOfSelf => plan.Indicators[Current].BaseValue;

    /// <summary>Driver d's mean level in this year.</summary>
    public double Driver(int d) => plan.MeanLevel(d, Step);

    /// <summary>
    /// Driver d's yearly value as a whole number of entries: its mean level, except when the value is certain (a fixed
    /// level and no yearly variation), which is rounded as every path rounds it (half to even): a fixed 12.4 a year adds
    /// 12, on every path and in the projection alike.
    /// </summary>
    public double Count(int d)
    {
        double mean = plan.MeanLevel(d, Step);
        return plan.YearlyKinds[d] == Model.YearlyVariationKind.None && plan.LevelSamplers[d][plan.LevelIndex[d][Step]].IsFixed
            ? Math.Round(mean) : mean;
    }

    /// <summary>Indicator position k's expected value this year (stepped before: dependency order).</summary>
    public double Indicator(int k) => values[k][Step];

    /// <summary>Indicator position k's base value.</summary>
    public double BaseOf(int k) => plan.Indicators[k].BaseValue;
}
