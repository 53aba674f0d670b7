using MtlSharp.Architectures;

namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// Reference model of fashion-dense: hard parameter sharing with a small U-Net encoder
/// (<see cref="DenseEncoder"/>) and one <see cref="DenseHead"/> per task.
/// </summary>
public static class FashionDenseNet
{
    /// <summary>Output channels of each task, in the benchmark's task order: segmentation, depth, normal.</summary>
    public static IReadOnlyList<int> OutputChannels { get; } = new[] { FashionDenseGenerator.ClassCount, 1, 3 };

    /// <summary>Fixed output factor of the depth head, in metres per unit of its last layer.</summary>
    public const double DepthOutputScale = 10;

    /// <summary>Builds the model with heads for <paramref name="tasks"/> (indices into the benchmark's tasks).</summary>
    public static MultiTaskModel Create(IReadOnlyList<int> tasks)
    {
        if (tasks.Count == 0)
        {
            throw new ArgumentException("The model needs at least one task.", nameof(tasks));
        }

        foreach (int task in tasks)
        {
            if (task < 0 || task >= OutputChannels.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), task, $"Task indices of fashion-dense are 0..{OutputChannels.Count - 1} (segmentation, depth, normal).");
            }
        }

        var encoder = new DenseEncoder(inputChannels: 1);
        var heads = tasks
            .Select(task => (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)new DenseHead(
                DenseEncoder.RepresentationChannels,
                OutputChannels[task],
                outputScale: task == FashionDenseBenchmark.DepthTaskIndex ? DepthOutputScale : 1,
                unitLength: task == FashionDenseBenchmark.NormalTaskIndex))
            .ToArray();
        return new HardParameterSharing(encoder, heads);
    }
}
