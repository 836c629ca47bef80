namespace Forecast.Engine.Simulation;

/// <summary>
/// A model kind's yearly step, compiled for one indicator (its drivers and indicators resolved to plan indices).
/// Each kind's file (Forecast.Engine/Model/Kinds) holds the equation, this step for a block of paths, and the same
/// step on expected values; the simulator and the expected-value path call nothing kind-specific besides.
/// </summary>
internal abstract class IndicatorStep
{
    /// <summary>Rows of the kind's own state per indicator (a ratio's two sides, a share's logit, a mixture's structures).</summary>
    public virtual int OwnRows => 0;

    /// <summary>Sets the indicator's rows at the start of a block: its state at the base value, and the kind's own rows.</summary>
    public virtual void Start(in StepContext context) => context.State.Fill(context.BaseValue);

    /// <summary>Moves every path of the block one year on, from the drivers' values of the year (and indicators stepped before it).</summary>
    public abstract void Advance(in StepContext context);

    /// <summary>
    /// The same year on expected values: every driver at its level (<see cref="StepContext.Driver"/> reads the levels in
    /// an expected context), exits and conversions at their expected numbers (N·q), no rounding, no draw. Run on the
    /// mean levels it is the deterministic projection; run on each path's own levels it is E[x | the path's parameters]
    /// for the variance decomposition (exactly, for the steps that are linear in the yearly values).
    /// </summary>
    public abstract void AdvanceExpected(in StepContext context);

    /// <summary>Sets every path to an observed value this year, the kind's own state with it (a share's logit, a ratio's numerator), so later years continue from it.</summary>
    public virtual void Observe(in StepContext context, double value) => context.State.Fill(value);
}

/// <summary>What a step reads and writes for one block, one indicator, one year.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Workspace">The block's workspace.</param>
/// <param name="K">The indicator's position in the plan.</param>
/// <param name="Step">The year's step (1 = the first simulated year).</param>
/// <param name="Count">Paths in the block.</param>
/// <param name="Sampling">How uniforms are drawn (for steps that draw their own, e.g. binomial exits).</param>
/// <param name="Expected">Whether this is the expected-value pass: drivers read their levels; state lives in the expected rows.</param>
/// <param name="StateRow">The row of <see cref="BlockWorkspace.Own"/> holding the state, or −1 for the indicator's own state row (a mixture's structures use this).</param>
/// <param name="OwnBase">The first row of <see cref="BlockWorkspace.Own"/> of this step's own rows.</param>
internal readonly record struct StepContext(SimulationPlan Plan, BlockWorkspace Workspace, int K, int Step, int Count, SamplingMethod Sampling,
    bool Expected, int StateRow, int OwnBase)
{
    /// <summary>The context of indicator k's own step.</summary>
    public static StepContext Of(SimulationPlan plan, BlockWorkspace ws, int k, int step, int count, SamplingMethod sampling, bool expected) =>
        new(plan, ws, k, step, count, sampling, expected, -1, plan.OwnRowStart[k]);

    /// <summary>The indicator's base value.</summary>
    public double BaseValue => Plan.Indicators[K].BaseValue;

    private double[] OwnArray => Expected ? Workspace.ExpectedOwn : Workspace.Own;

    /// <summary>The indicator's values (its state), moved in place.</summary>
    public Span<double> State => StateRow < 0
        ? BlockWorkspace.Row(Expected ? Workspace.ExpectedState : Workspace.State, K, Count)
        : BlockWorkspace.Row(OwnArray, StateRow, Count);

    /// <summary>Row j of the kind's own state for this indicator (a ratio's sides, a share's logit).</summary>
    public Span<double> Own(int j) => BlockWorkspace.Row(OwnArray, OwnBase + j, Count);

    /// <summary>Driver d's values of the year (its levels, in an expected context).</summary>
    public Span<double> Driver(int d) => BlockWorkspace.Row(Expected ? Workspace.Levels : Workspace.Values, d, Count);

    /// <summary>The values of indicator position k this year (stepped before this one: dependency order).</summary>
    public Span<double> Indicator(int k) => BlockWorkspace.Row(Expected ? Workspace.ExpectedState : Workspace.State, k, Count);

    /// <summary>
    /// Whether driver d's yearly value this year is the same on every path (a fixed level, no trend parameter drawn, no
    /// yearly variation): a count step then rounds it in the expected pass too, half to even as every path rounds it, so a
    /// fixed 12.4 a year adds 12 in the projection as on every path.
    /// </summary>
    public bool IsCertain(int d) => Plan.IsCertain(d, Step);

    /// <summary>The context of a part of this step (a mixture's structure) whose state is own row <paramref name="stateRow"/> and whose own rows start at <paramref name="ownBase"/>.</summary>
    public StepContext Part(int stateRow, int ownBase) => this with { StateRow = stateRow, OwnBase = ownBase };

    /// <summary>
    /// The row of <see cref="BlockWorkspace.Lanes"/> listing the paths the step must move (a mixture's structure: the paths
    /// that drew it), or −1 for every path. A step may compute the other paths too where that is cheaper (a vector pass):
    /// their values are never read.
    /// </summary>
    public int LaneRow { get; init; } = -1;

    /// <summary>The paths the step must move, in increasing order: those of <see cref="LaneRow"/>, or 0 … Count − 1.</summary>
    public ReadOnlySpan<int> Lanes => LaneRow < 0 ? BlockWorkspace.EveryLane.AsSpan(0, Count) : Workspace.LanesOf(LaneRow);
}
