namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>One Fashion-MNIST item placed in a scene: a card facing the camera with its image as a relief.</summary>
/// <param name="Image">Index of the item's image in its Fashion-MNIST split.</param>
/// <param name="Label">Fashion-MNIST class 0..9; its segmentation class is Label + 1.</param>
/// <param name="Depth">Distance of the card's plane from the camera along the optical axis, in metres.</param>
/// <param name="Left">Left edge of the card's square on the image, in pixels (may be negative).</param>
/// <param name="Top">Top edge of the card's square on the image, in pixels (may be negative).</param>
/// <param name="Size">Side of the card's square on the image, in pixels: focal length · card width / depth.</param>
public sealed record SceneItem(int Image, int Label, double Depth, double Left, double Top, double Size);
