using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Aggregation;

/// <summary>
/// IMTL, impartial multi-task learning: IMTL-L scales the losses to e^(s_i) L_i - s_i with learnable s
/// (initialised 0), and IMTL-G combines the gradients of those scaled losses.
/// Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021, Algorithm 1.
/// Shapes: losses [K], s [K], Jacobian of the scaled losses [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// The gradient engine differentiates <see cref="TaskObjectives"/>, so the Jacobian rows are e^(s_i) ∇L_i.
/// The scales s are method parameters that the trainer's optimizer updates: <see cref="Aggregate"/> sets
/// their gradient to ∂/∂s_i Σ_j (e^(s_j) L_j - s_j) = e^(s_i) L_i - 1 from the raw losses it receives,
/// replacing any gradient already stored in s. The reported weights are IMTL-G's α on the scaled
/// gradients times e^(s_i), so that the direction is Σ_i λ_i ∇L_i with the reported λ.
/// </remarks>
public sealed class Imtl : IGradientAggregator
{
    private readonly Parameter scales;
    private readonly ImtlG gradientBalancer;

    /// <summary>Creates IMTL for <paramref name="taskCount"/> tasks.</summary>
    /// <param name="taskCount">Number of tasks K, at least 1.</param>
    /// <param name="onFailure">What IMTL-G does when its system is rank deficient.</param>
    public Imtl(int taskCount, SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "IMTL needs at least one task.");
        }

        scales = new Parameter(torch.zeros(taskCount), requires_grad: true);
        gradientBalancer = new ImtlG(onFailure);
    }

    /// <summary>The log-scales s [K], optimized by the trainer.</summary>
    public IReadOnlyList<Parameter> Parameters => new[] { scales };

    /// <summary>Returns e^(s_i) L_i - s_i [K], whose gradients IMTL-G combines.</summary>
    public torch.Tensor TaskObjectives(torch.Tensor losses, StepContext context)
    {
        CheckTaskCount(losses);
        return scales.exp() * losses - scales;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        CheckTaskCount(losses);
        using var scope = torch.NewDisposeScope();
        SetScaleGradient(losses);

        Aggregation balanced = gradientBalancer.Aggregate(jacobian, losses, context);
        torch.Tensor weights;
        using (torch.no_grad())
        {
            weights = balanced.Weights! * scales.detach().exp().to_type(torch.float64);
        }

        return new Aggregation(balanced.Direction.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    private void SetScaleGradient(torch.Tensor losses)
    {
        scales.grad?.zero_();
        torch.Tensor gradient;
        using (torch.no_grad())
        {
            gradient = scales.exp() * losses.detach().to_type(scales.dtype) - 1;
        }

        // A linear surrogate whose gradient with respect to s is exactly that vector. Gradients are enabled
        // in case the caller aggregates under no_grad.
        using (torch.enable_grad())
        {
            torch.Tensor surrogate = (scales * gradient).sum();
            surrogate.backward();
        }
    }

    private void CheckTaskCount(torch.Tensor losses)
    {
        if (losses.numel() != scales.numel())
        {
            throw new ArgumentException($"IMTL was created for {scales.numel()} tasks but received {losses.numel()} losses.", nameof(losses));
        }
    }
}
