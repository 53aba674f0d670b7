using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// UPGrad, unconflicting projection of gradients: each g_i / K is projected onto the dual cone
/// {x : G x ≥ 0} of the task gradients and the projections are summed. In weights: for each i,
/// v^(i) = argmin_v vᵀ M̃ v subject to v ≥ e_i / K, with M̃ = M / tr(M) + ε I; the weights are Σ_i v^(i)
/// and d = Gᵀ Σ_i v^(i). Quinton and Rey, "Jacobian Descent for Multi-Objective Optimization", 2024.
/// Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// ε = 1e-4 is the default reg_eps of torchjd's UPGrad. Each projection is a small bound-constrained
/// QP solved exactly by an active-set method in float64 (see <see cref="DualConeProjection"/>). Because of
/// ε the direction is non-conflicting up to ε: g_jᵀ d ≥ -ε tr(M) w_j. A zero Jacobian gives d = 0 and
/// weights 1/K.
/// </remarks>
public sealed class UPGrad : IGradientAggregator
{
    private const string Name = "UPGrad";

    private readonly double regularization;
    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates UPGrad.</summary>
    /// <param name="regularization">ε &gt; 0 added to the diagonal of the trace-normalized Gramian so the QP is strictly convex (torchjd: 1e-4).</param>
    /// <param name="onFailure">What to do when the active-set method reaches its cap.</param>
    public UPGrad(double regularization = 1e-4, SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (!(regularization > 0) || !double.IsFinite(regularization))
        {
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "ε must be positive and finite.");
        }

        this.regularization = regularization;
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        int taskCount = geometry.TaskCount;

        double trace = 0;
        for (int i = 0; i < taskCount; i++)
        {
            trace += geometry.Gramian[i, i];
        }

        var normalized = new double[taskCount, taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            for (int j = 0; j < taskCount; j++)
            {
                normalized[i, j] = trace > 0 ? geometry.Gramian[i, j] / trace : 0;
            }

            normalized[i, i] += regularization;
        }

        var weights = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            var bound = new double[taskCount];
            bound[i] = 1.0 / taskCount;
            SolverResult projection = DualConeProjection.Solve(normalized, bound);
            if (!projection.Converged)
            {
                SolverFailures.Report(
                    context,
                    onFailure,
                    Name,
                    "upgrad_solver_not_converged",
                    $"the active-set method for task {i} reached its cap of {projection.Iterations} iterations",
                    projection.Residual,
                    "the last feasible point");
            }

            for (int j = 0; j < taskCount; j++)
            {
                weights[j] += projection.Solution[j];
            }
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }
}
