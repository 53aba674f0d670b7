using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// A multi-task optimization method that combines per-task gradients: a Jacobian [K, P] (or [K, B·dim z]
/// in representation mode) to one update direction [P].
/// </summary>
public interface IGradientAggregator : IMultiTaskMethod
{
    /// <summary>
    /// Per-task objectives [K] whose gradients form the Jacobian. The default is the losses themselves;
    /// hybrid methods transform them (IMTL scales them as IMTL-L does, DB-MTL takes their logarithm).
    /// </summary>
    torch.Tensor TaskObjectives(torch.Tensor losses, StepContext context) => losses;

    /// <summary>Returns the update direction and, where the method defines them, the task weights.</summary>
    /// <param name="jacobian">Per-task gradients [K, P]; must not be disposed.</param>
    /// <param name="losses">Detached task losses [K].</param>
    /// <param name="context">Step, epoch, tasks, generator and logger.</param>
    Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context);
}
