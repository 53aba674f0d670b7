using MtlSharp.Benchmarks.Data;
using TorchSharp;

namespace MtlSharp.Benchmarks.MultiFashion;

/// <summary>
/// Composes MultiMNIST-style samples (Sener and Koltun, "Multi-Task Learning as Multi-Objective
/// Optimization", NeurIPS 2018) from Fashion-MNIST items: one item near the top-left and another near
/// the bottom-right of a 36×36 canvas, overlaid by the pixel-wise maximum, then resized to 28×28.
/// Each item is shifted by 0 to 2 pixels per axis. All choices come from a seeded generator.
/// </summary>
public static class MultiFashionGenerator
{
    /// <summary>Side of the composition canvas.</summary>
    public const int CanvasSide = 36;

    /// <summary>Side of the resized input image.</summary>
    public const int InputSide = 28;

    /// <summary>Offset of the bottom-right item before jitter.</summary>
    public const int SecondItemOffset = 6;

    /// <summary>Largest jitter per axis, inclusive.</summary>
    public const int MaxJitter = 2;

    /// <summary>
    /// Builds one sample per entry of <paramref name="firstItems"/>, with that image as the first item,
    /// and a second item drawn at random (never the same image as the first).
    /// </summary>
    /// <returns>Inputs [N, 1, 28, 28] in [0, 1], left labels [N] and right labels [N].</returns>
    public static (torch.Tensor Inputs, torch.Tensor LeftLabels, torch.Tensor RightLabels) Compose(
        FashionMnistImages source, IReadOnlyList<int> firstItems, Random random)
    {
        int count = firstItems.Count;
        int side = FashionMnistImages.Side;
        var canvas = new float[(long)count * CanvasSide * CanvasSide];
        var left = new long[count];
        var right = new long[count];

        for (int n = 0; n < count; n++)
        {
            int first = firstItems[n];
            int second = random.Next(source.Count - 1);
            if (second >= first)
            {
                second++;
            }

            left[n] = source.Labels[first];
            right[n] = source.Labels[second];
            long origin = (long)n * CanvasSide * CanvasSide;
            Paste(canvas, origin, source.Images, first * side * side, random.Next(MaxJitter + 1), random.Next(MaxJitter + 1));
            Paste(canvas, origin, source.Images, second * side * side, SecondItemOffset + random.Next(MaxJitter + 1), SecondItemOffset + random.Next(MaxJitter + 1));
        }

        using var large = torch.tensor(canvas, new long[] { count, 1, CanvasSide, CanvasSide });
        torch.Tensor inputs = torch.nn.functional.interpolate(large, new long[] { InputSide, InputSide }, mode: torch.InterpolationMode.Bilinear, align_corners: false);
        return (inputs, torch.tensor(left), torch.tensor(right));
    }

    private static void Paste(float[] canvas, long origin, byte[] images, int imageStart, int top, int leftEdge)
    {
        int side = FashionMnistImages.Side;
        for (int y = 0; y < side; y++)
        {
            long row = origin + (long)(top + y) * CanvasSide + leftEdge;
            int sourceRow = imageStart + y * side;
            for (int x = 0; x < side; x++)
            {
                float value = images[sourceRow + x] / 255f;
                if (value > canvas[row + x])
                {
                    canvas[row + x] = value;
                }
            }
        }
    }
}
