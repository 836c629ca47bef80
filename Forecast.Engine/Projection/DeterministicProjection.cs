using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Projection;

/// <summary>
/// The expected-value path of every indicator: each driver at the mean of its level distribution (trend parameters at
/// their means too), every yearly value at that level, exits and conversions at their expected numbers (N·q), no
/// rounding, except for a count whose yearly value is certain (a fixed level, no trend parameter drawn, no yearly
/// variation): it is rounded half to even as every path rounds it, so a fixed 12.4 new entries a year add 60 over five
/// years here as there (<see cref="StepContext.IsCertain"/>). A mixture's structures are averaged by their weights. It is
/// each model kind's expected step (<see cref="IndicatorStep.AdvanceExpected"/>, beside its block step in Model/Kinds)
/// run on one path at the mean levels. With no uncertainty in any driver the Monte Carlo paths equal this projection.
/// </summary>
public static class DeterministicProjection
{
    /// <summary>
    /// Values by indicator id, one per year from the scenario's first year to its last; years before an
    /// indicator's base year are NaN.
    /// </summary>
    /// <exception cref="InvalidScenarioException">The scenario breaks the rules of <see cref="ScenarioValidator"/>.</exception>
    public static IReadOnlyDictionary<string, double[]> Project(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Project(SimulationPlan.Compile(scenario));
    }

    internal static IReadOnlyDictionary<string, double[]> Project(SimulationPlan plan)
    {
        int years = plan.Steps + 1;
        var inds = plan.Indicators;
        var ws = new BlockWorkspace(plan) { IsProjection = true };
        var values = new double[inds.Length][];
        MeanLevels(plan, ws, 0);
        for (int k = 0; k < inds.Length; k++)
        {
            values[k] = new double[years];
            Array.Fill(values[k], double.NaN);
            values[k][inds[k].BaseStep] = inds[k].BaseValue;
            inds[k].Step.Start(StepContext.Of(plan, ws, k, 0, 1, SamplingMethod.Random, expected: true));
        }
        for (int s = 1; s < years; s++)
        {
            MeanLevels(plan, ws, s);
            // Dependency order: an indicator's step reads only indicators stepped before it.
            for (int k = 0; k < inds.Length; k++)
            {
                if (s <= inds[k].BaseStep) continue;
                inds[k].Step.AdvanceExpected(StepContext.Of(plan, ws, k, s, 1, SamplingMethod.Random, expected: true));
                values[k][s] = ws.ExpectedState[k * BlockWorkspace.BlockSize];
            }
        }
        var byId = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int k = 0; k < inds.Length; k++) byId[inds[k].Source.Id] = values[k];
        return byId;
    }

    private static void MeanLevels(SimulationPlan plan, BlockWorkspace ws, int step)
    {
        for (int d = 0; d < plan.DriverCount; d++) ws.Levels[d * BlockWorkspace.BlockSize] = plan.MeanLevel(d, step);
    }
}
