using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Steps one block of paths of a <see cref="SimulationPlan"/> and shows them to an observer. Random numbers come
/// from streams keyed by (seed, block index, driver or indicator id); within a stream the order is fixed: a driver
/// draws its level uniforms for the block, then one normal per path each year; an indicator draws its binomial
/// uniforms year by year. The block's paths therefore depend only on the seed, the block index and the plan.
/// What is remembered of them is the observer's business (<see cref="IBlockObserver{TSelf}"/>); the simulator keeps
/// only each path's own outcomes in the workspace: whether it met each target, its shortfall, its target-year value.
/// </summary>
internal static class BlockSimulator
{
    /// <summary>Simulates block <paramref name="block"/> (<paramref name="count"/> paths) of plan <paramref name="planIndex"/> into <paramref name="ws"/>, calling <paramref name="observer"/>'s <see cref="IBlockObserver{TSelf}.Year"/> as each indicator steps.</summary>
    public static void Simulate<TObserver>(SimulationPlan plan, int planIndex, ulong seed, long block, int count, BlockWorkspace ws,
        ref TObserver observer, SamplingMethod sampling = SamplingMethod.Random)
        where TObserver : struct, IBlockObserver<TObserver>
    {
        int drivers = plan.DriverCount;
        var inds = plan.Indicators;
        ws.FirstPath = block * BlockWorkspace.BlockSize;

        for (int d = 0; d < drivers; d++)
        {
            var stream = StreamKey.Derive(seed, block, plan.DriverKeys[d]);
            var u = BlockWorkspace.Row(ws.LevelUniforms, d, count);
            Sampler.Uniforms(ref stream, u, ws, sampling, new SobolCoordinate(false, d, 0));
            if (ws.GivenLevelUniforms is { } given) BlockWorkspace.Row(given, d, count).CopyTo(u);
            ws.DriverStreams[d] = stream;
        }
        for (int d = 0; d < drivers; d++)
            if (plan.Trends[d] is not null) DrawTrendUniforms(plan, seed, block, d, count, ws, sampling);
        if (plan.LevelFactor is { } levelFactor && !(ws.GivenLevelUniforms is not null && ws.GivenUniformsAreFinal))
            CorrelateLevels(levelFactor, plan.LevelMixed, plan.LevelScored, drivers, count, ws);
        // Levels are set when first read (SetLevels); the structure drivers' (after the scenario's) now: which paths take
        // which structure decides where the other drivers' count draws are needed.
        ws.LevelSamplerSet.AsSpan(0, drivers).Fill(-1);
        for (int d = plan.ScenarioDriverCount; d < drivers; d++) SetLevels(plan, d, 0, count, ws);
        DrawStructures(plan, count, ws);
        // A trend's parameters are read by its driver's levels alone: on the paths those are set on (SetLevels).
        for (int d = 0; d < plan.ScenarioDriverCount; d++)
            if (plan.TrendSamplers[d] is { } trendSamplers)
                for (int j = 0; j < trendSamplers.Length; j++)
                    trendSamplers[j].Fill(BlockWorkspace.Row(ws.TrendUniforms, 2 * d + j, count), BlockWorkspace.Row(ws.TrendParameters, 2 * d + j, count),
                        LevelLanesOf(plan, d, count, ws));
        for (int k = 0; k < inds.Length; k++)
        {
            var ind = inds[k];
            ws.IndicatorStreams[k] = StreamKey.Derive(seed, block, ind.StreamKey);
            if (sampling == SamplingMethod.Sobol) Sampler.SobolOrder(ref ws.IndicatorStreams[k], ws, k, count);
            // Only the rows the indicator's step and target read are set (the others would be written for nothing).
            ind.Step.Start(StepContext.Of(plan, ws, k, 0, count, sampling, expected: false));
            if (ws.TracksExpected) ind.Step.Start(StepContext.Of(plan, ws, k, 0, count, sampling, expected: true));
            if (ind.Source.Target.Period == TargetPeriod.EveryYear)
            {
                BlockWorkspace.Row(ws.Worst, k, count).Clear();
                BlockWorkspace.Row(ws.AllYears, k, count).Fill(true);
            }
        }
        ws.MetCount.AsSpan(0, count).Clear();
        ws.AllMet.AsSpan(0, count).Fill(true);

        for (int step = 1; step <= plan.Steps; step++)
        {
            DrawDriverValues(plan, step, count, ws, sampling);
            for (int k = 0; k < inds.Length; k++)
            {
                var ind = inds[k];
                if (step <= ind.BaseStep) continue;
                ind.Step.Advance(StepContext.Of(plan, ws, k, step, count, sampling, expected: false));
                if (ws.TracksExpected) ind.Step.AdvanceExpected(StepContext.Of(plan, ws, k, step, count, sampling, expected: true));
                double observed = plan.ObservedAt[k][step];
                if (!double.IsNaN(observed))
                {
                    // A nowcast: every path takes the observed value this year and goes on from it.
                    BlockWorkspace.Row(ws.State, k, count).CopyTo(BlockWorkspace.Row(ws.BeforeObservation, k, count));
                    ind.Step.Observe(StepContext.Of(plan, ws, k, step, count, sampling, expected: false), observed);
                    if (ws.TracksExpected) ind.Step.Observe(StepContext.Of(plan, ws, k, step, count, sampling, expected: true), observed);
                }
                TrackTarget(ind, k, step, count, ws);
                observer.Year(planIndex, k, step, ws, count);
            }
        }
    }

    /// <summary>Simulates one block of one plan into <paramref name="ws"/>, keeping only the paths' own outcomes there.</summary>
    public static void Simulate(SimulationPlan plan, ulong seed, long block, int count, BlockWorkspace ws, SamplingMethod sampling = SamplingMethod.Random)
    {
        var none = new NoObserver();
        Simulate(plan, 0, seed, block, count, ws, ref none, sampling);
    }

    /// <summary>Lists the block's paths of each structure of each structure draw (<see cref="BlockWorkspace.Lanes"/>) from the structure drivers' levels.</summary>
    private static void DrawStructures(SimulationPlan plan, int count, BlockWorkspace ws)
    {
        foreach (var draw in plan.StructureDraws)
        {
            var u = BlockWorkspace.Row(ws.Levels, draw.Selector, count);
            var upTo = draw.UpTo;
            var counts = ws.LaneCounts.AsSpan(draw.FirstLaneRow, upTo.Length);
            counts.Clear();
            for (int i = 0; i < u.Length; i++)
            {
                int c = StructureDraw.Of(u[i], upTo);
                ws.Lanes[(draw.FirstLaneRow + c) * BlockWorkspace.BlockSize + counts[c]++] = i;
            }
        }
    }

    /// <summary>The paths that read driver d: those of its lane row, or all (<see cref="SimulationPlan.DriverLanes"/>).</summary>
    private static ReadOnlySpan<int> LanesOf(SimulationPlan plan, int d, int count, BlockWorkspace ws) =>
        plan.DriverLanes[d] is int row and >= 0 ? ws.LanesOf(row) : BlockWorkspace.EveryLane.AsSpan(0, count);

    /// <summary>
    /// The paths driver d's levels (and its trend's parameters) are set on: those that read it, or every path when an observer
    /// records every path's drivers (<see cref="BlockWorkspace.DriversOnEveryPath"/>). Each path's level is the same either way.
    /// </summary>
    private static ReadOnlySpan<int> LevelLanesOf(SimulationPlan plan, int d, int count, BlockWorkspace ws) =>
        ws.DriversOnEveryPath ? BlockWorkspace.EveryLane.AsSpan(0, count) : LanesOf(plan, d, count, ws);

    /// <summary>
    /// Draws the yearly shocks of every driver whose shocks are read (<see cref="SimulationPlan.ShocksRead"/>; each stream's
    /// order is fixed, whichever paths read it), then the values of the drivers
    /// some indicator reads this year (<see cref="SimulationPlan.FirstReadStep"/>: before its readers' base years a
    /// driver's levels and values are not needed).
    /// </summary>
    private static void DrawDriverValues(SimulationPlan plan, int step, int count, BlockWorkspace ws, SamplingMethod sampling)
    {
        int drivers = plan.DriverCount;
        for (int d = 0; d < drivers; d++)
        {
            if (plan.ShocksRead[d]) Sampler.Normals(ref ws.DriverStreams[d], BlockWorkspace.Row(ws.Shocks, d, count), ws, sampling, new SobolCoordinate(false, d, step));
            if (step >= plan.FirstReadStep[d]) SetLevels(plan, d, step, count, ws);
        }

        var factor = plan.CorrelationFactor;
        if (factor is not null) Correlate(factor, plan.Mixed, ws.Shocks, ws.Mixed, count);
        for (int d = 0; d < drivers; d++)
        {
            if (step < plan.FirstReadStep[d]) continue;
            ReadOnlySpan<double> z = factor is not null && plan.Mixed[d] ? BlockWorkspace.Row(ws.Mixed, d, count) : BlockWorkspace.Row(ws.Shocks, d, count);
            var kind = plan.YearlyKinds[d];
            if (kind is YearlyVariationKind.Poisson or YearlyVariationKind.NegativeBinomial && !ws.StartsCurrent[d])
            {
                SetStarts(plan, d, count, ws);
                ws.StartsCurrent[d] = true;
            }
            Transform(kind, plan.YearlyScales[d], BlockWorkspace.Row(ws.Levels, d, count), z,
                BlockWorkspace.Row(ws.Starts, d, count), BlockWorkspace.Row(ws.Values, d, count), LanesOf(plan, d, count, ws),
                ws.DriversOnEveryPath ? default : ws.Scratch);
        }
    }

    /// <summary>
    /// The correlated shocks of the mixed drivers: mixed_d = Σ_{j≤d} L[d, j]·ε_j with the Cholesky factor L, 32
    /// paths at a time in four independent sums (one pass per driver instead of one per term, and no chain
    /// of dependent additions). Each term is multiplied, then added, in the order of j, so every path's sum is
    /// the same whichever loop computes it. The 32 paths are the outer loop and the drivers the inner one: the
    /// shocks of those paths (a few kilobytes for every driver) are read from the L1 cache by each driver after
    /// the first, where a pass per driver over the block's rows (8 KB each) read them again from L2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Correlate(double[] factor, bool[] mixed, double[] shocks, double[] mixedRows, int count)
    {
        int drivers = mixed.Length;
        const int size = BlockWorkspace.BlockSize;
        ref double shock = ref MemoryMarshal.GetArrayDataReference(shocks);
        ref double mixedRow = ref MemoryMarshal.GetArrayDataReference(mixedRows);
        int whole = count & ~31;
        for (int i = 0; i < whole; i += 32)
        {
            for (int d = 0; d < drivers; d++)
            {
                if (!mixed[d]) continue;
                Vector512<double> a = default, b = default, c = default, e = default;
                for (int j = 0; j <= d; j++)
                {
                    double l = factor[d * drivers + j];
                    if (l == 0) continue;
                    var vl = Vector512.Create(l);
                    nuint o = (nuint)(j * size + i);
                    a += Vector512.LoadUnsafe(ref shock, o) * vl;
                    b += Vector512.LoadUnsafe(ref shock, o + 8) * vl;
                    c += Vector512.LoadUnsafe(ref shock, o + 16) * vl;
                    e += Vector512.LoadUnsafe(ref shock, o + 24) * vl;
                }
                nuint to = (nuint)(d * size + i);
                a.StoreUnsafe(ref mixedRow, to);
                b.StoreUnsafe(ref mixedRow, to + 8);
                c.StoreUnsafe(ref mixedRow, to + 16);
                e.StoreUnsafe(ref mixedRow, to + 24);
            }
        }
        for (int d = 0; d < drivers; d++)
        {
            if (!mixed[d]) continue;
            var row = mixedRows.AsSpan(d * size, count);
            for (int i = whole; i < count; i++)
            {
                double sum = 0;
                for (int j = 0; j <= d; j++)
                {
                    double l = factor[d * drivers + j];
                    if (l != 0) sum += shocks[j * size + i] * l;
                }
                row[i] = sum;
            }
        }
    }

    /// <summary>
    /// Sets the levels of driver d in force at <paramref name="step"/> (the sampler in force of its level uniforms, moved
    /// by its trend) unless they are those already set: the same sampler and the same years of trend. Levels are a
    /// function of the block's uniforms, the sampler and the trend's years alone, so setting them again would give the
    /// same numbers; a drawn base level is kept while its sampler is.
    /// </summary>
    private static void SetLevels(SimulationPlan plan, int d, int step, int count, BlockWorkspace ws)
    {
        int sampler = plan.LevelIndex[d][step];
        var trend = plan.Trends[d];
        int years = trend is null ? 0 : Math.Max(0, step - plan.TrendStart[d]);
        int set = ws.LevelSamplerSet[d];
        if (set == sampler && ws.TrendYearsSet[d] == years) return;
        var levels = BlockWorkspace.Row(ws.Levels, d, count);
        var lanes = LevelLanesOf(plan, d, count, ws);
        if (trend is null)
        {
            plan.LevelSamplers[d][sampler].Fill(BlockWorkspace.Row(ws.LevelUniforms, d, count), levels, lanes);
        }
        else
        {
            var drawn = BlockWorkspace.Row(ws.BaseLevels, d, count);
            if (set != sampler) plan.LevelSamplers[d][sampler].Fill(BlockWorkspace.Row(ws.LevelUniforms, d, count), drawn, lanes);
            var a = BlockWorkspace.Row(ws.TrendParameters, 2 * d, count);
            var b = BlockWorkspace.Row(ws.TrendParameters, 2 * d + 1, count);
            foreach (int i in lanes) levels[i] = trend.LevelAfter(drawn[i], a[i], b[i], years);
        }
        ws.LevelSamplerSet[d] = sampler;
        ws.TrendYearsSet[d] = years;
        ws.StartsCurrent[d] = false;
    }

    /// <summary>The quantile-search starts of a count driver at its levels, for the paths that read it (the others' would never be used).</summary>
    private static void SetStarts(SimulationPlan plan, int d, int count, BlockWorkspace ws)
    {
        var levels = BlockWorkspace.Row(ws.Levels, d, count);
        var starts = BlockWorkspace.Row(ws.Starts, d, count);
        double scale = plan.YearlyScales[d];
        switch (plan.YearlyKinds[d])
        {
            case YearlyVariationKind.Poisson:
                foreach (int i in LanesOf(plan, d, count, ws)) starts[i] = DiscreteQuantile.PoissonStart(levels[i]);
                break;
            case YearlyVariationKind.NegativeBinomial:
                DiscreteQuantile.NegativeBinomialStarts(levels, scale, LanesOf(plan, d, count, ws), starts);
                break;
        }
    }

    /// <summary>
    /// Draws the uniforms of driver d's trend parameters from a stream of their own ("driver:&lt;id&gt;:trend"), so a trend
    /// changes no other draw; they are mapped to the parameters once the level copula has correlated them. Under Sobol
    /// sampling they are Latin hypercube samples (the driver's Sobol group holds its level and shocks).
    /// </summary>
    private static void DrawTrendUniforms(SimulationPlan plan, ulong seed, long block, int d, int count, BlockWorkspace ws, SamplingMethod sampling)
    {
        var stream = StreamKey.Derive(seed, block, plan.TrendKeys[d]);
        for (int j = 0; j < plan.TrendSamplers[d]!.Length; j++)
        {
            var uniforms = BlockWorkspace.Row(ws.TrendUniforms, 2 * d + j, count);
            Sampler.Uniforms(ref stream, uniforms, ws, sampling == SamplingMethod.Sobol ? SamplingMethod.LatinHypercube : sampling);
            if (ws.GivenTrendUniforms is { } given) BlockWorkspace.Row(given, 2 * d + j, count).CopyTo(uniforms);
        }
    }

    /// <summary>
    /// Correlates the uniforms of the levels and trend parameters whose levels are correlated (Gaussian copula): z = Φ⁻¹(u)
    /// for every member (the n drivers' levels, then each driver's two trend parameters), mixed = L·z with L the factor of
    /// the level correlation matrix, u = Φ(mixed) for the mixed members. The others are untouched, and no random number is drawn.
    /// Only the scores the mixed members read are computed (<paramref name="scored"/>: of the 3n members, usually a few).
    /// </summary>
    private static void CorrelateLevels(double[] factor, bool[] mixed, bool[] scored, int drivers, int count, BlockWorkspace ws)
    {
        int members = mixed.Length;
        var z = ws.CopulaScores;
        Span<double> Uniforms(int m) => m < drivers ? BlockWorkspace.Row(ws.LevelUniforms, m, count) : BlockWorkspace.Row(ws.TrendUniforms, m - drivers, count);
        for (int m = 0; m < members; m++)
        {
            if (!scored[m]) continue;
            var u = Uniforms(m);
            var row = BlockWorkspace.Row(z, m, count);
            for (int i = 0; i < count; i++) row[i] = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(u[i], Tiny, 1 - Tiny));
        }
        Correlate(factor, mixed, z, ws.CopulaMixed, count);
        for (int m = 0; m < members; m++)
        {
            if (!mixed[m]) continue;
            var u = Uniforms(m);
            StandardNormal.Cdf(BlockWorkspace.Row(ws.CopulaMixed, m, count), u);
            for (int i = 0; i < count; i++) u[i] = Math.Clamp(u[i], Tiny, 1 - Tiny);
        }
    }

    private const double Tiny = 1.0 / (1L << 53);

    /// <summary>
    /// Turns each path's level and correlated shock into the driver's value of the year: on every path for the continuous
    /// kinds (a vector pass), on the paths of <paramref name="lanes"/> for counts. Without <paramref name="scratch"/> the
    /// other paths keep Φ(z), never read but recorded by a path sample; with it (a block buffer), when the lanes are not
    /// every path, Φ(z) is computed for the lanes alone (gathered there, the same Φ(z) value for value) and the other
    /// paths' values are left as they are.
    /// </summary>
    internal static void Transform(YearlyVariationKind kind, double scale, ReadOnlySpan<double> level, ReadOnlySpan<double> z,
        ReadOnlySpan<DiscreteStart> starts, Span<double> value, ReadOnlySpan<int> lanes, Span<double> scratch = default)
    {
        if (kind is YearlyVariationKind.Poisson or YearlyVariationKind.NegativeBinomial && !scratch.IsEmpty && lanes.Length < z.Length)
        {
            var u = scratch[..lanes.Length];
            for (int j = 0; j < lanes.Length; j++) u[j] = z[lanes[j]];
            StandardNormal.Cdf(u, u);
            if (kind == YearlyVariationKind.Poisson)
                for (int j = 0; j < lanes.Length; j++) value[lanes[j]] = DiscreteQuantile.Poisson(u[j], level[lanes[j]], starts[lanes[j]]);
            else
                for (int j = 0; j < lanes.Length; j++) value[lanes[j]] = DiscreteQuantile.NegativeBinomial(u[j], level[lanes[j]], scale, starts[lanes[j]]);
            return;
        }
        switch (kind)
        {
            case YearlyVariationKind.None:
                level.CopyTo(value);
                break;
            case YearlyVariationKind.Normal:
                // v = L + σz
                TensorPrimitives.MultiplyAdd(z, scale, level, value);
                break;
            case YearlyVariationKind.Growth:
                // v = (1 + L)·exp(σz − σ²/2) − 1
                VectorMath.GrowthAffine(z, level, scale, -0.5 * scale * scale, value);
                break;
            case YearlyVariationKind.Poisson:
                // value holds u = Φ(z) first, then the count.
                StandardNormal.Cdf(z, value);
                foreach (int i in lanes) value[i] = DiscreteQuantile.Poisson(value[i], level[i], starts[i]);
                break;
            case YearlyVariationKind.NegativeBinomial:
                StandardNormal.Cdf(z, value);
                foreach (int i in lanes) value[i] = DiscreteQuantile.NegativeBinomial(value[i], level[i], scale, starts[i]);
                break;
        }
    }

    /// <summary>
    /// Keeps each path's own outcome of the indicator's target: for every-year targets whether every year so far
    /// held and the worst shortfall; in the target year whether the path met it, its shortfall (0 when met) and
    /// value, the number of headline targets it met and whether it met all. The loops are branch-free (a path meets
    /// a target about as often as not, so branches would be mispredicted half the time): with s = +1 for at-least
    /// targets and −1 for at-most ones, the shortfall is s·(threshold − x) and the year is met when it is at most 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TrackTarget(CompiledIndicator ind, int k, int step, int count, BlockWorkspace ws)
    {
        if (step > ind.TargetStep) return;
        var x = BlockWorkspace.Row(ws.State, k, count);
        var target = ind.Source.Target;
        double sign = target.Direction == Direction.AtLeast ? 1 : -1;
        double threshold = target.Value;
        bool everyYear = target.Period == TargetPeriod.EveryYear;
        var worst = BlockWorkspace.Row(ws.Worst, k, count);
        var allYears = BlockWorkspace.Row(ws.AllYears, k, count);
        if (everyYear)
        {
            for (int i = 0; i < count; i++)
            {
                double shortfall = sign * (threshold - x[i]);
                allYears[i] &= shortfall <= 0;
                worst[i] = Math.Max(worst[i], shortfall);
            }
        }
        if (step != ind.TargetStep) return;

        int headline = ind.HeadlineIndex >= 0 ? 1 : 0;
        var metCount = ws.MetCount.AsSpan(0, count);
        var allMet = ws.AllMet.AsSpan(0, count);
        var metRow = BlockWorkspace.Row(ws.Met, k, count);
        var shortfalls = BlockWorkspace.Row(ws.Shortfall, k, count);
        if (ws.KeepsTargetValues) x.CopyTo(BlockWorkspace.Row(ws.TargetValues, k, count));
        int start = 0;
        if (!everyYear && Bmi2.X64.IsSupported)
        {
            // Eight paths at a time: the met lanes as a bit mask, spread into eight bool bytes (PDEP) for the
            // per-path flags, and into the headline counts.
            var signs = Vector512.Create(sign);
            var thresholds = Vector512.Create(threshold);
            var headlineOne = Vector256.Create(headline);
            ref byte metBytes = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(metRow));
            ref byte allMetBytes = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(allMet));
            for (; start + 8 <= count; start += 8)
            {
                var shortfall = Vector512.Max(Vector512<double>.Zero, signs * (thresholds - Vector512.Create(x.Slice(start, 8))));
                shortfall.CopyTo(shortfalls[start..]);
                var met = Vector512.LessThanOrEqual(shortfall, Vector512<double>.Zero);
                ulong flags = Bmi2.X64.ParallelBitDeposit(met.ExtractMostSignificantBits(), 0x0101010101010101UL);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref metBytes, start), flags);
                ref byte all = ref Unsafe.Add(ref allMetBytes, start);
                Unsafe.WriteUnaligned(ref all, Unsafe.ReadUnaligned<ulong>(ref all) & flags);
                var counts = Vector256.Create(metCount.Slice(start, 8));
                (counts + (Vector512.Narrow(met.AsInt64(), Vector512<long>.Zero).GetLower() & headlineOne)).CopyTo(metCount.Slice(start, 8));
            }
        }
        for (int i = start; i < count; i++)
        {
            double shortfall = everyYear ? worst[i] : Math.Max(0, sign * (threshold - x[i]));
            bool met = everyYear ? allYears[i] : shortfall <= 0;
            int m = met ? 1 : 0;
            metRow[i] = met;
            shortfalls[i] = shortfall;
            metCount[i] += m & headline;
            allMet[i] &= met;
        }
    }
}
