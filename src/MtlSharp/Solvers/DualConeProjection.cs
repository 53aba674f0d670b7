namespace MtlSharp.Solvers;

/// <summary>
/// Weights of the projection of Gᵀu onto the dual cone {x : G x ≥ 0} of the rows of G, computed from the
/// Gramian alone: v = argmin_v vᵀ A v subject to v ≥ u, and the projection is Gᵀv. Quinton and Rey,
/// "Jacobian Descent for Multi-Objective Optimization", 2024 (the dual problem of the projection).
/// With v = u + x the problem is the bound-constrained QP min ½ xᵀ A x + (A u)ᵀ x, x ≥ 0, solved
/// exactly by a primal active-set method in the style of Lawson and Hanson's NNLS.
/// </summary>
public static class DualConeProjection
{
    /// <summary>
    /// Solves for v. <paramref name="gramian"/> must be positive definite (UPGrad adds a multiple of the
    /// identity). The residual is the largest violation of the optimality conditions in units of A:
    /// |(A v)_j| where v_j is above its bound, and max(0, -(A v)_j) where it is at its bound.
    /// </summary>
    /// <param name="gramian">Positive definite matrix A [K, K].</param>
    /// <param name="lowerBound">The bound u [K].</param>
    /// <param name="maxIterations">Cap on active-set changes; 0 uses 5K + 10.</param>
    public static SolverResult Solve(double[,] gramian, double[] lowerBound, int maxIterations = 0)
    {
        int n = DenseMath.CheckGramian(gramian, nameof(gramian));
        if (lowerBound.Length != n)
        {
            throw new ArgumentException($"The bound has {lowerBound.Length} entries but the Gramian is [{n}, {n}].", nameof(lowerBound));
        }

        int cap = maxIterations > 0 ? maxIterations : 5 * n + 10;
        double[] linear = DenseMath.Multiply(gramian, lowerBound);
        double scale = Enumerable.Range(0, n).Max(i => gramian[i, i]);
        double tolerance = 1e-13 * Math.Max(scale, double.Epsilon) * Math.Max(1, lowerBound.Max(Math.Abs));

        var x = new double[n];
        var free = new bool[n];
        int iterations = 0;
        while (iterations < cap)
        {
            double[] gradient = Gradient(gramian, linear, x);
            int entering = -1;
            for (int j = 0; j < n; j++)
            {
                if (!free[j] && gradient[j] < -tolerance && (entering < 0 || gradient[j] < gradient[entering]))
                {
                    entering = j;
                }
            }

            if (entering < 0)
            {
                return Result(x, lowerBound, true, iterations, Violation(gradient, free));
            }

            free[entering] = true;
            while (iterations < cap)
            {
                iterations++;
                double[] candidate = SolveFree(gramian, linear, free);
                bool feasible = true;
                for (int j = 0; j < n; j++)
                {
                    if (free[j] && candidate[j] <= 0)
                    {
                        feasible = false;
                    }
                }

                if (feasible)
                {
                    x = candidate;
                    break;
                }

                // Move toward the candidate until the first free variable reaches its bound, then fix it there.
                double step = 1;
                for (int j = 0; j < n; j++)
                {
                    if (free[j] && candidate[j] <= 0)
                    {
                        step = Math.Min(step, x[j] / (x[j] - candidate[j]));
                    }
                }

                for (int j = 0; j < n; j++)
                {
                    if (free[j])
                    {
                        x[j] += step * (candidate[j] - x[j]);
                        if (x[j] <= tolerance)
                        {
                            x[j] = 0;
                            free[j] = false;
                        }
                    }
                }

                if (!free.Any(f => f))
                {
                    break;
                }
            }
        }

        return Result(x, lowerBound, false, iterations, Violation(Gradient(gramian, linear, x), free));
    }

    private static double[] Gradient(double[,] gramian, double[] linear, double[] x)
    {
        double[] gradient = DenseMath.Multiply(gramian, x);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] += linear[i];
        }

        return gradient;
    }

    private static double[] SolveFree(double[,] gramian, double[] linear, bool[] free)
    {
        int[] index = Enumerable.Range(0, free.Length).Where(j => free[j]).ToArray();
        var block = new double[index.Length, index.Length];
        var right = new double[index.Length];
        for (int a = 0; a < index.Length; a++)
        {
            right[a] = -linear[index[a]];
            for (int b = 0; b < index.Length; b++)
            {
                block[a, b] = gramian[index[a], index[b]];
            }
        }

        if (!DenseMath.TrySolvePositiveDefinite(block, right, out double[] solution))
        {
            throw new ArgumentException("The matrix of the dual-cone projection is not positive definite; add a multiple of the identity.", nameof(gramian));
        }

        var full = new double[free.Length];
        for (int a = 0; a < index.Length; a++)
        {
            full[index[a]] = solution[a];
        }

        return full;
    }

    private static double Violation(double[] gradient, bool[] free)
    {
        double largest = 0;
        for (int j = 0; j < gradient.Length; j++)
        {
            largest = Math.Max(largest, free[j] ? Math.Abs(gradient[j]) : Math.Max(0, -gradient[j]));
        }

        return largest;
    }

    private static SolverResult Result(double[] x, double[] lowerBound, bool converged, int iterations, double residual)
    {
        var v = new double[x.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = lowerBound[i] + x[i];
        }

        return new SolverResult(v, converged, iterations, residual);
    }
}
