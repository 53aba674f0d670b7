using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// IMTL-G, the gradient half of impartial multi-task learning: weights α with Σ_i α_i = 1 such that
/// d = Σ_i α_i g_i has the same projection on every unit gradient u_i = g_i / ‖g_i‖. The paper's closed form
/// is α_{2..K} = g_1 Uᵀ (D Uᵀ)⁻¹ with D = [g_1 - g_i] and U = [u_1 - u_i], α_1 = 1 - Σ α_{2..K}.
/// Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021, Eq. 9.
/// Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// The same conditions are solved in a permutation-symmetric form: (u_i - ū)ᵀ Gᵀα = 0 for every i and
/// 1ᵀα = 1, by the minimum-norm least-squares solution (pseudo-inverse) in float64 on rows scaled by the
/// largest norm. The weights are invariant to the scale of the Jacobian. Where the paper's inverse exists
/// the result is the same. Where it does not (for example two identical gradients), the pseudo-inverse
/// gives the minimum-norm weights (0.5, 0.5 for an identical pair) and the rank deficiency is reported.
/// A task whose gradient is exactly zero has no unit gradient: it gets weight 0 and the others are solved.
/// </remarks>
public sealed class ImtlG : IGradientAggregator
{
    private const string Name = "IMTL-G";

    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates IMTL-G.</summary>
    /// <param name="onFailure">What to do when the equal-projection system is rank deficient.</param>
    public ImtlG(SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        double[] weights = Solve(geometry, jacobian.dtype, context);
        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }

    private double[] Solve(GradientGramian geometry, torch.ScalarType inputType, StepContext context)
    {
        var weights = new double[geometry.TaskCount];
        int[] tasks = geometry.NonzeroTasks();
        if (tasks.Length == 0)
        {
            return weights;
        }

        // Row i of the projections: u_iᵀ g_k = M_ik / ‖g_i‖, then centered over the tasks.
        int n = tasks.Length;
        var system = new double[(n + 1) * n];
        var right = new double[n + 1];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double mean = 0;
                for (int r = 0; r < n; r++)
                {
                    mean += geometry.Gramian[tasks[r], tasks[b]] / geometry.Norms[tasks[r]];
                }

                system[a * n + b] = geometry.Gramian[tasks[a], tasks[b]] / geometry.Norms[tasks[a]] - mean / n;
            }
        }

        for (int b = 0; b < n; b++)
        {
            system[n * n + b] = 1;
        }

        right[n] = 1;

        // Singular values below this are treated as 0: noise of the input's precision, as numpy's matrix_rank does.
        double relativeTolerance = n * (inputType == torch.float64 ? 2.220446049250313e-16 : 1.1920928955078125e-7);
        using torch.Tensor matrix = torch.tensor(system, new long[] { n + 1, n }, torch.float64);
        using torch.Tensor singular = torch.linalg.svdvals(matrix);
        double[] values = singular.data<double>().ToArray();
        int rank = values.Count(s => s > relativeTolerance * values[0]);
        if (rank < n)
        {
            SolverFailures.Report(
                context,
                onFailure,
                Name,
                "imtl_g_rank_deficient",
                $"the equal-projection system of {n} tasks has rank {rank}",
                values[^1] / values[0],
                "the minimum-norm weights of the pseudo-inverse");
        }

        using torch.Tensor inverse = torch.linalg.pinv(matrix, rtol: relativeTolerance);
        using torch.Tensor target = torch.tensor(right, torch.float64);
        double[] solution = inverse.matmul(target).data<double>().ToArray();
        for (int a = 0; a < n; a++)
        {
            weights[tasks[a]] = solution[a];
        }

        return weights;
    }
}
