using MtlSharp.Architectures;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace MtlSharp.Benchmarks.MultiFashion;

/// <summary>
/// The LeNet-style model that Sener and Koltun (NeurIPS 2018) use for MultiMNIST: a shared encoder of
/// two 5×5 convolutions with max pooling and a 50-unit fully connected layer, and one two-layer head per
/// task (hard parameter sharing).
/// </summary>
public static class MultiLeNet
{
    /// <summary>Width of the shared representation z.</summary>
    public const int RepresentationSize = 50;

    /// <summary>Builds the model with <paramref name="taskCount"/> ten-way classification heads.</summary>
    public static MultiTaskModel Create(int taskCount)
    {
        var encoder = Sequential(
            ("conv1", Conv2d(1, 10, 5)),
            ("pool1", MaxPool2d(2)),
            ("relu1", ReLU()),
            ("conv2", Conv2d(10, 20, 5)),
            ("pool2", MaxPool2d(2)),
            ("relu2", ReLU()),
            ("flatten", Flatten()),
            ("fc", Linear(320, RepresentationSize)),
            ("relu3", ReLU()));

        var heads = Enumerable.Range(0, taskCount)
            .Select(_ => (Module<torch.Tensor, torch.Tensor>)Sequential(
                ("fc1", Linear(RepresentationSize, 50)),
                ("relu", ReLU()),
                ("fc2", Linear(50, 10))))
            .ToArray();

        return new HardParameterSharing(encoder, heads);
    }
}
