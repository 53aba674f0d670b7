using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// Task decoder of <see cref="FashionDenseNet"/>: a 3×3 convolution block on the representation and a
/// 1×1 convolution to the task's channels, at full resolution.
/// </summary>
public sealed class DenseHead : Module<torch.Tensor, torch.Tensor>
{
    private readonly Sequential layers;
    private readonly double outputScale;
    private readonly bool unitLength;

    /// <summary>Builds a head with <paramref name="outputChannels"/> output channels.</summary>
    /// <param name="inputChannels">Channels of the representation.</param>
    /// <param name="outputChannels">Output channels: classes, 1 for depth, 3 for normals.</param>
    /// <param name="outputScale">
    /// Fixed factor on the output. The depth head uses 10, so that its layers work in units of 10 m: with
    /// Adam, each step moves an output by roughly the learning rate times its scale, so at scale 1 and a
    /// learning rate of 1e-3 the depths of about 13 m would take over a thousand steps to reach (an
    /// estimate from that step size). The loss still sees metres.
    /// </param>
    /// <param name="unitLength">Whether to divide the output by its length over the channels (the normal head).</param>
    public DenseHead(int inputChannels, int outputChannels, double outputScale = 1, bool unitLength = false)
        : base(nameof(DenseHead))
    {
        if (!(outputScale > 0) || !double.IsFinite(outputScale))
        {
            throw new ArgumentOutOfRangeException(nameof(outputScale), outputScale, "The output scale must be a positive finite number.");
        }

        layers = Sequential(
            DenseEncoder.ConvBlock(inputChannels, 16),
            Conv2d(16, outputChannels, 1));
        this.outputScale = outputScale;
        this.unitLength = unitLength;
        RegisterComponents();
    }

    /// <summary>Returns the task output [B, outputChannels, S, S].</summary>
    public override torch.Tensor forward(torch.Tensor representation)
    {
        using var scope = torch.NewDisposeScope();
        var output = layers.call(representation);
        if (outputScale != 1)
        {
            output = output.mul(outputScale);
        }

        if (unitLength)
        {
            output = torch.nn.functional.normalize(output, p: 2, dim: 1);
        }

        return output.MoveToOuterDisposeScope();
    }
}
