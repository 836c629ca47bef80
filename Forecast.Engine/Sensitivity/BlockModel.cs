namespace Forecast.Engine.Sensitivity;

/// <summary>
/// A model evaluated on a block of input rows at once, so that a sensitivity analysis can call
/// it a few thousand rows at a time without allocating per row.
/// </summary>
/// <remarks>
/// <para>
/// The inputs are points of the unit hypercube: every entry of <paramref name="uniformInputsRowMajor"/>
/// lies in the open interval (0, 1). The model maps each coordinate to its input's value through
/// that input's inverse CDF (quantile function), for example <c>x = -π + 2π·u</c> for U(−π, π) or
/// <c>Normal.InvCDF(μ, σ, u)</c>; this keeps the analysis free of per-element delegate calls and
/// lets the model vectorise the mapping. Inputs are independent by construction of the design.
/// </para>
/// <para>
/// The implementation must write one finite output per row into <paramref name="outputs"/> and must
/// not keep references to the spans. It is called sequentially, from the calling thread only.
/// </para>
/// </remarks>
/// <param name="uniformInputsRowMajor">
/// <paramref name="rows"/> × <paramref name="inputCount"/> uniforms in (0, 1), row-major:
/// input <c>i</c> of row <c>r</c> is at index <c>r * inputCount + i</c>.
/// </param>
/// <param name="rows">Number of rows in this block (at least 1).</param>
/// <param name="inputCount">Number of inputs k (columns).</param>
/// <param name="outputs">Destination of length <paramref name="rows"/>: output of row <c>r</c> at index <c>r</c>.</param>
public delegate void BlockModel(ReadOnlySpan<double> uniformInputsRowMajor, int rows, int inputCount, Span<double> outputs);
