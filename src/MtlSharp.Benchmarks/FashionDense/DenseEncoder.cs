using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// Shared encoder of <see cref="FashionDenseNet"/>: a small U-Net. Three stages at full, half and quarter
/// resolution (16, 32 and 64 channels), then two upsampling stages that concatenate the skip features
/// (a 3×3 convolution to 24 channels at half resolution, then a 1×1 convolution to
/// <see cref="RepresentationChannels"/> at full resolution), so the representation z is [B, 16, S, S].
/// </summary>
public sealed class DenseEncoder : Module<torch.Tensor, torch.Tensor>
{
    /// <summary>Channels of the representation z.</summary>
    public const int RepresentationChannels = 16;

    private readonly Sequential full;
    private readonly Sequential half;
    private readonly Sequential quarter;
    private readonly Sequential mergeHalf;
    private readonly Sequential mergeFull;

    /// <summary>Builds the encoder for <paramref name="inputChannels"/> input channels.</summary>
    public DenseEncoder(int inputChannels)
        : base(nameof(DenseEncoder))
    {
        full = ConvBlock(inputChannels, 16);
        half = Sequential(MaxPool2d(2), ConvBlock(16, 32));
        quarter = Sequential(MaxPool2d(2), ConvBlock(32, 64), ConvBlock(64, 64));
        mergeHalf = ConvBlock(64 + 32, 24);
        mergeFull = Sequential(Conv2d(24 + 16, RepresentationChannels, 1, bias: false), Normalization(RepresentationChannels), ReLU());
        RegisterComponents();
    }

    /// <summary>Returns the representation [B, C, S, S] of a batch [B, 1, S, S].</summary>
    public override torch.Tensor forward(torch.Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var fullFeatures = full.call(input);
        var halfFeatures = half.call(fullFeatures);
        var quarterFeatures = quarter.call(halfFeatures);

        var upToHalf = Upsample(quarterFeatures, halfFeatures);
        var merged = mergeHalf.call(torch.cat(new[] { upToHalf, halfFeatures }, 1));
        var upToFull = Upsample(merged, fullFeatures);
        return mergeFull.call(torch.cat(new[] { upToFull, fullFeatures }, 1)).MoveToOuterDisposeScope();
    }

    /// <summary>3×3 convolution, group normalization and ReLU, keeping the spatial size.</summary>
    internal static Sequential ConvBlock(int inputChannels, int outputChannels) => Sequential(
        Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: false),
        Normalization(outputChannels),
        ReLU());

    /// <summary>
    /// Group normalization with 4 groups. Group rather than batch normalization, because short schedules
    /// leave batch normalization's running statistics far from the training ones, and evaluation then runs
    /// a different network.
    /// </summary>
    internal static GroupNorm Normalization(int channels)
    {
        // TorchSharp 0.107.0 leaves GroupNorm's affine parameters uninitialized (NaN was seen there), so
        // they are set to the usual identity start: weight 1, bias 0.
        GroupNorm normalization = GroupNorm(4, channels);
        using (torch.no_grad())
        {
            normalization.weight!.fill_(1);
            normalization.bias!.zero_();
        }

        return normalization;
    }

    private static torch.Tensor Upsample(torch.Tensor features, torch.Tensor like) =>
        torch.nn.functional.interpolate(features, new[] { like.shape[2], like.shape[3] }, mode: torch.InterpolationMode.Bilinear, align_corners: false);
}
