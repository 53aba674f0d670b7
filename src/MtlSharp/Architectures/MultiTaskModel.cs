using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Architectures;

/// <summary>
/// A network with shared parameters and one output per task. The split between <see cref="Encode"/> and
/// <see cref="Decode"/> is where representation-mode gradient methods take their per-task gradients.
/// </summary>
public abstract class MultiTaskModel : torch.nn.Module
{
    /// <summary>Creates the module with a name for TorchSharp's module tree.</summary>
    protected MultiTaskModel(string name)
        : base(name)
    {
    }

    /// <summary>Number of task outputs.</summary>
    public abstract int TaskCount { get; }

    /// <summary>Computes the shared representation z of a batch.</summary>
    public abstract torch.Tensor Encode(torch.Tensor input);

    /// <summary>Computes every task's output from the shared representation, in task order.</summary>
    public abstract IReadOnlyList<torch.Tensor> Decode(torch.Tensor representation);

    /// <summary>Parameters that every task's loss depends on.</summary>
    public abstract IReadOnlyList<Parameter> SharedParameters();

    /// <summary>Parameters that only task <paramref name="task"/>'s loss depends on.</summary>
    public abstract IReadOnlyList<Parameter> TaskParameters(int task);
}
