namespace MtlSharp.Solvers;

/// <summary>Iteration of the min-norm solver on the simplex for three or more tasks.</summary>
public enum MinNormAlgorithm
{
    /// <summary>
    /// Projected gradient step to the simplex boundary followed by an exact line search, the solver of
    /// Sener and Koltun's released code (MinNormSolver.find_min_norm_element).
    /// </summary>
    ProjectedGradient,

    /// <summary>Frank-Wolfe toward the vertex of steepest descent with an exact line search (Algorithm 2 of Sener and Koltun, NeurIPS 2018).</summary>
    FrankWolfe,
}
