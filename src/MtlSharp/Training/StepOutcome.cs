using TorchSharp;

namespace MtlSharp.Training;

/// <summary>What a backward pass returns for one batch; both tensors are detached and live in the step's dispose scope.</summary>
/// <param name="Losses">Unweighted task losses [K].</param>
/// <param name="Weights">Effective task weights λ [K] of the step (the unified view), or null when the method defines none.</param>
public sealed record StepOutcome(torch.Tensor Losses, torch.Tensor? Weights);
