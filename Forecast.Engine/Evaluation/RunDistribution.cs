using Forecast.Engine.Simulation;

namespace Forecast.Engine.Evaluation;

/// <summary>One year's forecast distribution of an indicator.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Distribution">The distribution of the simulated values.</param>
public sealed record YearDistribution(int Year, ForecastDistribution Distribution);

/// <summary>The forecast distributions of one indicator, year by year from the year after its base.</summary>
/// <param name="Id">The indicator's id.</param>
/// <param name="IsCount">Whether the indicator counts whole things (its distribution has atoms).</param>
/// <param name="Years">One distribution per simulated year, oldest first.</param>
public sealed record IndicatorDistribution(string Id, bool IsCount, IReadOnlyList<YearDistribution> Years)
{
    /// <summary>The distribution of the given year, or null when the year is not simulated.</summary>
    public ForecastDistribution? Year(int year) => Years.FirstOrDefault(y => y.Year == year)?.Distribution;
}

/// <summary>
/// Everything an evaluation needs of a run: for every indicator and simulated year the whole distribution of the paths
/// (as a <see cref="ForecastDistribution"/>), with the run's identity. <c>forecast run</c> writes it as distribution.json
/// (format version <see cref="FormatVersion"/>).
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Paths">Paths simulated.</param>
/// <param name="Seed">The seed of every random stream.</param>
/// <param name="Sampling">How the paths were drawn.</param>
/// <param name="Indicators">One entry per indicator, in scenario order.</param>
public sealed record RunDistribution(string Scenario, long Paths, ulong Seed, SamplingMethod Sampling, IReadOnlyList<IndicatorDistribution> Indicators)
{
    /// <summary>The version of the stored format; a reader refuses a file of another version.</summary>
    public const int FormatVersion = 1;

    /// <summary>The indicator with the given id, or null.</summary>
    public IndicatorDistribution? Indicator(string id) => Indicators.FirstOrDefault(i => i.Id == id);

    /// <summary>
    /// The distributions of a finished run, read through the summary's one quantile path
    /// (<see cref="CellHistograms.Quantile(int, double)"/>, through <see cref="CellHistograms.Quantiles"/>) at every grid probability, so they hold whatever that path
    /// holds, whatever represents the paths inside.
    /// </summary>
    internal static RunDistribution Of(SimulationPlan plan, SimulationAccumulator acc, RunSpec run)
    {
        var scenario = plan.Scenario;
        var grid = ForecastDistribution.GridProbabilities();
        var cells = new List<(int K, int Step)>();
        for (int k = 0; k < plan.Indicators.Length; k++)
            for (int s = plan.Indicators[k].BaseStep + 1; s <= plan.Steps; s++) cells.Add((k, s));
        var distributions = new ForecastDistribution[cells.Count];
        // Cells are independent: spread them over the run's threads (each reads the merged histograms only).
        Parallel.For(0, cells.Count, new ParallelOptions { MaxDegreeOfParallelism = run.Workers }, c =>
        {
            var (k, s) = cells[c];
            int cell = acc.Cell(k, s);
            distributions[c] = FromCell(acc.Cells, cell, grid);
        });
        var byIndicator = new IndicatorDistribution[scenario.Indicators.Count];
        int next = 0;
        for (int k = 0; k < plan.Indicators.Length; k++)
        {
            var ind = plan.Indicators[k];
            var years = new List<YearDistribution>();
            for (int s = ind.BaseStep + 1; s <= plan.Steps; s++) years.Add(new YearDistribution(plan.Year(s), distributions[next++]));
            byIndicator[ind.ScenarioIndex] = new IndicatorDistribution(ind.Source.Id, ind.IsCount, years);
        }
        return new RunDistribution(scenario.Name, acc.Paths, run.Seed, run.Sampling, byIndicator);
    }

    /// <summary>A cell's quantiles at every grid probability (<see cref="CellHistograms.Quantiles"/>), with its exact range and mean.</summary>
    internal static ForecastDistribution FromCell(CellHistograms cells, int cell, double[] grid)
    {
        double min = cells.Min(cell), max = cells.Max(cell);
        var q = new double[grid.Length];
        cells.Quantiles(cell, grid, q);
        // The quantiles are non-decreasing and inside the observed range; the guard only keeps the last bits of rounding
        // from breaking that.
        double previous = min;
        for (int i = 0; i < q.Length; i++) q[i] = previous = Math.Clamp(Math.Max(previous, q[i]), min, max);
        return new ForecastDistribution(min, max, cells.Mean(cell), q);
    }
}

/// <summary>A run's summary together with its stored distributions.</summary>
/// <param name="Result">What <see cref="MonteCarlo.Run"/> returns.</param>
/// <param name="Distribution">The distribution of every indicator in every simulated year.</param>
public sealed record ForecastRun(Forecast.Engine.Results.SimulationResult Result, RunDistribution Distribution)
{
    /// <summary>
    /// Runs the scenario exactly as <see cref="MonteCarlo.Run"/> does (the same paths, the same summary) and also keeps the
    /// distribution of every indicator and year. Throws <see cref="Model.InvalidScenarioException"/> for an invalid scenario
    /// and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static ForecastRun Run(Model.Scenario scenario, SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var run = RunSpec.Resolve(scenario, options);
        var plan = SimulationPlan.Compile(scenario);
        if (plan.Observations.Length > 0)
        {
            // A nowcast: the paths conditioned on the observations, as MonteCarlo.Run would give them.
            var (total, conditioning) = Nowcast.Simulate(plan, run, progress, cancellationToken);
            return new ForecastRun(MonteCarlo.Summarise(plan, total, run.Seed) with { Conditioning = conditioning }, RunDistribution.Of(plan, total, run));
        }
        var acc = MonteCarlo.Simulate(plan, run, progress, cancellationToken);
        return new ForecastRun(MonteCarlo.Summarise(plan, acc, run.Seed), RunDistribution.Of(plan, acc, run));
    }
}
