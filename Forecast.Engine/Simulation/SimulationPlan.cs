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
    /// <summary>Lower-triangular factor of the driver correlation matrix (row-major, n×n), or null when uncorrelated.</summary>
    public double[]? CorrelationFactor { get; private init; }
    /// <summary>Drivers whose shock mixes others' (rows of the factor with off-diagonal entries).</summary>
    public bool[] Mixed { get; private init; } = [];
    /// <summary>Indicators in dependency order (an indicator comes after those it reads).</summary>
    public CompiledIndicator[] Indicators { get; private init; } = [];
    public int HeadlineCount { get; private init; }

    public int Year(int step) => FirstYear + step;

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
        var driverIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < scenario.Drivers.Count; d++) driverIndex[scenario.Drivers[d].Id] = d;

        // Beta and PERT samplers tabulate their quantiles (tens of milliseconds each): build them on all cores.
        var samplers = new LevelSampler[scenario.Drivers.Count][];
        Parallel.For(0, scenario.Drivers.Count, d =>
            samplers[d] = [LevelSamplerCache.For(scenario.Drivers[d].Level), .. scenario.Drivers[d].LevelChanges.Select(c => LevelSamplerCache.For(c.Level))]);
        var levelIndex = new int[scenario.Drivers.Count][];
        for (int d = 0; d < scenario.Drivers.Count; d++)
        {
            var driver = scenario.Drivers[d];
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
        for (int k = 0; k < order.Count; k++)
        {
            var ind = scenario.Indicators[order[k]];
            var bounds = ind.Bounds ?? (ind.Model is BoundedShareModel ? Bounds.Percent : new Bounds(double.NegativeInfinity, double.PositiveInfinity));
            int D(string? id) => id is null ? -1 : driverIndex[id];
            int I(string? id) => id is null ? -1 : position[id];
            var (kind, driver, second, numerator, denominator, capacity) = ind.Model switch
            {
                CompoundGrowthModel m => (StepKind.Compound, D(m.Growth), -1, -1, -1, -1),
                RatioModel m => (StepKind.Ratio, D(m.Numerator.GrowthDriver), D(m.Denominator.GrowthDriver),
                    I(m.Numerator.Indicator), I(m.Denominator.Indicator), -1),
                BoundedShareModel m => (StepKind.Share, D(m.Step), -1, -1, -1, -1),
                StockFlowModel m => (StepKind.StockFlow, D(m.Entries), D(m.ExitRate), -1, -1, m.Capacity ?? -1),
                CumulativeModel m => (StepKind.Cumulative, D(m.Driver), -1, -1, -1, -1),
                FlowModel m => (StepKind.Flow, D(m.Driver), -1, -1, -1, -1),
                _ => throw new InvalidScenarioException($"indicator '{ind.Id}' has an unknown model kind"),
            };
            compiled[k] = new CompiledIndicator
            {
                ScenarioIndex = order[k],
                Source = ind,
                Kind = kind,
                BaseStep = ind.BaseYear - first,
                TargetStep = ind.Target.Year - first,
                BaseValue = ind.BaseValue,
                StreamKey = CompiledIndicator.KeyFor(ind.Id),
                Driver = driver,
                SecondDriver = second,
                NumeratorIndicator = numerator,
                DenominatorIndicator = denominator,
                Lower = bounds.Lower,
                Upper = bounds.Upper,
                Capacity = capacity,
                IsCount = ind.Model.IsCount,
                RoundFlow = ind.Model is FlowModel { Count: true },
                HeadlineIndex = headlineIndex.TryGetValue(ind.Id, out int h) ? h : -1,
            };
        }

        var (factor, mixed) = Factor(scenario, driverIndex);
        return new SimulationPlan(scenario)
        {
            FirstYear = first,
            Steps = steps,
            DriverCount = scenario.Drivers.Count,
            DriverKeys = scenario.Drivers.Select(d => StreamKey.Of("driver:" + d.Id)).ToArray(),
            LevelSamplers = samplers,
            LevelIndex = levelIndex,
            YearlyKinds = scenario.Drivers.Select(d => d.Yearly.IsDeterministic ? YearlyVariationKind.None : d.Yearly.Kind).ToArray(),
            YearlyScales = scenario.Drivers.Select(d => d.Yearly.Scale).ToArray(),
            CorrelationFactor = factor,
            Mixed = mixed,
            Indicators = compiled,
            HeadlineCount = headlineIndex.Count,
        };
    }

    /// <summary>
    /// A factor L with L·Lᵀ = C of the correlation matrix: Cholesky where C is positive definite, and
    /// otherwise (positive semi-definite, e.g. two drivers correlated at 1) the eigen-decomposition
    /// square root V·√Λ made lower-triangular by a QR step. Null when no correlation is given.
    /// </summary>
    private static (double[]? Factor, bool[] Mixed) Factor(Scenario scenario, Dictionary<string, int> driverIndex)
    {
        int n = scenario.Drivers.Count;
        var mixed = new bool[n];
        if (scenario.Correlations.Count == 0 || scenario.Correlations.All(c => c.Rho == 0)) return (null, mixed);
        var c = Matrix<double>.Build.DenseIdentity(n);
        foreach (var corr in scenario.Correlations)
        {
            int a = driverIndex[corr.First], b = driverIndex[corr.Second];
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
