using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// GradDrop, gradient sign dropout: for every entry of the representation gradient, the sign purity
/// P = ½ (1 + Σ_i g_i / Σ_i |g_i|) decides with one uniform draw U which sign survives: task i keeps its entry
/// when (P &gt; U and g_i &gt; 0) or (P &lt; U and g_i &lt; 0), and otherwise keeps only a fraction leak of it.
/// d = Σ_i g_i (leak + (1 - leak) mask_i). Chen et al., "Just Pick a Sign: Optimizing Deep Multitask
/// Models with Gradient Sign Dropout", NeurIPS 2020, Eq. 1 and 2.
/// Shapes: representation Jacobian [K, B·dim z], direction [B·dim z]; no task weights.
/// </summary>
/// <remarks>
/// Defined on the shared representation only: run it in gradient mode Representation; parameter mode
/// (a step context with a Jacobian layout) raises an error. P is computed per entry of the flattened
/// [B·dim z] gradient, without the paper's optional sum over the batch, because that sum multiplies each
/// gradient by the sign of the representation, which this interface does not receive. An entry where
/// every task's gradient is zero keeps P = ½; its masks do not matter. The draws come from the step's generator.
/// </remarks>
public sealed class GradDrop : IGradientAggregator
{
    private readonly double leak;

    /// <summary>Creates GradDrop.</summary>
    /// <param name="leak">Fraction in [0, 1] of a dropped gradient that still passes; 0 in the paper and LibMTL.</param>
    public GradDrop(double leak = 0.0)
    {
        if (!(leak >= 0 && leak <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(leak), leak, "leak must be in [0, 1].");
        }

        this.leak = leak;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        if (context.Layout is not null)
        {
            throw new InvalidOperationException("GradDrop is defined on the shared representation; run it with gradient mode Representation, not Parameters.");
        }

        if (jacobian.dim() != 2 || jacobian.shape[0] != losses.numel())
        {
            throw new ArgumentException($"The Jacobian must have shape [K, N] with K = {losses.numel()}; its shape is [{string.Join(", ", jacobian.shape)}].", nameof(jacobian));
        }

        using var scope = torch.NewDisposeScope();
        torch.Tensor gradients = jacobian.detach().to_type(torch.float64);
        torch.Tensor total = gradients.sum(dim: 0);
        torch.Tensor absoluteTotal = gradients.abs().sum(dim: 0);
        torch.Tensor purity = torch.where(absoluteTotal > 0, 0.5 * (1 + total / absoluteTotal), torch.full_like(total, 0.5));

        torch.Tensor draw = torch.rand(purity.shape, dtype: torch.float64, generator: context.Generator);
        torch.Tensor keepPositive = (purity > draw).unsqueeze(0) & (gradients > 0);
        torch.Tensor keepNegative = (purity < draw).unsqueeze(0) & (gradients < 0);
        torch.Tensor mask = (keepPositive | keepNegative).to_type(torch.float64);

        torch.Tensor direction = (gradients * (leak + (1 - leak) * mask)).sum(dim: 0).to_type(jacobian.dtype);
        return new Aggregation(direction.MoveToOuterDisposeScope(), null);
    }
}
