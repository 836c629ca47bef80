using Forecast.Engine.Model;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Projection;

/// <summary>
/// The expected-value path of every indicator: each driver at the mean of its level distribution,
/// every yearly value at that level, exits and conversions at their expected numbers (N·q), and no
/// rounding, except for a count whose yearly value is certain (a fixed level, no yearly variation): it is rounded
/// half to even as every path rounds it, so a fixed 12.4 new entries a year add 60 over five years here as
/// there. Each model kind's expected step lives beside its block step (Model/Kinds). With no uncertainty in
/// any driver the Monte Carlo paths equal this projection.
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
        var values = new double[inds.Length][];
        var own = new double[inds.Length * 2];
        for (int k = 0; k < inds.Length; k++)
        {
            values[k] = new double[years];
            Array.Fill(values[k], double.NaN);
            values[k][inds[k].BaseStep] = inds[k].BaseValue;
            inds[k].Step.StartExpected(inds[k].BaseValue, own.AsSpan(2 * k, 2));
        }
        var year = new ExpectedYear(plan, values);
        for (int s = 1; s < years; s++)
        {
            year.Step = s;
            // Dependency order: an indicator's step reads only indicators stepped before it.
            for (int k = 0; k < inds.Length; k++)
            {
                if (s <= inds[k].BaseStep) continue;
                year.Current = k;
                values[k][s] = inds[k].Step.Expected(values[k][s - 1], own.AsSpan(2 * k, 2), year);
            }
        }
        var byId = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int k = 0; k < inds.Length; k++) byId[inds[k].Source.Id] = values[k];
        return byId;
    }
}
