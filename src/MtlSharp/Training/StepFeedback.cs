using TorchSharp;

namespace MtlSharp.Training;

/// <summary>Information given to a method after the optimizer step of one batch.</summary>
/// <param name="Step">Zero-based global step index.</param>
/// <param name="LossesBeforeStep">Detached task losses [K] of the batch before the step.</param>
/// <param name="RecomputeLosses">Recomputes the task losses [K] of the same batch with the updated model, without gradients.</param>
public sealed record StepFeedback(long Step, torch.Tensor LossesBeforeStep, Func<torch.Tensor> RecomputeLosses);
