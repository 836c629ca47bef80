using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Resources;

namespace Forecast.Engine.WhatIf;

/// <summary>
/// A policy lever: one parameter of a driver's level distribution, written "driver.parameter"
/// (e.g. <c>hightech_new.mode</c>, <c>rd_spending_growth.mean</c>). Setting it to a value gives a scenario
/// that differs from the original in that driver's level only, so every other driver keeps its random
/// numbers (common random numbers) and the level of each path moves monotonically with the lever
/// wherever the distribution's quantile is monotone in the parameter.
/// </summary>
/// <remarks>
/// <para>Parameters: those of the level's distribution as written in scenario files (fixed: value; normal: mean, sd;
/// lognormal: mu, sigma; uniform: min, max; triangular and pert: min, mode, max; beta: alpha, beta, min, max;
/// poisson: mean; negbin: mean, dispersion), and <c>mean</c> for every distribution: it sets the distribution's mean
/// by shifting a bounded distribution (min, mode and max move together, its shape unchanged), by setting μ of a
/// lognormal (ln X ~ N(μ, σ), mean e^(μ+σ²/2), so the value must be above 0), and directly otherwise.</para>
/// <para>A driver whose level changes from a given year (<see cref="LevelChange"/>) keeps its changes: the lever sets
/// the parameter of the level before the first change and moves the same parameter of every later level by the
/// same amount, so "cultivation rises by 20 from 2023" stays a rise of 20 whatever the lever.</para>
/// </remarks>
/// <param name="DriverId">The driver's id.</param>
/// <param name="Parameter">The parameter's name (lower case).</param>
public sealed record Lever(string DriverId, string Parameter)
{
    /// <inheritdoc />
    public override string ToString() => $"{DriverId}.{Parameter}";

    /// <summary>The parameters a lever can set on <paramref name="level"/>.</summary>
    public static IReadOnlyList<string> ParametersOf(Distribution level) => level switch
    {
        FixedDistribution => ["value", "mean"],
        NormalDistribution => ["mean", "sd"],
        LogNormalDistribution => ["mu", "sigma", "mean"],
        UniformDistribution => ["min", "max", "mean"],
        TriangularDistribution or PertDistribution => ["min", "mode", "max", "mean"],
        BetaDistribution => ["alpha", "beta", "min", "max", "mean"],
        PoissonDistribution => ["mean"],
        NegativeBinomialDistribution => ["mean", "dispersion"],
        _ => ["mean"],
    };

    /// <summary>The value of <paramref name="parameter"/> in <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">The distribution has no such parameter.</exception>
    public static double Get(Distribution level, string parameter)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (parameter == "mean") return level.Mean;
        return (level, parameter) switch
        {
            (FixedDistribution d, "value") => d.Value,
            (NormalDistribution d, "sd") => d.StdDev,
            (LogNormalDistribution d, "mu") => d.Mu,
            (LogNormalDistribution d, "sigma") => d.Sigma,
            (UniformDistribution d, "min") => d.Min,
            (UniformDistribution d, "max") => d.Max,
            (TriangularDistribution d, "min") => d.Min,
            (TriangularDistribution d, "mode") => d.Mode,
            (TriangularDistribution d, "max") => d.Max,
            (PertDistribution d, "min") => d.Min,
            (PertDistribution d, "mode") => d.Mode,
            (PertDistribution d, "max") => d.Max,
            (BetaDistribution d, "alpha") when d is not PertDistribution => d.Alpha,
            (BetaDistribution d, "beta") when d is not PertDistribution => d.Beta,
            (BetaDistribution d, "min") => d.Min,
            (BetaDistribution d, "max") => d.Max,
            (NegativeBinomialDistribution d, "dispersion") => d.Dispersion,
            _ => throw new ArgumentException(NoSuchParameter(level, parameter), nameof(parameter)),
        };
    }

    /// <summary>
    /// <paramref name="level"/> with <paramref name="parameter"/> set to <paramref name="value"/>. The result may break the
    /// distribution's rules (e.g. a mode above the max): check it with <see cref="Distribution.Problem"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The distribution has no such parameter.</exception>
    public static Distribution With(Distribution level, string parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (parameter == "mean")
        {
            double shift = value - level.Mean;
            return level switch
            {
                FixedDistribution => new FixedDistribution(value),
                NormalDistribution d => d with { MeanValue = value },
                LogNormalDistribution d => d with { Mu = Math.Log(value) - d.Sigma * d.Sigma / 2 },
                UniformDistribution d => new UniformDistribution(d.Min + shift, d.Max + shift),
                TriangularDistribution d => new TriangularDistribution(d.Min + shift, d.Mode + shift, d.Max + shift),
                PertDistribution d => new PertDistribution(d.Min + shift, d.Mode + shift, d.Max + shift),
                BetaDistribution d => new BetaDistribution(d.Alpha, d.Beta, d.Min + shift, d.Max + shift),
                PoissonDistribution => new PoissonDistribution(value),
                NegativeBinomialDistribution d => d with { MeanValue = value },
                _ => throw new ArgumentException(NoSuchParameter(level, parameter), nameof(parameter)),
            };
        }
        return (level, parameter) switch
        {
            (FixedDistribution, "value") => new FixedDistribution(value),
            (NormalDistribution d, "sd") => d with { StdDev = value },
            (LogNormalDistribution d, "mu") => d with { Mu = value },
            (LogNormalDistribution d, "sigma") => d with { Sigma = value },
            (UniformDistribution d, "min") => d with { Min = value },
            (UniformDistribution d, "max") => d with { Max = value },
            (TriangularDistribution d, "min") => d with { Min = value },
            (TriangularDistribution d, "mode") => d with { Mode = value },
            (TriangularDistribution d, "max") => d with { Max = value },
            (PertDistribution d, "min") => new PertDistribution(value, d.Mode, d.Max),
            (PertDistribution d, "mode") => new PertDistribution(d.Min, value, d.Max),
            (PertDistribution d, "max") => new PertDistribution(d.Min, d.Mode, value),
            (BetaDistribution d, "alpha") when d is not PertDistribution => d with { Alpha = value },
            (BetaDistribution d, "beta") when d is not PertDistribution => d with { Beta = value },
            (BetaDistribution d, "min") when d is not PertDistribution => d with { Min = value },
            (BetaDistribution d, "max") when d is not PertDistribution => d with { Max = value },
            (NegativeBinomialDistribution d, "dispersion") => d with { Dispersion = value },
            _ => throw new ArgumentException(NoSuchParameter(level, parameter), nameof(parameter)),
        };
    }

    /// <summary>
    /// What is wrong with this lever in <paramref name="scenario"/>, or null: a driver that does not exist (with a
    /// "did you mean"), or a parameter the driver's level (or one of its later levels) does not have.
    /// </summary>
    public string? Problem(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var driver = scenario.Drivers.FirstOrDefault(d => d.Id == DriverId);
        if (driver is null)
            return MessageText.Format(Messages.LeverDriverNotInScenario, DriverId, scenario.Name, ScenarioValidator.Suggest(DriverId, scenario.Drivers.Select(d => d.Id)));
        var parameters = ParametersOf(driver.Level);
        if (!parameters.Contains(Parameter))
            return MessageText.Format(Messages.LeverNotAParameterOfDriver, Parameter, DriverId, driver.Level.Describe(), ScenarioValidator.Suggest(Parameter, parameters), string.Join(", ", parameters));
        foreach (var change in driver.LevelChanges)
            if (!ParametersOf(change.Level).Contains(Parameter))
                return MessageText.Format(Messages.LeverChangeLacksParameter, DriverId, change.FromYear, change.Level.Describe(), Parameter);
        return null;
    }

    /// <summary>The lever's current value in <paramref name="scenario"/> (the level before any change).</summary>
    public double CurrentValue(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Get(scenario.Driver(DriverId).Level, Parameter);
    }

    /// <summary>
    /// <paramref name="scenario"/> with the lever set to <paramref name="value"/>; every later level of the driver moves
    /// by the same amount. Returns null and a message when the value breaks a distribution's rules or takes the driver
    /// outside its domain (<see cref="ScenarioDomain"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The lever does not fit the scenario (see <see cref="Problem"/>).</exception>
    public (Scenario? Scenario, string? Problem) TryApply(Scenario scenario, double value)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Problem(scenario) is { } problem) throw new ArgumentException(problem, nameof(scenario));
        if (!double.IsFinite(value)) return (null, $"{this} = {Format(value)} is not a finite number");
        int index = scenario.Drivers.ToList().FindIndex(d => d.Id == DriverId);
        var driver = scenario.Drivers[index];
        double delta = value - Get(driver.Level, Parameter);
        var level = With(driver.Level, Parameter, value);
        if (Parameter == "mean" && driver.Level is LogNormalDistribution && !(value > 0))
            return (null, $"{this} = {Format(value)}: a lognormal level's mean must be above 0");
        if (level.Problem() is { } levelProblem) return (null, $"{this} = {Format(value)} makes the level {level.Describe()}: {levelProblem}");
        var changes = new List<LevelChange>(driver.LevelChanges.Count);
        foreach (var change in driver.LevelChanges)
        {
            double moved = Get(change.Level, Parameter) + delta;
            var changed = delta == 0 ? change.Level : With(change.Level, Parameter, moved);
            if (changed.Problem() is { } changeProblem)
                return (null, $"{this} = {Format(value)} moves the level from {change.FromYear} to {changed.Describe()}: {changeProblem}");
            changes.Add(change with { Level = changed });
        }
        var drivers = scenario.Drivers.ToArray();
        drivers[index] = driver with { Level = level, Changes = driver.Changes is null ? null : changes };
        var applied = scenario with { Drivers = drivers };
        if (ScenarioDomain.Violations(applied).FirstOrDefault(v => v.Subject == DriverId) is { } outside) return (null, $"{this} = {Format(value)}: {outside.Message}");
        return (applied, null);
    }

    /// <summary><paramref name="scenario"/> with the lever set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The lever does not fit the scenario, or the value breaks a distribution's rules.</exception>
    public Scenario Apply(Scenario scenario, double value)
    {
        var (result, problem) = TryApply(scenario, value);
        return result ?? throw new ArgumentException(problem, nameof(value));
    }

    private static string NoSuchParameter(Distribution level, string parameter) =>
        MessageText.Format(Messages.LeverNotAParameter, parameter, level.Describe(), string.Join(", ", ParametersOf(level)));

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
