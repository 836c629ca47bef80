namespace Forecast.Engine.Simulation;

/// <summary>
/// A mixture's draw of one structure per path, compiled: path i of a block takes the first structure c with
/// u_i &lt; UpTo[c], u_i the level of the structure driver <see cref="Selector"/> (a uniform). Each block lists the paths
/// of each structure in rows <see cref="FirstLaneRow"/> + c of <see cref="BlockWorkspace.Lanes"/>, so a structure's step,
/// and the count draws of drivers only it reads, run on its own paths alone.
/// </summary>
/// <param name="Selector">The structure driver's index in the plan.</param>
/// <param name="UpTo">The cumulative weights, normalised, the last +∞ (<see cref="Model.MixtureModel.CumulativeWeights"/>).</param>
/// <param name="FirstLaneRow">The lane row of structure 0.</param>
internal sealed record StructureDraw(int Selector, double[] UpTo, int FirstLaneRow)
{
    /// <summary>The structure of a path whose structure driver's level is <paramref name="u"/>.</summary>
    public static int Of(double u, double[] upTo)
    {
        int s = 0;
        while (u >= upTo[s]) s++;
        return s;
    }
}
