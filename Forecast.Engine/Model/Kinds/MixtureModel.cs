using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// Model uncertainty: the indicator follows one of several structures (constant increments or constant growth; constant
/// or growing entries ...), drawn once per path with the stated weights, P(structure c) = w_c. Each structure keeps its
/// own state and steps only the paths that drew it, and the path's value is that of its structure: x_t = x_t^(c), c the
/// path's structure. The random streams are still drawn whole, for every path (a structure's binomial uniforms, the
/// yearly shocks of drivers only one structure reads); only the inversions that no path uses are skipped. So every path
/// takes the draws it would take if every structure were stepped on every path, and common random numbers survive
/// between scenarios (a what-if that changes a weight moves paths between structures, not any driver's draws). The structure is
/// drawn from the uniform level of a driver of its own, <c>structure:&lt;indicator id&gt;</c>, so antithetic, Latin
/// hypercube and Sobol sampling stratify it like any level. Expected path: Σ w_c·x_t^(c) (each structure's expected
/// path); given a path's parameters: its own structure's expected path.
/// </summary>
/// <param name="Components">The structures, at least two, weights at least 0 (0: never drawn) summing to 1.</param>
/// <param name="Basis">Where the weights come from (e.g. "AICc of 6 points", "equal prior weights: two points cannot choose").</param>
/// <param name="Structure">
/// The name of the structure draw, shared by mixtures that must follow the same structure on a path (a stock and the
/// count of its new entries); null for the indicator's own. Mixtures sharing it have the same structure names and weights.
/// </param>
public sealed record MixtureModel(IReadOnlyList<MixtureComponent> Components, string? Basis = null, string? Structure = null) : IndicatorModel
{
    /// <summary>Value equality over the structures (a record compares lists by reference), so a scenario read back equals the one written.</summary>
    public bool Equals(MixtureModel? other) =>
        other is not null && Basis == other.Basis && Structure == other.Structure && Components.SequenceEqual(other.Components);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Basis);
        hash.Add(Structure);
        foreach (var c in Components) hash.Add(c);
        return hash.ToHashCode();
    }

    /// <summary>The id of the driver a mixture draws its structure from: structure:&lt;name&gt;, the name its <see cref="Structure"/> or its indicator's id.</summary>
    public string StructureDriverId(string indicatorId) => "structure:" + (Structure ?? indicatorId);

    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => Components.SelectMany(c => c.Model.DriverIds).Distinct(StringComparer.Ordinal);

    /// <inheritdoc />
    public override IEnumerable<string> IndicatorIds => Components.SelectMany(c => c.Model.IndicatorIds).Distinct(StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool IsCount => Components.All(c => c.Model.IsCount);

    /// <inheritdoc />
    public override bool IsPerYearAmount => Components.All(c => c.Model.IsPerYearAmount);

    /// <inheritdoc />
    public override bool HasBaseLevel => Components.All(c => c.Model.HasBaseLevel);

    /// <inheritdoc />
    public override string KindName => "mixture";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator)
    {
        var parts = Components.Select(c => (c, d: c.Model.Describe(name, indicator))).ToList();
        string Weight(MixtureComponent c) => (100 * c.Weight).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
        return new LocalizedText(
            "结构不确定，按路径抽取：" + string.Join("；", parts.Select(p => $"{p.c.Name}（{Weight(p.c)}）：{p.d.Zh}")),
            "Uncertain structure, drawn per path: " + string.Join("; ", parts.Select(p => $"{p.c.Name} ({Weight(p.c)}): {p.d.En}")));
    }

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        if (Components.Count < 2) checks.Add("mixture", MessageText.Format(Messages.MixtureTwoStructures, Components.Count));
        double total = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < Components.Count; c++)
        {
            var part = Components[c];
            string at = $"mixture[{c}]";
            if (!(part.Weight >= 0 && double.IsFinite(part.Weight))) checks.Add($"{at}.weight", MessageText.Format(Messages.MixtureWeight, ModelChecks.F(part.Weight)));
            else total += part.Weight;
            if (string.IsNullOrWhiteSpace(part.Name)) checks.Add($"{at}.name", Messages.MixtureNeedsName);
            else if (!names.Add(part.Name)) checks.Add($"{at}.name", MessageText.Format(Messages.MixtureNameTwice, part.Name));
            if (part.Model is MixtureModel) checks.Add($"{at}.model", Messages.MixtureNested);
            else part.Model.Check(indicator, checks.Within($"{at}.model"));
        }
        if (Components.Count >= 2 && double.IsFinite(total) && Math.Abs(total - 1) > 1e-6)
            checks.Add("mixture", MessageText.Format(Messages.MixtureWeightsSum, ModelChecks.F(total)));
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator)
    {
        var parts = Components.Select(c => c.Model.Compile(positions, indicator)).ToArray();
        var weights = Components.Select(c => c.Weight).ToArray();
        var upTo = CumulativeWeights(Components);
        int selector = positions.Driver(StructureDriverId(indicator.Id));
        return new Step(parts, weights, upTo, selector, positions.LaneRows(selector, upTo));
    }

    /// <summary>
    /// The cumulative weights W_c = (w_0 + ... + w_c) / Σw, the last set to +∞: structure c takes the paths whose uniform
    /// lies in [W_{c−1}, W_c).
    /// </summary>
    internal static double[] CumulativeWeights(IReadOnlyList<MixtureComponent> components)
    {
        var upTo = new double[components.Count];
        double sum = 0;
        for (int c = 0; c < upTo.Length; c++) upTo[c] = sum += components[c].Weight;
        for (int c = 0; c < upTo.Length; c++) upTo[c] /= sum;
        upTo[^1] = double.PositiveInfinity;
        return upTo;
    }

    /// <summary>
    /// Own rows: 0 each path's structure (0, 1, ... as a double), then for each structure its state row and its own rows.
    /// Structure c steps the paths the simulator lists in lane row <c>firstLaneRow + c</c> (<see cref="StructureDraw"/>);
    /// its state on the other paths is never read.
    /// </summary>
    private sealed class Step : IndicatorStep
    {
        private readonly IndicatorStep[] _parts;
        private readonly double[] _weights;
        private readonly double[] _upTo;
        private readonly int[] _stateRow;
        private readonly int _selector;
        private readonly int _firstLaneRow;

        public Step(IndicatorStep[] parts, double[] weights, double[] upTo, int selector, int firstLaneRow)
        {
            _parts = parts;
            _weights = weights;
            _upTo = upTo;
            _selector = selector;
            _firstLaneRow = firstLaneRow;
            _stateRow = new int[parts.Length];
            int row = 1;
            for (int c = 0; c < parts.Length; c++)
            {
                _stateRow[c] = row;
                row += 1 + parts[c].OwnRows;
            }
            OwnRows = row;
        }

        public override int OwnRows { get; }

        private StepContext PartOf(in StepContext c, int part) => c.Part(c.OwnBase + _stateRow[part], c.OwnBase + _stateRow[part] + 1);

        public override void Start(in StepContext c)
        {
            base.Start(c);
            var structure = c.Own(0);
            if (c.Workspace.IsProjection)
            {
                var u = BlockWorkspace.Row(c.Workspace.Levels, _selector, c.Count);
                for (int i = 0; i < structure.Length; i++) structure[i] = StructureDraw.Of(u[i], _upTo);
            }
            else
            {
                // The simulator has listed each structure's paths (its draw's cumulative weights are these, to the bit: the
                // draw is shared only by equal ones), so each path's structure is the row that lists it.
                for (int p = 0; p < _parts.Length; p++)
                    foreach (int i in c.Workspace.LanesOf(_firstLaneRow + p)) structure[i] = p;
            }
            for (int p = 0; p < _parts.Length; p++) _parts[p].Start(PartOf(c, p));
        }

        public override void Advance(in StepContext c)
        {
            for (int p = 0; p < _parts.Length; p++) _parts[p].Advance(PartOf(c, p) with { LaneRow = _firstLaneRow + p });
            Select(c);
        }

        public override void Observe(in StepContext c, double value)
        {
            base.Observe(c, value);
            for (int p = 0; p < _parts.Length; p++) _parts[p].Observe(PartOf(c, p), value);
        }

        public override void AdvanceExpected(in StepContext c)
        {
            if (!c.Workspace.IsProjection)
            {
                // Given its parameters a path's expected value is its own structure's: each structure on its own paths.
                for (int p = 0; p < _parts.Length; p++) _parts[p].AdvanceExpected(PartOf(c, p) with { LaneRow = _firstLaneRow + p });
                Select(c);
                return;
            }
            for (int p = 0; p < _parts.Length; p++) _parts[p].AdvanceExpected(PartOf(c, p));
            var x = c.State;
            x.Clear();
            for (int p = 0; p < _parts.Length; p++)
            {
                var part = PartOf(c, p).State;
                for (int i = 0; i < x.Length; i++) x[i] += _weights[p] * part[i];
            }
        }

        /// <summary>Each path's value is its structure's.</summary>
        private void Select(in StepContext c)
        {
            var x = c.State;
            for (int p = 0; p < _parts.Length; p++)
            {
                var part = PartOf(c, p).State;
                foreach (int i in c.Workspace.LanesOf(_firstLaneRow + p)) x[i] = part[i];
            }
        }
    }
}

/// <summary>One structure of a <see cref="MixtureModel"/>.</summary>
/// <param name="Name">Its name ("constant growth", "growing entries" ...), unique in the mixture.</param>
/// <param name="Weight">Its probability. Range: [0, 1].</param>
/// <param name="Model">Its model (any kind but a mixture).</param>
public sealed record MixtureComponent(string Name, double Weight, IndicatorModel Model);
