namespace MtlSharp.Solvers;

/// <summary>
/// Minimum-norm point of the convex hull of the task gradients: α = argmin_{α ∈ Δ} αᵀ M α, with M the
/// [K, K] Gramian. Two tasks have a closed form; more tasks start from the best pair and iterate.
/// Sener and Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018.
/// </summary>
public static class SimplexMinNorm
{
    /// <summary>Iteration cap of the authors' code (MAX_ITER = 250).</summary>
    public const int DefaultMaxIterations = 250;

    /// <summary>Stopping tolerance of the authors' code on the L1 change of α (STOP_CRIT = 1e-5).</summary>
    public const double DefaultTolerance = 1e-5;

    /// <summary>
    /// Solves the min-norm problem. The result is always a valid simplex point; when the cap is reached
    /// before the L1 change of α falls below <paramref name="tolerance"/>, <see cref="SolverResult.Converged"/>
    /// is false. The residual is the Frank-Wolfe duality gap αᵀMα - min_t (Mα)_t, in units of M.
    /// </summary>
    /// <param name="gramian">Gramian M [K, K], symmetric positive semi-definite.</param>
    /// <param name="algorithm">Iteration used for K ≥ 3.</param>
    /// <param name="maxIterations">Iteration cap, at least 1.</param>
    /// <param name="tolerance">Stop when the L1 change of α in one iteration is below this value.</param>
    public static SolverResult Solve(
        double[,] gramian,
        MinNormAlgorithm algorithm = MinNormAlgorithm.ProjectedGradient,
        int maxIterations = DefaultMaxIterations,
        double tolerance = DefaultTolerance)
    {
        int taskCount = DenseMath.CheckGramian(gramian, nameof(gramian));
        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The iteration cap must be at least 1.");
        }

        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive.");
        }

        if (taskCount == 1)
        {
            return new SolverResult(new[] { 1.0 }, true, 0, 0);
        }

        var weights = BestPair(gramian);
        if (taskCount == 2)
        {
            return new SolverResult(weights, true, 0, DualityGap(gramian, weights));
        }

        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double[] next = algorithm == MinNormAlgorithm.FrankWolfe
                ? FrankWolfeStep(gramian, weights)
                : ProjectedGradientStep(gramian, weights);

            double change = 0;
            for (int i = 0; i < taskCount; i++)
            {
                change += Math.Abs(next[i] - weights[i]);
            }

            weights = next;
            if (change < tolerance)
            {
                return new SolverResult(weights, true, iteration, DualityGap(gramian, weights));
            }
        }

        return new SolverResult(weights, false, maxIterations, DualityGap(gramian, weights));
    }

    /// <summary>
    /// Returns γ in [0, 1] that minimizes ‖γ a + (1 - γ) b‖² from the inner products aᵀa, aᵀb, bᵀb.
    /// When a and b coincide every γ is optimal and <paramref name="tie"/> is returned.
    /// </summary>
    public static double LineMinimum(double aa, double ab, double bb, double tie = 0.5)
    {
        double curvature = aa - 2 * ab + bb;
        if (!(curvature > 0))
        {
            return tie;
        }

        return Math.Clamp((bb - ab) / curvature, 0, 1);
    }

    private static double[] BestPair(double[,] gramian)
    {
        int taskCount = gramian.GetLength(0);
        int bestI = 0;
        int bestJ = 1;
        double bestGamma = 0.5;
        double bestCost = double.PositiveInfinity;
        for (int i = 0; i < taskCount; i++)
        {
            for (int j = i + 1; j < taskCount; j++)
            {
                double aa = gramian[i, i];
                double ab = gramian[i, j];
                double bb = gramian[j, j];
                double gamma = LineMinimum(aa, ab, bb);
                double cost = gamma * gamma * aa + 2 * gamma * (1 - gamma) * ab + (1 - gamma) * (1 - gamma) * bb;
                if (cost < bestCost)
                {
                    (bestI, bestJ, bestGamma, bestCost) = (i, j, gamma, cost);
                }
            }
        }

        var weights = new double[taskCount];
        weights[bestI] = bestGamma;
        weights[bestJ] = 1 - bestGamma;
        return weights;
    }

    private static double[] FrankWolfeStep(double[,] gramian, double[] weights)
    {
        double[] product = DenseMath.Multiply(gramian, weights);
        int vertex = 0;
        for (int t = 1; t < product.Length; t++)
        {
            if (product[t] < product[vertex])
            {
                vertex = t;
            }
        }

        // γ is the weight kept on the current point; a tie keeps it (γ = 1), so a stalled step counts as converged.
        double gamma = LineMinimum(DenseMath.Dot(weights, product), product[vertex], gramian[vertex, vertex], tie: 1);
        var next = new double[weights.Length];
        for (int i = 0; i < next.Length; i++)
        {
            next[i] = gamma * weights[i];
        }

        next[vertex] += 1 - gamma;
        return next;
    }

    private static double[] ProjectedGradientStep(double[,] gramian, double[] weights)
    {
        int n = weights.Length;
        double[] descent = DenseMath.Multiply(gramian, weights);
        double mean = descent.Average();
        for (int i = 0; i < n; i++)
        {
            descent[i] = mean - descent[i];
        }

        // Step until the first weight reaches 0 or 1; weights already at a bound (within 1e-7) do not limit it.
        double step = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double limit = double.PositiveInfinity;
            if (descent[i] < 0)
            {
                limit = -weights[i] / descent[i];
            }
            else if (descent[i] > 0)
            {
                limit = (1 - weights[i]) / descent[i];
            }

            if (limit > 1e-7 && limit < step)
            {
                step = limit;
            }
        }

        if (double.IsPositiveInfinity(step))
        {
            step = 1;
        }

        var target = new double[n];
        for (int i = 0; i < n; i++)
        {
            target[i] = weights[i] + step * descent[i];
        }

        target = DenseMath.ProjectOntoSimplex(target);

        // γ is the weight put on the new point; a tie keeps the current one.
        double[] targetProduct = DenseMath.Multiply(gramian, target);
        double gamma = LineMinimum(
            DenseMath.Dot(target, targetProduct),
            DenseMath.Dot(weights, targetProduct),
            DenseMath.Quadratic(gramian, weights),
            tie: 0);

        var next = new double[n];
        for (int i = 0; i < n; i++)
        {
            next[i] = gamma * target[i] + (1 - gamma) * weights[i];
        }

        return next;
    }

    private static double DualityGap(double[,] gramian, double[] weights)
    {
        double[] product = DenseMath.Multiply(gramian, weights);
        return Math.Max(DenseMath.Dot(weights, product) - product.Min(), 0);
    }
}
