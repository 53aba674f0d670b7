using MtlSharp.Benchmarks.Data;
using TorchSharp;

namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// Composes and renders fashion-dense scenes: 2 to 4 Fashion-MNIST items on cards at different depths
/// in front of a tilted, checkered background plane, seen by a pinhole camera.
/// </summary>
/// <remarks>
/// Geometry, in camera coordinates (X right, Y down, Z forward, metres): a card of width
/// <see cref="CardWidth"/> at depth z covers f · w / z pixels, so farther items look smaller. An item's
/// image intensity I in [0, 1] (bilinear from the 28×28 source) is both its albedo and a relief of height
/// <see cref="Relief"/> · I towards the camera; pixels with I ≤ <see cref="MaskThreshold"/> are
/// transparent. Each pixel shows the nearest surface (a z-buffer on the relief depth). Normals come from
/// central differences of the relief, n ∝ (-∂H/∂X, -∂H/∂Y, -1), and of the plane, n ∝ (0, t, -1).
/// The image is Lambertian shading from a fixed directional light: albedo · (0.2 + 0.8 · max(0, n · l)).
/// So the image carries each task's cues: item shape for the class, size and plane shading for depth,
/// shading and intensity gradients for the normals.
/// </remarks>
public static class FashionDenseGenerator
{
    /// <summary>Side of a scene in pixels.</summary>
    public const int Side = 32;

    /// <summary>Focal length of the pinhole camera, in pixels.</summary>
    public const double FocalLength = 48;

    /// <summary>Width of an item's card, in metres.</summary>
    public const double CardWidth = 2;

    /// <summary>Height of the relief at intensity 1, in metres.</summary>
    public const double Relief = 0.1;

    /// <summary>Intensity at or below which an item's pixel is transparent.</summary>
    public const double MaskThreshold = 0.1;

    /// <summary>Fewest items in a scene.</summary>
    public const int MinItems = 2;

    /// <summary>Most items in a scene.</summary>
    public const int MaxItems = 4;

    /// <summary>Nearest card depth, in metres.</summary>
    public const double NearestItem = 4;

    /// <summary>Farthest card depth, in metres.</summary>
    public const double FarthestItem = 9;

    /// <summary>Smallest depth difference between two cards of a scene, in metres; larger than the relief, so reliefs never interpenetrate.</summary>
    public const double MinDepthGap = 0.5;

    /// <summary>Smallest depth of the background plane on the optical axis, in metres.</summary>
    public const double NearestPlane = 13;

    /// <summary>Largest depth of the background plane on the optical axis, in metres.</summary>
    public const double FarthestPlane = 17;

    /// <summary>Largest absolute slope dZ/dY of the background plane.</summary>
    public const double MaxTilt = 0.8;

    /// <summary>Side of a square of the plane's checker texture, in metres.</summary>
    public const double CheckerSide = 1.25;

    /// <summary>Number of segmentation classes: background plus the ten Fashion-MNIST classes.</summary>
    public const int ClassCount = FashionMnistImages.ClassCount + 1;

    private const double Ambient = 0.2;
    private const double Diffuse = 0.8;
    private const double Centre = Side / 2.0;

    // Unit vector towards the light: up, left and in front of the scene.
    private static readonly double[] Light = Normalize(-0.5, -0.6, -1);

    /// <summary>Draws the layout of one scene with items from <paramref name="pool"/> (image indices of <paramref name="source"/>).</summary>
    public static SceneLayout DrawLayout(FashionMnistImages source, IReadOnlyList<int> pool, Random random)
    {
        if (pool.Count == 0)
        {
            throw new ArgumentException("The pool of item images is empty; a scene needs at least one image to draw from.", nameof(pool));
        }

        int itemCount = random.Next(MinItems, MaxItems + 1);
        double[] depths = DrawDepths(itemCount, random);
        var items = new SceneItem[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            int image = pool[random.Next(pool.Count)];
            double size = FocalLength * CardWidth / depths[i];

            // The card's centre stays on the image, so at least a quarter of it is visible when nothing covers it.
            double left = -size / 4 + random.NextDouble() * (Side - size / 2);
            double top = -size / 4 + random.NextDouble() * (Side - size / 2);
            items[i] = new SceneItem(image, source.Labels[image], depths[i], left, top, size);
        }

        double planeDistance = NearestPlane + random.NextDouble() * (FarthestPlane - NearestPlane);
        double planeTilt = (2 * random.NextDouble() - 1) * MaxTilt;
        return new SceneLayout(items, planeDistance, planeTilt);
    }

    /// <summary>Renders the image and the three targets of <paramref name="layout"/>.</summary>
    public static RenderedScene Render(FashionMnistImages source, SceneLayout layout)
    {
        const int pixels = Side * Side;
        var image = new float[pixels];
        var labels = new long[pixels];
        var depth = new float[pixels];
        var normals = new float[3 * pixels];
        double[] planeNormal = Normalize(0, layout.PlaneTilt, -1);

        for (int v = 0; v < Side; v++)
        {
            for (int u = 0; u < Side; u++)
            {
                int pixel = v * Side + u;
                int nearest = -1;
                double nearestDepth = PlaneDepth(layout, v);
                for (int i = 0; i < layout.Items.Count; i++)
                {
                    double surface = SurfaceDepth(source, layout.Items[i], u, v);
                    if (surface < nearestDepth)
                    {
                        nearest = i;
                        nearestDepth = surface;
                    }
                }

                double[] normal;
                double albedo;
                if (nearest < 0)
                {
                    normal = planeNormal;
                    albedo = PlaneAlbedo(u, v, nearestDepth);
                    labels[pixel] = 0;
                }
                else
                {
                    SceneItem item = layout.Items[nearest];
                    normal = ItemNormal(source, item, u, v);
                    albedo = Intensity(source, item, u + 0.5, v + 0.5);
                    labels[pixel] = item.Label + 1;
                }

                double shading = Ambient + Diffuse * Math.Max(0, Dot(normal, Light));
                image[pixel] = (float)(albedo * shading);
                depth[pixel] = (float)nearestDepth;
                for (int c = 0; c < 3; c++)
                {
                    normals[c * pixels + pixel] = (float)normal[c];
                }
            }
        }

        return new RenderedScene(image, labels, depth, normals);
    }

    /// <summary>
    /// Returns the depth of <paramref name="item"/>'s surface at the centre of pixel (u, v), or +∞ where the
    /// item is transparent or absent.
    /// </summary>
    public static double SurfaceDepth(FashionMnistImages source, SceneItem item, int u, int v)
    {
        double intensity = Intensity(source, item, u + 0.5, v + 0.5);
        return intensity > MaskThreshold ? item.Depth - Relief * intensity : double.PositiveInfinity;
    }

    /// <summary>Returns the depth of the background plane at image row <paramref name="v"/>: Z = a / (1 - t · (v + 0.5 - c) / f).</summary>
    public static double PlaneDepth(SceneLayout layout, int v) =>
        layout.PlaneDistance / (1 - layout.PlaneTilt * (v + 0.5 - Centre) / FocalLength);

    /// <summary>
    /// Renders <paramref name="layouts"/> into tensors: inputs [N, 1, S, S], labels [N, S, S] (int64),
    /// depths [N, 1, S, S] and normals [N, 3, S, S].
    /// </summary>
    public static (torch.Tensor Inputs, torch.Tensor Labels, torch.Tensor Depths, torch.Tensor Normals) ToTensors(
        FashionMnistImages source, IReadOnlyList<SceneLayout> layouts)
    {
        const int pixels = Side * Side;
        int count = layouts.Count;
        var inputs = new float[(long)count * pixels];
        var labels = new long[(long)count * pixels];
        var depths = new float[(long)count * pixels];
        var normals = new float[(long)count * 3 * pixels];
        for (int n = 0; n < count; n++)
        {
            RenderedScene scene = Render(source, layouts[n]);
            Array.Copy(scene.Image, 0, inputs, (long)n * pixels, pixels);
            Array.Copy(scene.Labels, 0, labels, (long)n * pixels, pixels);
            Array.Copy(scene.Depth, 0, depths, (long)n * pixels, pixels);
            Array.Copy(scene.Normals, 0, normals, (long)n * 3 * pixels, 3 * pixels);
        }

        return (
            torch.tensor(inputs, new long[] { count, 1, Side, Side }),
            torch.tensor(labels, new long[] { count, Side, Side }),
            torch.tensor(depths, new long[] { count, 1, Side, Side }),
            torch.tensor(normals, new long[] { count, 3, Side, Side }));
    }

    // Card depths drawn uniformly, redrawn until every pair is at least MinDepthGap apart.
    private static double[] DrawDepths(int count, Random random)
    {
        var depths = new double[count];
        while (true)
        {
            for (int i = 0; i < count; i++)
            {
                depths[i] = NearestItem + random.NextDouble() * (FarthestItem - NearestItem);
            }

            bool separated = true;
            for (int i = 0; i < count && separated; i++)
            {
                for (int j = i + 1; j < count; j++)
                {
                    if (Math.Abs(depths[i] - depths[j]) < MinDepthGap)
                    {
                        separated = false;
                        break;
                    }
                }
            }

            if (separated)
            {
                return depths;
            }
        }
    }

    // Intensity of the item's image at image point (x, y) in pixels, bilinear, 0 outside the card.
    private static double Intensity(FashionMnistImages source, SceneItem item, double x, double y)
    {
        const int side = FashionMnistImages.Side;
        double sourceX = (x - item.Left) / item.Size * side - 0.5;
        double sourceY = (y - item.Top) / item.Size * side - 0.5;
        int x0 = (int)Math.Floor(sourceX);
        int y0 = (int)Math.Floor(sourceY);
        double fx = sourceX - x0;
        double fy = sourceY - y0;
        int start = item.Image * side * side;

        double Pixel(int px, int py) =>
            px < 0 || py < 0 || px >= side || py >= side ? 0 : source.Images[start + py * side + px] / 255.0;

        return (1 - fy) * ((1 - fx) * Pixel(x0, y0) + fx * Pixel(x0 + 1, y0))
            + fy * ((1 - fx) * Pixel(x0, y0 + 1) + fx * Pixel(x0 + 1, y0 + 1));
    }

    // Normal of the relief surface Z = depth - Relief · I, from central differences one pixel apart;
    // one pixel spans depth / f metres on the card.
    private static double[] ItemNormal(FashionMnistImages source, SceneItem item, int u, int v)
    {
        double x = u + 0.5;
        double y = v + 0.5;
        double pixelWidth = item.Depth / FocalLength;
        double slopeX = Relief * (Intensity(source, item, x + 1, y) - Intensity(source, item, x - 1, y)) / (2 * pixelWidth);
        double slopeY = Relief * (Intensity(source, item, x, y + 1) - Intensity(source, item, x, y - 1)) / (2 * pixelWidth);
        return Normalize(-slopeX, -slopeY, -1);
    }

    private static double PlaneAlbedo(int u, int v, double planeDepth)
    {
        double x = (u + 0.5 - Centre) * planeDepth / FocalLength;
        double y = (v + 0.5 - Centre) * planeDepth / FocalLength;
        bool dark = ((int)Math.Floor(x / CheckerSide) + (int)Math.Floor(y / CheckerSide)) % 2 != 0;
        return dark ? 0.2 : 0.25;
    }

    private static double[] Normalize(double x, double y, double z)
    {
        double length = Math.Sqrt(x * x + y * y + z * z);
        return new[] { x / length, y / length, z / length };
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
