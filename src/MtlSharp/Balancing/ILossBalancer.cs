using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// A loss-balancing method: turns the task losses [K] into one scalar that autograd differentiates.
/// Its gradient on the shared parameters is Σ_i λ_i ∇L_i with λ_i = ∂Combine/∂L_i, which the trainer
/// computes and logs for every balancer.
/// </summary>
public interface ILossBalancer : IMultiTaskMethod
{
    /// <summary>Returns the scalar objective of one step. Must not dispose <paramref name="losses"/>.</summary>
    /// <param name="losses">Task losses [K], part of the autograd graph.</param>
    /// <param name="context">Step, epoch, tasks and the run's random generator.</param>
    torch.Tensor Combine(torch.Tensor losses, StepContext context);
}
