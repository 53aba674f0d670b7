using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Accumulates one task's metrics over the batches of an evaluation pass.
/// Implementations keep running sums as managed numbers, so no tensor outlives a batch's dispose scope.
/// </summary>
public interface IMetricAccumulator
{
    /// <summary>Adds one batch of predictions (the head's raw output) and targets.</summary>
    void Update(torch.Tensor output, torch.Tensor target);

    /// <summary>Returns every metric of the task by name, over all batches added so far.</summary>
    IReadOnlyDictionary<string, double> Compute();
}
