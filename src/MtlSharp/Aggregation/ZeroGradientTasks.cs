using MtlSharp.Solvers;
using MtlSharp.Training;

namespace MtlSharp.Aggregation;

/// <summary>
/// Shared handling of Nash-MTL and FairGrad, whose systems M w = w^(-p) have no finite solution when a task's
/// gradient is zero: those tasks get weight 0 and the system is solved on the others.
/// </summary>
internal static class ZeroGradientTasks
{
    /// <summary>
    /// Solves M w = w^(-p) on the tasks with a nonzero gradient and returns weights [K] for the scaled Gramian
    /// (0 for zero-gradient tasks). Zero gradients and non-convergence are reported; the fallback of a
    /// non-converged solve is its last iterate.
    /// </summary>
    public static double[] Solve(
        GradientGramian geometry,
        double power,
        bool normalizeFrobenius,
        int maxIterations,
        StepContext context,
        SolverFailurePolicy onFailure,
        string method,
        string kindPrefix)
    {
        var weights = new double[geometry.TaskCount];
        int[] tasks = geometry.NonzeroTasks();
        if (tasks.Length < geometry.TaskCount)
        {
            int[] zero = Enumerable.Range(0, geometry.TaskCount).Except(tasks).ToArray();
            SolverFailures.Report(
                context,
                onFailure,
                method,
                kindPrefix + "_zero_gradient",
                $"the gradient of task(s) {string.Join(", ", zero.Select(i => context.Tasks.Count > i ? context.Tasks[i].Name : i.ToString(System.Globalization.CultureInfo.InvariantCulture)))} is zero, so M w = w^(-{power}) has no finite solution",
                double.PositiveInfinity,
                "weight 0 for those tasks and the system solved on the others");
        }

        if (tasks.Length == 0)
        {
            return weights;
        }

        double[,] gramian = geometry.SubGramian(tasks);
        if (normalizeFrobenius)
        {
            double frobenius = Math.Sqrt(gramian.Cast<double>().Sum(v => v * v));
            for (int a = 0; a < tasks.Length; a++)
            {
                for (int b = 0; b < tasks.Length; b++)
                {
                    gramian[a, b] /= frobenius;
                }
            }
        }

        SolverResult result = PowerFixedPoint.Solve(gramian, power, maxIterations);
        if (!result.Converged)
        {
            SolverFailures.Report(
                context,
                onFailure,
                method,
                kindPrefix + "_solver_not_converged",
                $"Newton's method did not reach max_i |w_i^p (Mw)_i - 1| < {PowerFixedPoint.DefaultTolerance} in {maxIterations} iterations",
                result.Residual,
                "the last iterate");
        }

        for (int a = 0; a < tasks.Length; a++)
        {
            weights[tasks[a]] = result.Solution[a];
        }

        return weights;
    }
}
