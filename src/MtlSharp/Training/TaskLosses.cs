using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Training;

/// <summary>Turns task outputs and targets into the loss vector [K].</summary>
public static class TaskLosses
{
    /// <summary>Returns the stacked task losses [K], part of the autograd graph.</summary>
    public static torch.Tensor Compute(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<torch.Tensor> outputs, IReadOnlyList<torch.Tensor> targets)
    {
        if (outputs.Count != tasks.Count || targets.Count != tasks.Count)
        {
            throw new ArgumentException($"Expected {tasks.Count} outputs and targets, one per task; got {outputs.Count} outputs and {targets.Count} targets.");
        }

        var losses = new torch.Tensor[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            losses[i] = tasks[i].Loss(outputs[i], targets[i]);
        }

        return torch.stack(losses);
    }
}
