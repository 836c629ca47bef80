using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// The buffers one worker needs to simulate a block of paths, structure of arrays (one row of
/// <see cref="BlockSize"/> per state variable). Allocated once per worker and reused for every block; the rows of
/// doubles start on cache lines (<see cref="CacheLineArray"/>), so the kernels' 512-bit loads and stores never straddle two.
/// </summary>
internal sealed class BlockWorkspace
{
    public const int BlockSize = 1024;

    public BlockWorkspace(SimulationPlan plan)
    {
        int drivers = plan.DriverCount, indicators = plan.Indicators.Length;
        DriverStreams = new Xoshiro256StarStar[drivers];
        IndicatorStreams = new Xoshiro256StarStar[indicators];
        LevelUniforms = CacheLineArray.Of<double>(drivers * BlockSize);
        Levels = CacheLineArray.Of<double>(drivers * BlockSize);
        BaseLevels = CacheLineArray.Of<double>(drivers * BlockSize);
        TrendParameters = CacheLineArray.Of<double>(2 * drivers * BlockSize);
        TrendUniforms = CacheLineArray.Of<double>(2 * drivers * BlockSize);
        CopulaScores = plan.LevelFactor is null ? [] : CacheLineArray.Of<double>(3 * drivers * BlockSize);
        CopulaMixed = plan.LevelFactor is null ? [] : CacheLineArray.Of<double>(3 * drivers * BlockSize);
        BeforeObservation = CacheLineArray.Of<double>(indicators * BlockSize);
        Shocks = CacheLineArray.Of<double>(drivers * BlockSize);
        Mixed = CacheLineArray.Of<double>(drivers * BlockSize);
        Values = CacheLineArray.Of<double>(drivers * BlockSize);
        Starts = new DiscreteStart[drivers * BlockSize];
        State = CacheLineArray.Of<double>(indicators * BlockSize);
        Own = CacheLineArray.Of<double>(plan.OwnRows * BlockSize);
        ExpectedState = CacheLineArray.Of<double>(indicators * BlockSize);
        ExpectedOwn = CacheLineArray.Of<double>(plan.OwnRows * BlockSize);
        Worst = CacheLineArray.Of<double>(indicators * BlockSize);
        AllYears = new bool[indicators * BlockSize];
        Met = new bool[indicators * BlockSize];
        TargetValues = CacheLineArray.Of<double>(indicators * BlockSize);
        Shortfall = CacheLineArray.Of<double>(indicators * BlockSize);
        Uniforms = CacheLineArray.Of<double>(BlockSize);
        MetCount = new int[BlockSize];
        AllMet = new bool[BlockSize];
        Scratch = CacheLineArray.Of<double>(BlockSize);
        Permutation = new int[BlockSize];
        SobolOrder = new int[(drivers + indicators) * BlockSize];
        LevelSamplerSet = new int[drivers];
        TrendYearsSet = new int[drivers];
        StartsCurrent = new bool[drivers];
        Lanes = new int[plan.LaneRows * BlockSize];
        LaneCounts = new int[plan.LaneRows];
        OrderRowOfIndicators = drivers;
    }

    /// <summary>Row of <see cref="SobolOrder"/> where the indicators' orders start.</summary>
    public int OrderRowOfIndicators { get; }

    public Xoshiro256StarStar[] DriverStreams { get; }
    public Xoshiro256StarStar[] IndicatorStreams { get; }
    public double[] LevelUniforms { get; }
    /// <summary>
    /// Null in ordinary runs. When set (by what-if sensitivity analysis, Forecast.Engine.WhatIf), the next blocks take each
    /// driver's level uniforms from this array (same layout as <see cref="LevelUniforms"/>) instead of the driver's stream.
    /// The stream still draws its own uniforms first, so every later draw (the yearly shocks) is unchanged.
    /// </summary>
    public double[]? GivenLevelUniforms { get; set; }
    /// <summary>Each path's level of each driver in force this year (after its trend, if it has one).</summary>
    public double[] Levels { get; }
    /// <summary>Drivers with a trend: each path's drawn level, before the trend moves it.</summary>
    public double[] BaseLevels { get; }
    /// <summary>Drivers with a trend: each path's trend parameters, rows 2d and 2d + 1.</summary>
    public double[] TrendParameters { get; }
    /// <summary>Drivers with a trend: the uniforms the parameters were drawn from (rows as <see cref="TrendParameters"/>).</summary>
    public double[] TrendUniforms { get; }
    /// <summary>The normal scores of the level copula's members (levels, then trend parameters), and their mixed values.</summary>
    public double[] CopulaScores { get; }
    public double[] CopulaMixed { get; }
    /// <summary>Indicators observed this year: each path's simulated value before it was set to the observation.</summary>
    public double[] BeforeObservation { get; }

    /// <summary>
    /// Null in ordinary runs. When set (a nowcast's second pass), the trend parameters' uniforms come from here (layout
    /// of <see cref="TrendUniforms"/>) instead of their stream.
    /// </summary>
    public double[]? GivenTrendUniforms { get; set; }

    /// <summary>
    /// Whether <see cref="GivenLevelUniforms"/> are final (already correlated, as a nowcast records them) rather than
    /// independent inputs (as a Sobol design gives them) that the level correlations still mix.
    /// </summary>
    public bool GivenUniformsAreFinal { get; set; }

    /// <summary>Whether this workspace computes the deterministic projection (one path at the mean levels), where a mixture averages its structures.</summary>
    public bool IsProjection { get; init; }

    /// <summary>Whether the simulator copies each path's target-year values into <see cref="TargetValues"/> (for observers that read them).</summary>
    public bool KeepsTargetValues { get; init; } = true;

    /// <summary>
    /// Whether a driver that only one structure of a mixture reads (<see cref="SimulationPlan.DriverLanes"/>) has its levels,
    /// and the standard-normal probabilities of its count draws, set on every path (for observers that record them,
    /// <see cref="IBlockObserver{TSelf}.ReadsDriversOfEveryPath"/>) rather than on that structure's paths alone. No draw
    /// depends on it: a path's level is a function of its own uniform, whichever paths are set.
    /// </summary>
    public bool DriversOnEveryPath { get; init; } = true;

    /// <summary>Whether the block also runs the expected-value pass (<see cref="ExpectedState"/>), for the variance decomposition.</summary>
    public bool TracksExpected { get; init; }
    public double[] Shocks { get; }
    public double[] Mixed { get; }
    public double[] Values { get; }
    /// <summary>Per path and count driver, where the quantile search of its yearly draws starts (fixed while the level is).</summary>
    public DiscreteStart[] Starts { get; }
    public double[] State { get; }
    /// <summary>The model kinds' own state rows (a ratio's numerator and denominator, a share's logit, a mixture's structures), from <see cref="SimulationPlan.OwnRowStart"/> per indicator.</summary>
    public double[] Own { get; }
    /// <summary>Each path's expected value of each indicator given its parameters (the expected-value pass, <see cref="IndicatorStep.AdvanceExpected"/>).</summary>
    public double[] ExpectedState { get; }
    /// <summary>The own state rows of the expected-value pass.</summary>
    public double[] ExpectedOwn { get; }
    /// <summary>Worst shortfall over the years, for every-year targets.</summary>
    public double[] Worst { get; }
    /// <summary>Whether an every-year target has held in every year so far.</summary>
    public bool[] AllYears { get; }
    /// <summary>After a block: whether each path met each indicator's target (row = indicator position in the plan).</summary>
    public bool[] Met { get; }
    /// <summary>After a block: each path's value of each indicator in its target year.</summary>
    public double[] TargetValues { get; }
    /// <summary>After a block: each path's shortfall from each indicator's target (0 when met; the worst year's for every-year targets).</summary>
    public double[] Shortfall { get; }
    public double[] Uniforms { get; }
    public int[] MetCount { get; }
    public bool[] AllMet { get; }
    public double[] Scratch { get; }
    /// <summary>Latin hypercube strata order.</summary>
    public int[] Permutation { get; }

    /// <summary>The scrambled Sobol sequences of a <see cref="SamplingMethod.Sobol"/> run (null otherwise).</summary>
    public SobolSampling? Sobol { get; set; }

    /// <summary>Sobol runs: the order in which each driver's (rows 0..drivers−1) and each indicator's (following rows) points go to the block's paths.</summary>
    public int[] SobolOrder { get; }

    /// <summary>Index in the run of the block's first path (the Sobol point it takes).</summary>
    public long FirstPath { get; set; }

    /// <summary>Per driver, the sampler its <see cref="Levels"/> were last set with in this block (−1: not yet set).</summary>
    public int[] LevelSamplerSet { get; }

    /// <summary>Per driver with a trend, the years of trend its <see cref="Levels"/> were last set with.</summary>
    public int[] TrendYearsSet { get; }

    /// <summary>Per count driver, whether its <see cref="Starts"/> are those of its current <see cref="Levels"/>.</summary>
    public bool[] StartsCurrent { get; }

    /// <summary>
    /// The block's paths of each structure of each structure draw (<see cref="SimulationPlan.StructureDraws"/>): row
    /// <see cref="StructureDraw.FirstLaneRow"/> + c lists, in increasing order, the paths that drew structure c; the
    /// first <see cref="LaneCounts"/>[row] entries of the row are set.
    /// </summary>
    public int[] Lanes { get; }

    /// <summary>How many paths each row of <see cref="Lanes"/> lists.</summary>
    public int[] LaneCounts { get; }

    /// <summary>The paths of lane row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> LanesOf(int row) => Lanes.AsSpan(row * BlockSize, LaneCounts[row]);

    /// <summary>0, 1, …, <see cref="BlockSize"/> − 1: the lanes of a step that moves every path.</summary>
    public static readonly int[] EveryLane = Enumerable.Range(0, BlockSize).ToArray();

    public static Span<T> Row<T>(T[] array, int row, int length) => array.AsSpan(row * BlockSize, length);
}
