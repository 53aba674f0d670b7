using MtlSharp.Architectures;
using TorchSharp;

namespace MtlSharp.Training;

/// <summary>
/// Runs the forward pass of one batch and fills the gradients of the model's and the method's
/// parameters. The trainer zeroes gradients before and steps the optimizer after.
/// </summary>
public interface IBackwardPass
{
    /// <summary>Computes task losses, applies the method, and leaves the update in the parameters' gradients.</summary>
    StepOutcome Run(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context);
}
