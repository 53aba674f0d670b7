namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// The random choices of one scene: its items, in any order, and the background plane
/// Z = PlaneDistance + PlaneTilt · Y in camera coordinates (X right, Y down, Z forward, metres).
/// </summary>
/// <param name="Items">Items of the scene.</param>
/// <param name="PlaneDistance">Depth of the background plane on the optical axis, in metres.</param>
/// <param name="PlaneTilt">Slope dZ/dY of the background plane: positive recedes towards the bottom of the image.</param>
public sealed record SceneLayout(IReadOnlyList<SceneItem> Items, double PlaneDistance, double PlaneTilt);
