namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>One rendered scene as row-major arrays of side <see cref="FashionDenseGenerator.Side"/>.</summary>
/// <param name="Image">Grey input image [H · W], values in [0, 1].</param>
/// <param name="Labels">Segmentation class of each pixel [H · W]: 0 for the background, 1 + Fashion-MNIST class for an item.</param>
/// <param name="Depth">Depth of the visible surface along the optical axis [H · W], in metres.</param>
/// <param name="Normals">Unit normal of the visible surface [3 · H · W], channel-major (x, y, z), pointing towards the camera.</param>
public sealed record RenderedScene(float[] Image, long[] Labels, float[] Depth, float[] Normals);
