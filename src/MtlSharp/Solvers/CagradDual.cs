namespace MtlSharp.Solvers;

/// <summary>
/// The dual problem of CAGrad on the simplex: w = argmin_{w ∈ Δ} wᵀ M 1 / K + κ sqrt(wᵀ M w), with
/// κ = c ‖g0‖ and g0 the mean gradient. Liu et al., "Conflict-Averse Gradient Descent for Multi-task
/// Learning", NeurIPS 2021, Eq. 4. The objective is convex (a linear term plus the norm of Gᵀw), so
/// projected gradient descent with a backtracking step converges; the square root is not differentiable
/// where Gᵀw = 0, and there its subgradient 0 is used.
/// </summary>
public static class CagradDual
{
    /// <summary>Default iteration cap.</summary>
    public const int DefaultMaxIterations = 5000;

    /// <summary>Default stopping tolerance on the L1 change of w in one iteration.</summary>
    public const double DefaultTolerance = 1e-8;

    /// <summary>
    /// Solves the dual. The result is a valid simplex point; the residual is the L1 change of w in the last iteration.
    /// </summary>
    /// <param name="gramian">Gramian M [K, K].</param>
    /// <param name="kappa">κ = c ‖g0‖ in the units of the vectors whose Gramian is given, at least 0.</param>
    /// <param name="maxIterations">Iteration cap, at least 1.</param>
    /// <param name="tolerance">Positive stopping tolerance.</param>
    public static SolverResult Solve(double[,] gramian, double kappa, int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance)
    {
        int n = DenseMath.CheckGramian(gramian, nameof(gramian));
        if (!(kappa >= 0) || !double.IsFinite(kappa))
        {
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "κ must be finite and at least 0.");
        }

        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The iteration cap must be at least 1.");
        }

        var linear = new double[n];
        double largestDiagonal = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                linear[i] += gramian[i, j] / n;
            }

            largestDiagonal = Math.Max(largestDiagonal, gramian[i, i]);
        }

        var weights = Enumerable.Repeat(1.0 / n, n).ToArray();
        if (largestDiagonal == 0)
        {
            return new SolverResult(weights, true, 0, 0);
        }

        double step = 1 / (largestDiagonal * n);
        double value = Objective(gramian, linear, kappa, weights);
        double change = double.PositiveInfinity;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double[] gradient = Gradient(gramian, linear, kappa, weights);
            double[] next;
            double nextValue;
            int halvings = 0;
            while (true)
            {
                next = new double[n];
                for (int i = 0; i < n; i++)
                {
                    next[i] = weights[i] - step * gradient[i];
                }

                next = DenseMath.ProjectOntoSimplex(next);
                nextValue = Objective(gramian, linear, kappa, next);

                // Sufficient decrease of the projected step (the usual quadratic upper bound with slope 1/step).
                double bound = value;
                double squared = 0;
                for (int i = 0; i < n; i++)
                {
                    double difference = next[i] - weights[i];
                    bound += gradient[i] * difference;
                    squared += difference * difference;
                }

                bound += squared / (2 * step);
                if (nextValue <= bound + 1e-15 * Math.Abs(value) || halvings >= 60)
                {
                    break;
                }

                step /= 2;
                halvings++;
            }

            change = 0;
            for (int i = 0; i < n; i++)
            {
                change += Math.Abs(next[i] - weights[i]);
            }

            // No decrease after backtracking means the objective is flat to float64 precision here.
            if (nextValue > value)
            {
                return new SolverResult(weights, true, iteration, 0);
            }

            weights = next;
            value = nextValue;
            if (change < tolerance)
            {
                return new SolverResult(weights, true, iteration, change);
            }

            step *= 1.5;
        }

        return new SolverResult(weights, false, maxIterations, change);
    }

    private static double Objective(double[,] gramian, double[] linear, double kappa, double[] weights) =>
        DenseMath.Dot(linear, weights) + kappa * Math.Sqrt(Math.Max(DenseMath.Quadratic(gramian, weights), 0));

    private static double[] Gradient(double[,] gramian, double[] linear, double kappa, double[] weights)
    {
        double[] product = DenseMath.Multiply(gramian, weights);
        double norm = Math.Sqrt(Math.Max(DenseMath.Dot(weights, product), 0));
        var gradient = new double[weights.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = linear[i] + (norm > 0 ? kappa * product[i] / norm : 0);
        }

        return gradient;
    }
}
