namespace Forecast.Engine.Simulation;

/// <summary>
/// What is remembered of the simulated paths. The block simulator only steps paths; an observer sees each
/// indicator's values year by year, then every plan's per-path outcomes of the block (<see cref="SimulatedBlock"/>),
/// and keeps what its analysis needs in private state. Observers are structs (holding a reference to their state),
/// so the simulator and <see cref="BlockRunner"/> are specialised for each by the JIT: no virtual call, no allocation.
/// </summary>
/// <typeparam name="TSelf">The observer type itself.</typeparam>
internal interface IBlockObserver<TSelf> where TSelf : struct, IBlockObserver<TSelf>
{
    /// <summary>
    /// Indicator position <paramref name="k"/> of plan <paramref name="plan"/> has stepped into <paramref name="step"/>: its values are
    /// row k of <see cref="BlockWorkspace.State"/> (and, when the workspace tracks them, its expected values given each path's
    /// parameters, row k of <see cref="BlockWorkspace.ExpectedState"/>).
    /// </summary>
    void Year(int plan, int k, int step, BlockWorkspace ws, int count);

    /// <summary>Every plan has simulated the block; its per-path outcomes are in the workspaces.</summary>
    void Block(in SimulatedBlock block);

    /// <summary>
    /// Whether the observer reads each path's target-year values (<see cref="BlockWorkspace.TargetValues"/>): the simulator
    /// keeps that copy of them only for observers that do.
    /// </summary>
    static virtual bool ReadsTargetValues => true;

    /// <summary>
    /// Whether the observer reads every path's driver levels and values (<see cref="BlockWorkspace.Levels"/>,
    /// <see cref="BlockWorkspace.Values"/>), those of drivers a path's structure does not read included: only then does the
    /// simulator set them on every path (<see cref="BlockWorkspace.DriversOnEveryPath"/>).
    /// </summary>
    static virtual bool ReadsDriversOfEveryPath => false;

    /// <summary>
    /// The one merge: moves <paramref name="parts"/> into <paramref name="total"/> in the order given and leaves the parts
    /// empty for reuse. Merging in a fixed order (the shards' order) makes every result identical whatever the threads.
    /// </summary>
    /// <param name="total">The observer of the whole run.</param>
    /// <param name="parts">The shards' observers, in shard order.</param>
    /// <param name="parallel">Settings for merges that split their work over threads.</param>
    static abstract void Merge(TSelf total, ReadOnlySpan<TSelf> parts, ParallelOptions parallel);
}

/// <summary>An observer that keeps nothing: for callers that read the paths' outcomes from the workspace themselves.</summary>
internal readonly struct NoObserver : IBlockObserver<NoObserver>
{
    public void Year(int plan, int k, int step, BlockWorkspace ws, int count) { }

    public void Block(in SimulatedBlock block) { }

    public static void Merge(NoObserver total, ReadOnlySpan<NoObserver> parts, ParallelOptions parallel) { }
}

/// <summary>One block of paths after every plan has simulated it.</summary>
/// <param name="Workspaces">Workspace s holds plan s's block.</param>
/// <param name="FirstPath">Index of the block's first path among all paths (or rows, in a design).</param>
/// <param name="Count">Paths in the block.</param>
internal readonly ref struct SimulatedBlock(ReadOnlySpan<BlockWorkspace> Workspaces, long FirstPath, int Count)
{
    public ReadOnlySpan<BlockWorkspace> Workspaces { get; } = Workspaces;
    public long FirstPath { get; } = FirstPath;
    public int Count { get; } = Count;
}
