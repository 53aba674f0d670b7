using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// GradVac, gradient vaccine: for each task i, over the other tasks j in random order, with
/// φ_ij = cos(g̃_i, g_j) and an adaptive target φ̂_ij, if φ_ij &lt; φ̂_ij then
/// g̃_i ← g̃_i + ‖g̃_i‖ (φ̂_ij sqrt(1 - φ_ij²) - φ_ij sqrt(1 - φ̂_ij²)) / (‖g_j‖ sqrt(1 - φ̂_ij²)) g_j,
/// and the target follows φ̂_ij ← (1 - β) φ̂_ij + β φ_ij. The direction is Σ_i g̃_i.
/// Wang et al., "Gradient Vaccine: Investigating and Improving Multi-task Optimization in Massively
/// Multilingual Models", ICLR 2021, Algorithm 2. Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// Stateful: the targets φ̂ [K, K] start at 0 and are kept across steps, so one instance serves one run.
/// The whole shared Jacobian is one group (the paper also applies it per layer; this class does not).
/// As in PCGrad the updates run on the float64 Gramian of scaled rows, so the direction is Σ_k w_k g_k,
/// positively homogeneous and exact under float32 underflow. A pair where either gradient is zero has no
/// cosine: it is skipped and its target is left unchanged. A target of exactly ±1 makes the correction
/// undefined (division by sqrt(1 - φ̂²) = 0), and that pair is skipped too.
/// NOTE: the default β = 0.01 was not checked against the paper's own text.
/// </remarks>
public sealed class GradVac : IGradientAggregator
{
    private readonly double beta;
    private double[,]? targets;

    /// <summary>Creates GradVac.</summary>
    /// <param name="beta">EMA rate β of the cosine targets in (0, 1]. The default 0.01 is the value public reimplementations use; LibMTL's default is 0.5.</param>
    public GradVac(double beta = 0.01)
    {
        if (!(beta > 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in (0, 1].");
        }

        this.beta = beta;
    }

    /// <summary>Current cosine targets φ̂ [K, K], or null before the first step.</summary>
    public double[,]? Targets => targets is null ? null : (double[,])targets.Clone();

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        int taskCount = geometry.TaskCount;
        double[,] gramian = geometry.Gramian;
        if (targets is null || targets.GetLength(0) != taskCount)
        {
            targets = new double[taskCount, taskCount];
        }

        var weights = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            var coefficients = new double[taskCount];
            coefficients[i] = 1;
            foreach (int j in TaskOrder.OthersShuffled(taskCount, i, context.Generator))
            {
                double[] product = DenseMath.Multiply(gramian, coefficients);
                double norm = Math.Sqrt(Math.Max(DenseMath.Dot(coefficients, product), 0));
                double otherNorm = geometry.Norms[j];
                if (norm == 0 || otherNorm == 0)
                {
                    continue;
                }

                double cosine = Math.Clamp(product[j] / norm / otherNorm, -1, 1);
                double target = targets[i, j];
                double targetSine = Math.Sqrt(1 - target * target);
                if (cosine < target && targetSine > 0)
                {
                    double sine = Math.Sqrt(1 - cosine * cosine);
                    coefficients[j] += norm * (target * sine - cosine * targetSine) / (otherNorm * targetSine);
                }

                targets[i, j] = (1 - beta) * target + beta * cosine;
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
