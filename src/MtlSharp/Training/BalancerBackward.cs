using MtlSharp.Architectures;
using MtlSharp.Balancing;
using TorchSharp;

namespace MtlSharp.Training;

/// <summary>
/// Backward pass of a loss balancer: one backward pass of the combined scalar. λ_i = ∂Combine/∂L_i is
/// taken by autograd on the loss vector alone, which touches only the balancer's few operations.
/// </summary>
public sealed class BalancerBackward : IBackwardPass
{
    private readonly ILossBalancer balancer;

    /// <summary>Wraps <paramref name="balancer"/>.</summary>
    public BalancerBackward(ILossBalancer balancer)
    {
        this.balancer = balancer;
    }

    /// <inheritdoc />
    public StepOutcome Run(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context)
    {
        torch.Tensor representation = model.Encode(input);
        torch.Tensor losses = TaskLosses.Compute(context.Tasks, model.Decode(representation), targets);

        torch.Tensor combined = balancer.Combine(losses, context);
        if (combined.numel() != 1)
        {
            throw new InvalidOperationException($"{balancer.GetType().Name}.Combine returned shape [{string.Join(", ", combined.shape)}]; a loss balancer must return a scalar.");
        }

        torch.Tensor weights = torch.autograd.grad(new[] { combined }, new[] { losses }, retain_graph: true)[0];
        combined.backward();
        return new StepOutcome(losses.detach(), weights.detach());
    }
}
