using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// PCGrad, projecting conflicting gradients: for each task i, over the other tasks j in random order,
/// if g̃_i · g_j &lt; 0 then g̃_i ← g̃_i - (g̃_i · g_j / ‖g_j‖²) g_j. The direction is Σ_i g̃_i.
/// Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020, Algorithm 1.
/// Shapes: Jacobian [K, P], losses [K] (unused), direction [P], weights [K].
/// </summary>
/// <remarks>
/// Every g̃_i is a combination Σ_k C_ik g_k, so the projections run on the float64 Gramian of rows scaled by
/// the largest norm, and the direction is Σ_k w_k g_k with w_k = Σ_i C_ik: the reported weights. This keeps
/// the method positively homogeneous, PCGrad(cG) = c PCGrad(G), and exact when a norm underflows in
/// float32; a gradient that is exactly zero never conflicts. The task orders come from the step's generator.
/// </remarks>
public sealed class PCGrad : IGradientAggregator
{
    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        int taskCount = geometry.TaskCount;
        double[,] gramian = geometry.Gramian;

        var weights = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            var coefficients = new double[taskCount];
            coefficients[i] = 1;
            foreach (int j in TaskOrder.OthersShuffled(taskCount, i, context.Generator))
            {
                double dot = 0;
                for (int k = 0; k < taskCount; k++)
                {
                    dot += coefficients[k] * gramian[k, j];
                }

                if (dot < 0)
                {
                    // Divide by the norm twice rather than by its square, which could underflow.
                    coefficients[j] -= dot / geometry.Norms[j] / geometry.Norms[j];
                }
            }

            for (int k = 0; k < taskCount; k++)
            {
                weights[k] += coefficients[k];
            }
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }
}
