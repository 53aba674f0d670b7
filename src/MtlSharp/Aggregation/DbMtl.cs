using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// DB-MTL, dual-balancing multi-task learning: the per-task objectives are log(L_i + 1e-8) (loss-scale
/// balancing), their gradients are averaged over steps, ĝ_i ← β ĝ_i + (1 - β) g_i, and each average is
/// scaled to the largest norm: d = Σ_i (max_j ‖ĝ_j‖ / ‖ĝ_i‖) ĝ_i.
/// Lin et al., "Dual-Balancing for Multi-Task Learning", 2023 (arXiv:2308.12029), Eq. 5 to 7.
/// Shapes: Jacobian of the log losses [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// Stateful: the averages ĝ [K, P] start at zero and are kept across steps, so one instance serves one
/// run with a fixed parameter count. It is defined in gradient mode Parameters only, because the rows of a
/// representation Jacobian belong to different samples at every step. The reported weights
/// max_j ‖ĝ_j‖ / ‖ĝ_i‖ multiply the averaged gradients ĝ_i, not the current g_i. An average that is
/// exactly zero gets weight 0. β = 0.9 is the default of the authors' code (LibMTL).
/// </remarks>
public sealed class DbMtl : IGradientAggregator, IDisposable
{
    /// <summary>The constant added to each loss before the logarithm.</summary>
    public const double LogOffset = 1e-8;

    private readonly double beta;
    private torch.Tensor? averages;

    /// <summary>Creates DB-MTL.</summary>
    /// <param name="beta">EMA rate β in [0, 1) of the gradient averages; 0 uses the current gradients only.</param>
    public DbMtl(double beta = 0.9)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");
        }

        this.beta = beta;
    }

    /// <summary>Returns log(L_i + 1e-8) [K].</summary>
    public torch.Tensor TaskObjectives(torch.Tensor losses, StepContext context) => (losses + LogOffset).log();

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        if (jacobian.dim() != 2 || jacobian.shape[0] != losses.numel())
        {
            throw new ArgumentException($"The Jacobian must have shape [K, P] with K = {losses.numel()}; its shape is [{string.Join(", ", jacobian.shape)}].", nameof(jacobian));
        }

        using var scope = torch.NewDisposeScope();
        torch.Tensor gradients = jacobian.detach().to_type(torch.float64);
        if (averages is not null && !averages.shape.SequenceEqual(gradients.shape))
        {
            throw new InvalidOperationException(
                $"DB-MTL keeps gradient averages of shape [{string.Join(", ", averages.shape)}] but received a Jacobian of shape [{string.Join(", ", gradients.shape)}]; use a new instance per run and gradient mode Parameters.");
        }

        torch.Tensor updated = averages is null
            ? (1 - beta) * gradients
            : beta * averages + (1 - beta) * gradients;

        double[] norms = torch.linalg.vector_norm(updated, dims: new long[] { 1 }).data<double>().ToArray();
        double largest = norms.Max();
        double[] weights = norms.Select(n => n > 0 ? largest / n : 0).ToArray();

        using torch.Tensor weightTensor = torch.tensor(weights, torch.float64);
        torch.Tensor direction = weightTensor.matmul(updated).to_type(jacobian.dtype);

        averages?.Dispose();
        averages = updated.DetachFromDisposeScope();
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }

    /// <summary>Releases the gradient averages.</summary>
    public void Dispose()
    {
        averages?.Dispose();
        averages = null;
    }
}
