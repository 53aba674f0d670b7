namespace MtlSharp.Benchmarks.Toy;

/// <summary>A point of a trajectory with its objectives.</summary>
/// <param name="Iteration">Number of optimizer steps taken before this point.</param>
/// <param name="X1">First coordinate.</param>
/// <param name="X2">Second coordinate.</param>
/// <param name="F1">First objective (scaled as in the problem).</param>
/// <param name="F2">Second objective.</param>
public sealed record ToyPoint(int Iteration, double X1, double X2, double F1, double F2);

/// <summary>The path of one method from one start point.</summary>
/// <param name="StartIndex">Zero-based index of the start point in its setup.</param>
/// <param name="Start">The start point.</param>
/// <param name="Points">Recorded points from the start to the end point, every few iterations.</param>
/// <param name="Diverged">True when a loss became NaN or infinite; the path then ends at the last finite point.</param>
/// <param name="Events">Events the method counted during the run, such as solver failures, by kind.</param>
public sealed record ToyTrajectory(int StartIndex, ToyStart Start, IReadOnlyList<ToyPoint> Points, bool Diverged, IReadOnlyDictionary<string, long> Events)
{
    /// <summary>The last recorded point.</summary>
    public ToyPoint End => Points[^1];
}

/// <summary>The trajectories of one method from every start point of a setup.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Trajectories">One trajectory per start, in start order.</param>
public sealed record ToyRun(string Method, IReadOnlyList<ToyTrajectory> Trajectories);
