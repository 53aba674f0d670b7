namespace MtlSharp.Benchmarks.Data;

/// <summary>One split of Fashion-MNIST: 28×28 grey images as bytes, row-major, and their labels 0..9.</summary>
/// <param name="Images">Pixels [N · 28 · 28].</param>
/// <param name="Labels">Class of each image [N].</param>
public sealed record FashionMnistImages(byte[] Images, byte[] Labels)
{
    /// <summary>Side of an image in pixels.</summary>
    public const int Side = 28;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Number of images N.</summary>
    public int Count => Labels.Length;
}
