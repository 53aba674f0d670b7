namespace MtlSharp.Solvers;

/// <summary>
/// Positive solution of M w = w^(-p) (element-wise power), p &gt; 0: Nash-MTL's bargaining condition
/// Mα = 1/α is p = 1 (Navon et al., ICML 2022, Eq. 4), FairGrad's M w = w^(-1/α) is p = 1/α (Ban and Ji,
/// ICML 2024). The system is the stationarity condition of the strictly convex
/// f(w) = ½ wᵀ M w - Σ_i h(w_i) on w &gt; 0, with h(w) = log w for p = 1 and w^(1-p) / (1-p) otherwise,
/// so damped Newton steps with a backtracking line search that keeps w &gt; 0 find it when it exists.
/// The Hessian M + diag(p w^(-p-1)) is positive definite for every w &gt; 0.
/// </summary>
/// <remarks>
/// The authors of Nash-MTL linearize the concave part and solve a sequence of convex programs with
/// cvxpy (the concave-convex procedure); Newton on f reaches the same fixed point in fewer iterations
/// and needs no external solver. When a task's gradient is zero, or gradients cancel, f is unbounded
/// below and no solution exists: the iterates grow and the result is flagged as not converged.
/// </remarks>
public static class PowerFixedPoint
{
    /// <summary>Default stopping tolerance on the residual max_i |w_i^p (Mw)_i - 1|.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>
    /// Solves M w = w^(-p) from the diagonal solution w_i = M_ii^(-1/(1+p)). Every diagonal entry must be
    /// positive (remove zero-gradient tasks first). The residual is max_i |w_i^p (Mw)_i - 1|, which does
    /// not depend on the scale of M.
    /// </summary>
    /// <param name="gramian">Gramian M [K, K] with a positive diagonal.</param>
    /// <param name="power">The exponent p &gt; 0.</param>
    /// <param name="maxIterations">Newton iteration cap, at least 1.</param>
    /// <param name="tolerance">Positive stopping tolerance on the residual.</param>
    /// <param name="start">Optional positive starting point [K], for example the previous step's solution.</param>
    public static SolverResult Solve(double[,] gramian, double power, int maxIterations, double tolerance = DefaultTolerance, double[]? start = null)
    {
        int n = DenseMath.CheckGramian(gramian, nameof(gramian));
        if (!(power > 0) || !double.IsFinite(power))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "The exponent p must be positive and finite.");
        }

        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The iteration cap must be at least 1.");
        }

        for (int i = 0; i < n; i++)
        {
            if (!(gramian[i, i] > 0))
            {
                throw new ArgumentException($"Diagonal entry {i} of the Gramian is {gramian[i, i]}; remove zero-gradient tasks before solving.", nameof(gramian));
            }
        }

        double[] weights = start is not null && start.Length == n && start.All(v => v > 0 && double.IsFinite(v))
            ? (double[])start.Clone()
            : Enumerable.Range(0, n).Select(i => Math.Pow(gramian[i, i], -1 / (1 + power))).ToArray();

        double residual = Residual(gramian, power, weights);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (residual < tolerance)
            {
                return new SolverResult(weights, true, iteration - 1, residual);
            }

            double[] product = DenseMath.Multiply(gramian, weights);
            var gradient = new double[n];
            var hessian = (double[,])gramian.Clone();
            for (int i = 0; i < n; i++)
            {
                gradient[i] = product[i] - Math.Pow(weights[i], -power);
                hessian[i, i] += power * Math.Pow(weights[i], -power - 1);
            }

            if (!DenseMath.TrySolvePositiveDefinite(hessian, gradient, out double[] newton))
            {
                return new SolverResult(weights, false, iteration, residual);
            }

            // Newton direction is -newton; shorten the step so that every weight stays positive.
            double step = 1;
            for (int i = 0; i < n; i++)
            {
                if (newton[i] > 0)
                {
                    step = Math.Min(step, 0.99 * weights[i] / newton[i]);
                }
            }

            double value = Objective(gramian, power, weights);
            double slope = -DenseMath.Dot(gradient, newton);
            double[] next = weights;
            for (int halving = 0; halving < 60; halving++)
            {
                next = new double[n];
                for (int i = 0; i < n; i++)
                {
                    next[i] = weights[i] - step * newton[i];
                }

                if (Objective(gramian, power, next) <= value + 1e-4 * step * slope + 1e-13 * Math.Abs(value))
                {
                    break;
                }

                step /= 2;
            }

            if (!next.All(v => v > 0 && double.IsFinite(v)))
            {
                return new SolverResult(weights, false, iteration, residual);
            }

            weights = next;
            residual = Residual(gramian, power, weights);
        }

        return new SolverResult(weights, residual < tolerance, maxIterations, residual);
    }

    /// <summary>Returns max_i |w_i^p (Mw)_i - 1|.</summary>
    public static double Residual(double[,] gramian, double power, double[] weights)
    {
        double[] product = DenseMath.Multiply(gramian, weights);
        double largest = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double deviation = Math.Abs(Math.Pow(weights[i], power) * product[i] - 1);
            largest = double.IsNaN(deviation) ? double.PositiveInfinity : Math.Max(largest, deviation);
        }

        return largest;
    }

    private static double Objective(double[,] gramian, double power, double[] weights)
    {
        double value = 0.5 * DenseMath.Quadratic(gramian, weights);
        foreach (double w in weights)
        {
            value -= power == 1 ? Math.Log(w) : Math.Pow(w, 1 - power) / (1 - power);
        }

        return value;
    }
}
