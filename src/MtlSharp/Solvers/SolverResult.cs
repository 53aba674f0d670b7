namespace MtlSharp.Solvers;

/// <summary>Outcome of one of the small iterative solvers: the last point, whether it met the tolerance, and how far it is from it.</summary>
/// <param name="Solution">The last iterate, always finite. On the simplex it is a valid simplex point even when not converged.</param>
/// <param name="Converged">True when the stopping criterion was met within the iteration cap.</param>
/// <param name="Iterations">Number of iterations run.</param>
/// <param name="Residual">The solver's measure of distance from optimality at <paramref name="Solution"/>; each solver documents its own.</param>
public sealed record SolverResult(double[] Solution, bool Converged, int Iterations, double Residual);
