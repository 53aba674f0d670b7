using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// Aligned-MTL: aligns the principal components of the gradient matrix. With the eigendecomposition
/// M = V Λ Vᵀ of the Gramian, B = sqrt(λ_min) V Λ^(-1/2) Vᵀ, α = B 1 and d = Gᵀα.
/// Senushkin et al., "Independent Component Alignment for Multi-Task Learning", CVPR 2023, Eq. 9.
/// Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// Follows the authors' code as torchjd adapts it: eigenvalues at or below λ_max · K · eps are dropped (eps
/// of the Jacobian's dtype), the pseudo-inverse square root is taken on the rest, and λ_min is the smallest
/// remaining eigenvalue. The weights are B 1 as in LibMTL; torchjd uses B 1 / K, which only scales the direction.
/// The weights do not depend on the scale of the Jacobian, and the eigendecomposition runs in float64 on
/// rows scaled by the largest norm, so gradients of 1e20 in float32 give the same weights as gradients of 1.
/// A dropped eigenvalue (linearly dependent gradients) is reported as a rank-deficient Gramian.
/// Aligned-MTL-UB is this class in gradient mode Representation.
/// </remarks>
public sealed class AlignedMtl : IGradientAggregator
{
    private const string Name = "Aligned-MTL";

    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates Aligned-MTL.</summary>
    /// <param name="onFailure">What to do when the Gramian is rank deficient.</param>
    public AlignedMtl(SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        int taskCount = geometry.TaskCount;
        var weights = new double[taskCount];
        if (geometry.Scale > 0)
        {
            weights = Solve(geometry, jacobian.dtype, context);
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }

    private double[] Solve(GradientGramian geometry, torch.ScalarType inputType, StepContext context)
    {
        int taskCount = geometry.TaskCount;
        var flat = new double[taskCount * taskCount];
        Buffer.BlockCopy(geometry.Gramian, 0, flat, 0, flat.Length * sizeof(double));
        using torch.Tensor gramian = torch.tensor(flat, new long[] { taskCount, taskCount }, torch.float64);
        var (eigenvalues, eigenvectors) = torch.linalg.eigh(gramian);
        double[] lambda = eigenvalues.data<double>().ToArray();
        double[] vectors = eigenvectors.data<double>().ToArray();

        double eps = inputType == torch.float64 ? 2.220446049250313e-16 : 1.1920928955078125e-7;
        double tolerance = lambda.Max() * taskCount * eps;
        int[] nonzero = Enumerable.Range(0, taskCount).Where(k => lambda[k] > tolerance).ToArray();
        if (nonzero.Length < taskCount)
        {
            SolverFailures.Report(
                context,
                onFailure,
                Name,
                "aligned_mtl_rank_deficient",
                $"the Gramian of {taskCount} tasks has rank {nonzero.Length}",
                lambda.Min() / lambda.Max(),
                "the pseudo-inverse square root on the nonzero eigenvalues, as in the authors' code");
        }

        // α = B 1 with B = sqrt(λ_min) Σ_k v_k v_kᵀ / sqrt(λ_k) over the kept eigenvalues.
        double smallest = nonzero.Min(k => lambda[k]);
        var weights = new double[taskCount];
        foreach (int k in nonzero)
        {
            double columnSum = 0;
            for (int i = 0; i < taskCount; i++)
            {
                columnSum += vectors[i * taskCount + k];
            }

            double factor = Math.Sqrt(smallest / lambda[k]) * columnSum;
            for (int i = 0; i < taskCount; i++)
            {
                weights[i] += factor * vectors[i * taskCount + k];
            }
        }

        return weights;
    }
}
