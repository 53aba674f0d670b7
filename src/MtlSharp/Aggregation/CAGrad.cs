using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// CAGrad, conflict-averse gradient descent: with g0 = Σ_i g_i / K, solve the dual
/// w = argmin_{w ∈ Δ} wᵀ M 1 / K + c ‖g0‖ sqrt(wᵀ M w), then d = (g0 + c ‖g0‖ Gᵀw / ‖Gᵀw‖) / (1 + c²).
/// Liu et al., "Conflict-Averse Gradient Descent for Multi-task Learning", NeurIPS 2021, Eq. 4.
/// Shapes: Jacobian [K, P], direction [P], weights [K] (d = Σ_i λ_i g_i with λ_i = (1/K + c ‖g0‖ w_i / ‖Gᵀw‖) / (1 + c²)).
/// </summary>
/// <remarks>
/// Follows the authors' code: the division by 1 + c² is their default rescaling. They solve the dual with
/// scipy's SLSQP and add 1e-8 inside the square roots. This class solves it by projected gradient in
/// float64 on the scaled Gramian, without those constants. When Gᵀw = 0 at the solution the conflict term
/// has no direction, and d = g0 / (1 + c²).
/// </remarks>
public sealed class CAGrad : IGradientAggregator
{
    private const string Name = "CAGrad";

    private readonly double c;
    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates CAGrad.</summary>
    /// <param name="c">Radius c ≥ 0 of the ball around g0, relative to ‖g0‖ (default 0.4). c = 0 gives the mean gradient.</param>
    /// <param name="onFailure">What to do when the dual solver reaches its cap without converging.</param>
    public CAGrad(double c = 0.4, SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (!(c >= 0) || !double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "c must be finite and at least 0.");
        }

        this.c = c;
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        int taskCount = geometry.TaskCount;
        double[,] gramian = geometry.Gramian;

        double meanSquared = 0;
        foreach (double value in gramian)
        {
            meanSquared += value;
        }

        double meanNorm = Math.Sqrt(Math.Max(meanSquared, 0)) / taskCount;
        double kappa = c * meanNorm;

        SolverResult dual = CagradDual.Solve(gramian, kappa);
        if (!dual.Converged)
        {
            SolverFailures.Report(
                context,
                onFailure,
                Name,
                "cagrad_solver_not_converged",
                $"the dual solver reached its cap of {CagradDual.DefaultMaxIterations} iterations",
                dual.Residual,
                "the last simplex point");
        }

        double conflictNorm = Math.Sqrt(Math.Max(DenseMath.Quadratic(gramian, dual.Solution), 0));
        double lambda = conflictNorm > 0 ? kappa / conflictNorm : 0;
        var weights = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            weights[i] = (1.0 / taskCount + lambda * dual.Solution[i]) / (1 + c * c);
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }
}
