using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Forecast.Engine.Simulation;

/// <summary>
/// A scenario compiled once into flat arrays for the hot loop: drivers by index with their level
/// samplers and yearly variation, the factor of the correlation matrix, and indicators in dependency
/// order. Step s (1 ≤ s ≤ Steps) moves every indicator from year FirstYear + s − 1 to FirstYear + s.
/// </summary>
internal sealed class SimulationPlan
{
    private SimulationPlan(Scenario scenario) => Scenario = scenario;

    public Scenario Scenario { get; }
    public int FirstYear { get; private init; }
    public int Steps { get; private init; }

    public int DriverCount { get; private init; }
    public ulong[] DriverKeys { get; private init; } = [];
    /// <summary>LevelSamplers[d][c]: c = 0 the base level, c ≥ 1 the c-th change.</summary>
    public LevelSampler[][] LevelSamplers { get; private init; } = [];
    /// <summary>LevelIndex[d][s]: which sampler is in force at step s.</summary>
    public int[][] LevelIndex { get; private init; } = [];
    public YearlyVariationKind[] YearlyKinds { get; private init; } = [];
    public double[] YearlyScales { get; private init; } = [];
    /// <summary>Lower-triangular factor of the drivers' yearly-shock correlation matrix (row-major, n×n), or null when uncorrelated.</summary>
    public double[]? CorrelationFactor { get; private init; }
    /// <summary>Drivers whose shock mixes others' (rows of the factor with off-diagonal entries).</summary>
    public bool[] Mixed { get; private init; } = [];
    /// <summary>
    /// Lower-triangular factor of the level correlation matrix, or null when the levels are independent. Its 3n members are the n
    /// drivers' levels, then each driver's two trend parameters (member n + 2d + j: <see cref="LevelTrend.Member"/>).
    /// </summary>
    public double[]? LevelFactor { get; private init; }
    /// <summary>Members whose uniform mixes others' (rows of <see cref="LevelFactor"/> with off-diagonal entries).</summary>
    public bool[] LevelMixed { get; private init; } = [];
    /// <summary>Trends[d]: how driver d's level moves over the years, or null.</summary>
    public LevelTrend?[] Trends { get; private init; } = [];
    /// <summary>TrendSamplers[d][j]: the sampler of the trend's parameter j (null where no trend).</summary>
    public LevelSampler[]?[] TrendSamplers { get; private init; } = [];
    /// <summary>TrendKeys[d]: the key of the stream of the trend's parameters.</summary>
    public ulong[] TrendKeys { get; private init; } = [];
    /// <summary>TrendStart[d]: the step whose year is the trend's t₀.</summary>
    public int[] TrendStart { get; private init; } = [];
    /// <summary>Drivers of the scenario (the plan's first drivers; the rest are the mixtures' structure drivers).</summary>
    public int ScenarioDriverCount { get; private init; }
    /// <summary>OwnRowStart[k]: the first row of indicator k's own state in <see cref="BlockWorkspace.Own"/>.</summary>
    public int[] OwnRowStart { get; private init; } = [];
    /// <summary>Own state rows of all indicators.</summary>
    public int OwnRows { get; private init; }
    /// <summary>ObservedAt[k][s]: the value observed for indicator k in step s's year (NaN where none), forced on every path.</summary>
    public double[][] ObservedAt { get; private init; } = [];
    /// <summary>The observations in scenario order, as (indicator position, step).</summary>
    public (int K, int Step)[] Observations { get; private init; } = [];
    /// <summary>Indicators in dependency order (an indicator comes after those it reads).</summary>
    public CompiledIndicator[] Indicators { get; private init; } = [];
    public int HeadlineCount { get; private init; }
    /// <summary>The mixtures' structure draws: which paths of a block take which structure (<see cref="BlockWorkspace.Lanes"/>).</summary>
    public StructureDraw[] StructureDraws { get; private init; } = [];
    /// <summary>Rows of <see cref="BlockWorkspace.Lanes"/>: one per structure of each structure draw.</summary>
    public int LaneRows { get; private init; }
    /// <summary>
    /// DriverLanes[d]: the lane row of the one structure whose paths alone read driver d (the driver serves one structure
    /// of mixtures, or of mixtures sharing its structure draw), or −1 where every path may read it. A driver's yearly
    /// shocks are drawn for every path either way (its stream does not depend on who reads it); its count inversions,
    /// and their search starts, are computed on the paths of its lane row alone.
    /// </summary>
    public int[] DriverLanes { get; private init; } = [];
    /// <summary>IndicatorLanes[k]: the lane row of structure 0 of mixture indicator k (structure c's paths are in row + c), or −1 for a single structure.</summary>
    public int[] IndicatorLanes { get; private init; } = [];
    /// <summary>
    /// Members of the level copula whose normal score some correlated member reads (a nonzero entry of
    /// <see cref="LevelFactor"/> in a mixed row): only their scores are computed.
    /// </summary>
    public bool[] LevelScored { get; private init; } = [];
    /// <summary>
    /// FirstReadStep[d]: the first step at which an indicator reads driver d (the step after the earliest base step of
    /// its readers; <see cref="Steps"/> + 1 when none does). Before it the driver's shocks are drawn (its stream's order
    /// is fixed) but its levels and values are not computed.
    /// </summary>
    public int[] FirstReadStep { get; private init; } = [];
    /// <summary>
    /// ShocksRead[d]: whether anything reads driver d's yearly shocks: its own yearly variation, or the shock correlation
    /// (a term of some driver's correlated shock). A driver with neither (an exit rate or a structure driver: a level, no
    /// yearly variation, in no shock correlation) draws no shocks: its stream has no later draws that they would shift.
    /// </summary>
    public bool[] ShocksRead { get; private init; } = [];
    /// <summary>MeanLevels[d][s]: the mean of driver d's level in force at step s (the expected-value path's input).</summary>
    private double[][] MeanLevels { get; init; } = [];

    /// <summary>The mean of driver d's level in force at step s.</summary>
    public double MeanLevel(int d, int s) => MeanLevels[d][s];

    /// <summary>
    /// Whether every path draws the same parameters: fixed levels (each level change too), fixed trend parameters and no
    /// mixture of structures. Then every path's expected value E[X|M,θ] is the same, its variance is all year-to-year, and
    /// a run skips the expected-value pass that the variance decomposition needs otherwise (about a quarter of a run of
    /// bench-gbm8, whose eight drivers are fixed).
    /// </summary>
    public bool ParametersFixed =>
        Array.TrueForAll(LevelSamplers, levels => Array.TrueForAll(levels, l => l.IsFixed))
        && Array.TrueForAll(TrendSamplers, trend => trend is null || Array.TrueForAll(trend, t => t.IsFixed))
        && Array.TrueForAll(Indicators, i => i.Source.Model is not MixtureModel);

    /// <summary>Whether driver d's yearly value at step s is the same on every path: a fixed level, no trend parameter drawn, no yearly variation.</summary>
    public bool IsCertain(int d, int s) =>
        YearlyKinds[d] == YearlyVariationKind.None && LevelSamplers[d][LevelIndex[d][s]].IsFixed
        && (TrendSamplers[d] is null || Array.TrueForAll(TrendSamplers[d]!, t => t.IsFixed));

    public int Year(int step) => FirstYear + step;

    /// <summary>The position in the plan's indicator order of each id (−1 where the plan has no such indicator).</summary>
    public int[] PositionsOf(IReadOnlyList<string> indicatorIds)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < Indicators.Length; k++) byId[Indicators[k].Source.Id] = k;
        var positions = new int[indicatorIds.Count];
        for (int m = 0; m < positions.Length; m++) positions[m] = byId.TryGetValue(indicatorIds[m], out int k) ? k : -1;
        return positions;
    }

    /// <summary>
    /// Compiles a validated scenario; throws <see cref="ScenarioDomainException"/> for a number outside its domain (one that
    /// would overflow or hang) and <see cref="InvalidScenarioException"/> for any other broken rule.
    /// </summary>
    public static SimulationPlan Compile(Scenario scenario)
    {
        ScenarioDomain.Guard(scenario);
        ScenarioValidator.Validate(scenario);
        int first = scenario.FirstYear;
        int steps = scenario.LastYear - first;
        // The scenario's drivers, then one structure driver (a uniform level) per mixture indicator.
        var drivers = scenario.Drivers.Concat(scenario.Indicators.Where(i => i.Model is MixtureModel).Select(i => ((MixtureModel)i.Model).StructureDriverId(i.Id))
            .Distinct(StringComparer.Ordinal)
            .Select(id => new Driver(id, LocalizedText.Both(id), new UniformDistribution(0, 1), YearlyVariation.None))).ToList();
        var driverIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < drivers.Count; d++) driverIndex[drivers[d].Id] = d;

        // Beta and PERT samplers tabulate their quantiles (tens of milliseconds each): build them on all cores.
        var samplers = new LevelSampler[drivers.Count][];
        Parallel.For(0, drivers.Count, d =>
            samplers[d] = [LevelSamplerCache.For(drivers[d].Level), .. drivers[d].LevelChanges.Select(c => LevelSamplerCache.For(c.Level))]);
        var levelIndex = new int[drivers.Count][];
        for (int d = 0; d < drivers.Count; d++)
        {
            var driver = drivers[d];
            levelIndex[d] = new int[steps + 1];
            for (int s = 0; s <= steps; s++)
            {
                int current = 0;
                for (int c = 0; c < driver.LevelChanges.Count; c++)
                    if (driver.LevelChanges[c].FromYear <= first + s) current = c + 1;
                levelIndex[d][s] = current;
            }
        }

        var order = DependencyOrder(scenario);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < order.Count; k++) position[scenario.Indicators[order[k]].Id] = k;
        var headlineIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ind in scenario.Indicators.Where(i => i.Headline)) headlineIndex[ind.Id] = headlineIndex.Count;
        var compiled = new CompiledIndicator[order.Count];
        var positions = new PlanPositions(driverIndex, position);
        for (int k = 0; k < order.Count; k++)
        {
            var ind = scenario.Indicators[order[k]];
            compiled[k] = new CompiledIndicator
            {
                ScenarioIndex = order[k],
                Source = ind,
                Step = ind.Model.Compile(positions, ind),
                BaseStep = ind.BaseYear - first,
                TargetStep = ind.Target.Year - first,
                BaseValue = ind.BaseValue,
                StreamKey = CompiledIndicator.KeyFor(ind.Id),
                IsCount = ind.Model.IsCount,
                HeadlineIndex = headlineIndex.TryGetValue(ind.Id, out int h) ? h : -1,
            };
        }
        var trendStart = new int[drivers.Count];
        var means = new double[drivers.Count][];
        for (int d = 0; d < means.Length; d++)
        {
            var trend = drivers[d].Trend;
            trendStart[d] = trend?.FromYear is { } from ? from - first : 1;
            means[d] = new double[steps + 1];
            for (int s = 0; s <= steps; s++)
            {
                double level = drivers[d].LevelIn(first + s).Mean;
                // The expected path puts every parameter at its mean: L̄·(1 + r̄)ⁿ, or L̄∞ + (L̄ − L̄∞)·φ̄ⁿ.
                means[d][s] = trend is null ? level
                    : trend.LevelAfter(level, trend.Parameters[0].Mean, trend.Parameters.Count > 1 ? trend.Parameters[1].Mean : 0, Math.Max(0, s - trendStart[d]));
            }
        }
        var observedAt = new double[compiled.Length][];
        for (int k = 0; k < compiled.Length; k++) observedAt[k] = Enumerable.Repeat(double.NaN, steps + 1).ToArray();
        var observations = new (int K, int Step)[scenario.Observed.Count];
        for (int o = 0; o < observations.Length; o++)
        {
            var obs = scenario.Observed[o];
            int k = position[obs.IndicatorId], s = obs.Year - first;
            observedAt[k][s] = obs.Value;
            observations[o] = (k, s);
        }
        var ownRowStart = new int[compiled.Length];
        int ownRows = 0;
        for (int k = 0; k < compiled.Length; k++)
        {
            ownRowStart[k] = ownRows;
            ownRows += compiled[k].Step.OwnRows;
        }

        var driverLanes = DriverLanesOf(compiled, positions, driverIndex, drivers.Count);
        var firstRead = new int[drivers.Count];
        Array.Fill(firstRead, steps + 1);
        foreach (var ind in compiled)
            foreach (var id in ind.Source.Model.DriverIds)
                firstRead[driverIndex[id]] = Math.Min(firstRead[driverIndex[id]], Math.Max(1, ind.BaseStep + 1));
        var (factor, mixed) = Factor(scenario, name => driverIndex[name], drivers.Count, CorrelationScope.Shocks);
        var (levelFactor, levelMixed) = Factor(scenario, name => LevelTrend.Member(name, drivers), 3 * drivers.Count, CorrelationScope.Levels);
        var levelScored = new bool[levelMixed.Length];
        if (levelFactor is not null)
            for (int m = 0; m < levelMixed.Length; m++)
                if (levelMixed[m])
                    for (int j = 0; j <= m; j++) levelScored[j] |= levelFactor[m * levelMixed.Length + j] != 0;
        var yearlyKinds = drivers.Select(d => d.Yearly.IsDeterministic ? YearlyVariationKind.None : d.Yearly.Kind).ToArray();
        var shocksRead = new bool[drivers.Count];
        for (int d = 0; d < drivers.Count; d++)
        {
            shocksRead[d] = yearlyKinds[d] != YearlyVariationKind.None;
            if (factor is not null)
                for (int row = 0; row < drivers.Count; row++) shocksRead[d] |= mixed[row] && factor[row * drivers.Count + d] != 0;
        }
        return new SimulationPlan(scenario)
        {
            FirstYear = first,
            Steps = steps,
            DriverCount = drivers.Count,
            ScenarioDriverCount = scenario.Drivers.Count,
            DriverKeys = drivers.Select(d => StreamKey.Of("driver:" + d.Id)).ToArray(),
            LevelSamplers = samplers,
            LevelIndex = levelIndex,
            YearlyKinds = yearlyKinds,
            YearlyScales = drivers.Select(d => d.Yearly.Scale).ToArray(),
            CorrelationFactor = factor,
            Mixed = mixed,
            LevelFactor = levelFactor,
            LevelMixed = levelMixed,
            Trends = drivers.Select(d => d.Trend).ToArray(),
            TrendSamplers = drivers.Select(d => d.Trend?.Parameters.Select(LevelSamplerCache.For).ToArray()).ToArray(),
            TrendKeys = drivers.Select(d => StreamKey.Of("driver:" + d.Id + ":trend")).ToArray(),
            TrendStart = trendStart,
            OwnRowStart = ownRowStart,
            OwnRows = ownRows,
            ObservedAt = observedAt,
            Observations = observations,
            Indicators = compiled,
            HeadlineCount = headlineIndex.Count,
            MeanLevels = means,
            StructureDraws = [.. positions.StructureDraws],
            LaneRows = positions.LaneRowCount,
            DriverLanes = driverLanes,
            IndicatorLanes = compiled.Select(ind => ind.Source.Model is MixtureModel mixture
                ? positions.LaneRows(driverIndex[mixture.StructureDriverId(ind.Source.Id)], MixtureModel.CumulativeWeights(mixture.Components)) : -1).ToArray(),
            LevelScored = levelScored,
            FirstReadStep = firstRead,
            ShocksRead = shocksRead,
        };
    }

    /// <summary>
    /// Each driver's lane row (<see cref="DriverLanes"/>): that of structure c of a mixture when every model reading the
    /// driver is structure c of mixtures of one structure draw, else −1.
    /// </summary>
    private static int[] DriverLanesOf(CompiledIndicator[] compiled, PlanPositions positions, Dictionary<string, int> driverIndex, int drivers)
    {
        const int unread = int.MinValue;
        var lanes = new int[drivers];
        Array.Fill(lanes, unread);
        void Read(string id, int row)
        {
            int d = driverIndex[id];
            lanes[d] = lanes[d] == unread || lanes[d] == row ? row : -1;
        }
        foreach (var ind in compiled)
        {
            if (ind.Source.Model is MixtureModel mixture)
            {
                int selector = driverIndex[mixture.StructureDriverId(ind.Source.Id)];
                int first = positions.LaneRows(selector, MixtureModel.CumulativeWeights(mixture.Components));
                for (int c = 0; c < mixture.Components.Count; c++)
                    foreach (var id in mixture.Components[c].Model.DriverIds) Read(id, first + c);
            }
            else
            {
                foreach (var id in ind.Source.Model.DriverIds) Read(id, -1);
            }
        }
        for (int d = 0; d < drivers; d++) if (lanes[d] == unread) lanes[d] = -1;
        return lanes;
    }

    /// <summary>
    /// A factor L with L·Lᵀ = C of the correlation matrix: Cholesky where C is positive definite, and
    /// otherwise (positive semi-definite, e.g. two drivers correlated at 1) the eigen-decomposition
    /// square root V·√Λ made lower-triangular by a QR step. Null when no correlation is given.
    /// </summary>
    private static (double[]? Factor, bool[] Mixed) Factor(Scenario scenario, Func<string, int> member, int n, CorrelationScope scope)
    {
        var mixed = new bool[n];
        var correlations = scenario.Correlations.Where(c => c.Scope == scope).ToList();
        if (correlations.Count == 0 || correlations.All(c => c.Rho == 0)) return (null, mixed);
        var c = Matrix<double>.Build.DenseIdentity(n);
        foreach (var corr in correlations)
        {
            int a = member(corr.First), b = member(corr.Second);
            c[a, b] = corr.Rho;
            c[b, a] = corr.Rho;
        }
        Matrix<double> l;
        try
        {
            l = c.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            var evd = c.Evd(Symmetricity.Symmetric);
            var root = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(
                evd.EigenValues.Map(e => Math.Sqrt(Math.Max(0, e.Real))));
            // root·rootᵀ = C; the transpose of R from rootᵀ = Q·R gives a lower-triangular factor.
            var r = root.Transpose().QR().R;
            l = r.Transpose();
            for (int i = 0; i < n; i++)
                if (l[i, i] < 0) for (int j = 0; j < n; j++) l[j, i] = -l[j, i];
        }
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                flat[i * n + j] = l[i, j];
                if (i != j && l[i, j] != 0) mixed[i] = true;
            }
        return (flat, mixed);
    }

    private static List<int> DependencyOrder(Scenario scenario)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < scenario.Indicators.Count; i++) index[scenario.Indicators[i].Id] = i;
        var order = new List<int>();
        var done = new bool[scenario.Indicators.Count];
        void Visit(int i)
        {
            if (done[i]) return;
            done[i] = true;
            foreach (var dep in scenario.Indicators[i].Model.IndicatorIds) Visit(index[dep]);
            order.Add(i);
        }
        for (int i = 0; i < scenario.Indicators.Count; i++) Visit(i);
        return order;
    }
}
