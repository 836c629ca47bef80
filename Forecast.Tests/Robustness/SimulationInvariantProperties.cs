using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Tests.Simulation;

namespace Forecast.Tests.Robustness;

/// <summary>
/// The statistical promises of the engine, checked on every kind of valid scenario that
/// <see cref="ScenarioGenerators"/> makes (100 cases each, a few thousand paths per run).
/// </summary>
public class SimulationInvariantProperties
{
    private const int Paths = 2048;

    /// <summary>The path count varies (1,000 to 3,000) so that interval ends are checked at many n.</summary>
    [Property(MaxTest = 100)]
    public Property Probabilities_Intervals_Percentiles_Bounds_AndCounts_AreConsistent() =>
        Prop.ForAll(Arb.From(
            from scenario in ScenarioGenerators.Scenario
            from paths in Gen.Choose(1000, 3000)
            select (scenario, paths)), c =>
        {
            var (scenario, paths) = c;
            string yaml = $"{paths} paths:\n{GeneratedScenarioText.Write(scenario)}";
            var plan = SimulationPlan.Compile(scenario);
            ulong seed = scenario.Defaults.Seed;
            var acc = MonteCarlo.Simulate(plan, new RunSpec(paths, seed, SamplingMethod.Random, 1, null), null, CancellationToken.None);
            var result = MonteCarlo.Summarise(plan, acc, seed);

            foreach (var outcome in result.Indicators)
            {
                string at = $"{outcome.Indicator.Id} in\n{yaml}";
                Assert.True(outcome.Probability is >= 0 and <= 1, at);
                Assert.True(outcome.ProbabilityCi95.Lower >= 0 && outcome.ProbabilityCi95.Upper <= 1, at);
                Assert.True(outcome.ProbabilityCi95.Contains(outcome.Probability),
                    $"{outcome.Probability} outside [{outcome.ProbabilityCi95.Lower}, {outcome.ProbabilityCi95.Upper}]: {at}");
                Assert.True(outcome.ExpectedShortfall >= 0, at);
                foreach (var y in outcome.Years)
                {
                    Assert.True(y.P5 <= y.P25 && y.P25 <= y.P50 && y.P50 <= y.P75 && y.P75 <= y.P95,
                        $"{y.Year}: {y.P5} {y.P25} {y.P50} {y.P75} {y.P95}: {at}");
                    Assert.True(double.IsNaN(y.Probability) || y.Probability is >= 0 and <= 1, at);
                }
                Assert.True(result.AllTargetsProbability <= outcome.Probability, at);
            }

            for (int k = 0; k < plan.Indicators.Length; k++)
            {
                var ind = plan.Indicators[k];
                var outcome = result.Indicators[ind.ScenarioIndex];
                string at = $"{ind.Source.Id} in\n{yaml}";
                for (int s = ind.BaseStep + 1; s <= plan.Steps; s++)
                {
                    int cell = acc.Cell(k, s);
                    double min = acc.Cells.Min(cell), max = acc.Cells.Max(cell);
                    var y = outcome.Years[s - ind.BaseStep - 1];
                    Assert.True(min <= y.P5 && y.P95 <= max, $"{y.Year}: [{y.P5}, {y.P95}] outside [{min}, {max}]: {at}");
                    // Sum / n of values in [min, max] may round past an end by a few units in the last place.
                    double slack = 1e-12 * Math.Max(Math.Abs(min), Math.Abs(max));
                    Assert.True(min - slack <= y.Mean && y.Mean <= max + slack, $"{y.Year}: mean {y.Mean} outside [{min}, {max}]: {at}");
                    if (ind.Source.Model is BoundedShareModel)
                    {
                        var b = BoundedShareModel.BoundsOf(ind.Source);
                        Assert.True(min >= b.Lower && max <= b.Upper, $"{y.Year}: share [{min}, {max}] leaves [{b.Lower}, {b.Upper}]: {at}");
                    }
                    if (ind.IsCount)
                    {
                        Assert.True(min >= 0, $"{y.Year}: count below 0 ({min}): {at}");
                        Assert.True(min == Math.Floor(min) && max == Math.Floor(max) && acc.Cells.Sum(cell) == Math.Floor(acc.Cells.Sum(cell)),
                            $"{y.Year}: count not whole (min {min}, max {max}, sum {acc.Cells.Sum(cell)}): {at}");
                        foreach (double q in new[] { y.P5, y.P25, y.P50, y.P75, y.P95 })
                            Assert.True(q == Math.Floor(q), $"{y.Year}: percentile {q} of a count is not whole: {at}");
                    }
                }
            }
            Assert.Equal(acc.Paths, Enumerable.Range(0, acc.HeadlineTargets + 1).Sum(m => acc.MetCount(m)));
        });

    /// <summary>
    /// Per path, with common random numbers (same seed, same blocks), raising one driver's level never
    /// moves an indicator against the direction the model is monotone in, and never touches an indicator
    /// that does not depend on the driver. The monotone directions (<see cref="Monotonicity.Sign"/>):
    /// compound growth, a ratio's numerator, a share's step, stock-flow entries, cumulative and flow
    /// drivers are increasing; a ratio's denominator and stock-flow exits are decreasing; a ratio of an
    /// indicator inherits that indicator's direction. Binomial exits and conversions keep the order too:
    /// with the same uniform, N − F⁻¹(u; N, q) and N + F⁻¹(u; C − N, e) are non-decreasing in N.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property RaisingALever_NeverMovesAnyPathAgainstTheModelsMonotoneDirection() =>
        Prop.ForAll(Arb.From(
            from scenario in ScenarioGenerators.Scenario
            from driver in Gen.Choose(0, 1000)
            from shift in ScenarioGenerators.Between(0.01, 1)
            select (scenario, driver, shift)), c =>
        {
            var (scenario, pick, shift) = c;
            var lever = scenario.Drivers[pick % scenario.Drivers.Count];
            var raised = Monotonicity.Raise(scenario, lever.Id, shift);
            string at = $"raising {lever.Id} by {shift} (role units) in\n{GeneratedScenarioText.Write(scenario)}";

            var plan = SimulationPlan.Compile(scenario);
            var before = SimulatePaths(plan);
            var after = SimulatePaths(SimulationPlan.Compile(raised));
            var planIndicators = plan.Indicators;
            for (int k = 0; k < planIndicators.Length; k++)
            {
                var source = planIndicators[k].Source;
                int sign = Monotonicity.Sign(scenario, source, lever.Id);
                if (sign == Monotonicity.Mixed) continue;
                bool atLeast = source.Target.Direction == Direction.AtLeast;
                for (int i = 0; i < Paths; i++)
                {
                    double x0 = before.Values[k][i], x1 = after.Values[k][i];
                    bool m0 = before.Met[k][i], m1 = after.Met[k][i];
                    string where = $"{source.Id}, path {i}: {x0} -> {x1}, met {m0} -> {m1}, sign {sign}; {at}";
                    if (sign == 0)
                    {
                        Assert.True(x0.Equals(x1) && m0 == m1, "an indicator that does not read the lever moved: " + where);
                        continue;
                    }
                    Assert.True(sign > 0 ? x1 >= x0 : x1 <= x0, where);
                    Assert.True(sign > 0 == atLeast ? !m0 || m1 : !m1 || m0, where);
                }
            }
        });

    /// <summary>
    /// With every driver fixed at its mean, no yearly variation, and no binomial step (no exits, no
    /// capacity; counts fixed at whole numbers), every path is the deterministic projection: mean and
    /// every percentile equal it exactly, and the probability is 1 or 0 as the projection meets the target.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property ZeroVolatility_GivesTheDeterministicProjection_Exactly() =>
        Prop.ForAll(ScenarioGenerators.Scenarios, generated =>
        {
            var scenario = Monotonicity.Freeze(generated);
            string at = GeneratedScenarioText.Write(scenario);
            var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 1024, Threads: 1));
            var projection = DeterministicProjection.Project(scenario);
            foreach (var outcome in result.Indicators)
            {
                var ind = outcome.Indicator;
                var path = projection[ind.Id];
                foreach (var y in outcome.Years)
                {
                    double expected = path[y.Year - scenario.FirstYear];
                    Assert.True(expected.Equals(y.Mean) && expected.Equals(y.P5) && expected.Equals(y.P50) && expected.Equals(y.P95) && expected.Equals(y.Deterministic),
                        $"{ind.Id} {y.Year}: projection {expected}, mean {y.Mean}, p5 {y.P5}, p50 {y.P50}, p95 {y.P95} in\n{at}");
                }
                bool met = ind.Target.Period == TargetPeriod.EveryYear
                    ? Enumerable.Range(ind.BaseYear + 1, ind.Steps).All(year => ind.Target.IsMetBy(path[year - scenario.FirstYear]))
                    : ind.Target.IsMetBy(path[ind.Target.Year - scenario.FirstYear]);
                Assert.True((met ? 1.0 : 0.0).Equals(outcome.Probability), $"{ind.Id}: probability {outcome.Probability}, projection meets target: {met} in\n{at}");
            }
        });

    /// <summary>
    /// Scaling a compound indicator's base and target by c = 2^k changes nothing: every path's value is
    /// multiplied by c exactly (a power of two commutes with rounding), so every probability is identical,
    /// its mean and percentiles are exactly c times the unscaled ones (the histogram grid scales with them),
    /// and the other indicators, including ratios that read it relative to its base, are bit-for-bit the same.
    /// (For a factor that is not a power of two a value equal to the target could round either way.)
    /// </summary>
    [Property(MaxTest = 100)]
    public Property ScalingACompoundIndicatorsBaseAndTarget_ChangesNoProbability() =>
        Prop.ForAll(Arb.From(
            from scenario in ScenarioGenerators.Scenario.Where(s => s.Indicators.Any(i => i.Model is CompoundGrowthModel))
            from power in Gen.Choose(-8, 8).Where(p => p != 0)
            from pick in Gen.Choose(0, 100)
            select (scenario, power, pick)), c =>
        {
            var (scenario, power, pick) = c;
            double factor = Math.ScaleB(1, power);
            var compounds = scenario.Indicators.Where(i => i.Model is CompoundGrowthModel).ToList();
            var chosen = compounds[pick % compounds.Count];
            var scaled = scenario with
            {
                Indicators = scenario.Indicators.Select(i => i == chosen
                    ? i with { BaseValue = i.BaseValue * factor, Target = i.Target with { Value = i.Target.Value * factor } }
                    : i).ToList(),
            };
            string at = $"{chosen.Id} scaled by {factor} in\n{GeneratedScenarioText.Write(scenario)}";
            var a = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 1024, Threads: 1));
            var b = MonteCarlo.Run(scaled, new SimulationOptions(Paths: 1024, Threads: 1));
            for (int i = 0; i < a.Indicators.Count; i++)
            {
                var (x, y) = (a.Indicators[i], b.Indicators[i]);
                Assert.True(x.Probability.Equals(y.Probability), $"{x.Indicator.Id}: {x.Probability} -> {y.Probability}; {at}");
                double f = x.Indicator.Id == chosen.Id ? factor : 1;
                for (int t = 0; t < x.Years.Count; t++)
                {
                    var (u, v) = (x.Years[t], y.Years[t]);
                    Assert.True((f * u.Mean).Equals(v.Mean) && (f * u.P5).Equals(v.P5) && (f * u.P50).Equals(v.P50) && (f * u.P95).Equals(v.P95)
                        && u.Probability.Equals(v.Probability),
                        $"{x.Indicator.Id} {u.Year}: {u} -> {v}; {at}");
                }
            }
        });

    /// <summary>
    /// The same seed gives bit-for-bit the same accumulator (every count, sum, extreme and histogram bin)
    /// on 1 thread and on 2, 3 or 8. The unit of parallel work is a shard of 16,384 paths, so each run has
    /// two shards (the second a single block) and at most two indicators, to keep 100 cases affordable.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property SameSeed_GivesTheSameResult_ForAnyThreadCount() =>
        Prop.ForAll(Arb.From(
            from scenario in ScenarioGenerators.ScenarioOf(2)
            from threads in Gen.Elements(2, 3, 8)
            select (scenario, threads)), c =>
        {
            var (scenario, threads) = c;
            var plan = SimulationPlan.Compile(scenario);
            long paths = BlockRunner.PathsPerShard + BlockWorkspace.BlockSize;
            var one = MonteCarlo.Simulate(plan, new RunSpec(paths, scenario.Defaults.Seed, SamplingMethod.Random, 1, null), null, CancellationToken.None);
            var many = MonteCarlo.Simulate(plan, new RunSpec(paths, scenario.Defaults.Seed, SamplingMethod.Random, threads, null), null, CancellationToken.None);
            AccumulatorAssert.Identical(one, many, $"{threads} threads, scenario\n{GeneratedScenarioText.Write(scenario)}");
        });

    private sealed record PathOutcomes(double[][] Values, bool[][] Met);

    /// <summary>Each path's target-year value and target outcome per indicator (plan order), for the first <see cref="Paths"/> paths.</summary>
    private static PathOutcomes SimulatePaths(SimulationPlan plan)
    {
        var ws = new BlockWorkspace(plan);
        int n = plan.Indicators.Length;
        var values = Enumerable.Range(0, n).Select(_ => new double[Paths]).ToArray();
        var met = Enumerable.Range(0, n).Select(_ => new bool[Paths]).ToArray();
        for (int block = 0; block * BlockWorkspace.BlockSize < Paths; block++)
        {
            int start = block * BlockWorkspace.BlockSize, count = Math.Min(BlockWorkspace.BlockSize, Paths - start);
            BlockSimulator.Simulate(plan, plan.Scenario.Defaults.Seed, block, count, ws);
            for (int k = 0; k < n; k++)
            {
                BlockWorkspace.Row(ws.TargetValues, k, count).CopyTo(values[k].AsSpan(start));
                BlockWorkspace.Row(ws.Met, k, count).CopyTo(met[k].AsSpan(start));
            }
        }
        return new PathOutcomes(values, met);
    }
}
