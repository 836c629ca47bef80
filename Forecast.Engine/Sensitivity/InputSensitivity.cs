namespace Forecast.Engine.Sensitivity;

/// <summary>The variance-based sensitivity of the output to one input.</summary>
/// <param name="Input">Zero-based index of the input (its column in the design).</param>
/// <param name="FirstOrder">
/// First-order index S1 = V(E[Y | Xi]) / V(Y): the share of output variance explained by the
/// input alone. Range: 0 ≤ S1 ≤ 1 (estimates may stray slightly outside through sampling error).
/// </param>
/// <param name="Total">
/// Total index ST = E(V[Y | X~i]) / V(Y): the share of output variance that involves the input,
/// alone or through interactions. Range: S1 ≤ ST ≤ 1; ST = 0 exactly when the input does not matter.
/// </param>
public readonly record struct InputSensitivity(int Input, IndexEstimate FirstOrder, IndexEstimate Total);
