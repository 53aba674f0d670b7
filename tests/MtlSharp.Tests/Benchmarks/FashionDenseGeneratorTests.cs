using MtlSharp.Benchmarks.Data;
using MtlSharp.Benchmarks.FashionDense;

namespace MtlSharp.Tests.Benchmarks;

public sealed class FashionDenseGeneratorTests
{
    private const int Pixels = FashionDenseGenerator.Side * FashionDenseGenerator.Side;

    private static readonly Lazy<FashionMnistImages> Test = new(() => FashionMnist.Load(null, train: false));

    private static IReadOnlyList<SceneLayout> Layouts(int seed, int count) =>
        FashionDenseBenchmark.DrawLayouts(Test.Value, Enumerable.Range(0, 500).ToArray(), count, new Random(seed));

    [Fact]
    public void SameSeedSameScenes()
    {
        var first = Layouts(5, 20);
        var second = Layouts(5, 20);

        for (int n = 0; n < first.Count; n++)
        {
            Assert.Equal(first[n].Items, second[n].Items);
            Assert.Equal(first[n].PlaneDistance, second[n].PlaneDistance);
            Assert.Equal(first[n].PlaneTilt, second[n].PlaneTilt);
            RenderedScene a = FashionDenseGenerator.Render(Test.Value, first[n]);
            RenderedScene b = FashionDenseGenerator.Render(Test.Value, second[n]);
            Assert.Equal(a.Image, b.Image);
            Assert.Equal(a.Labels, b.Labels);
            Assert.Equal(a.Depth, b.Depth);
            Assert.Equal(a.Normals, b.Normals);
        }
    }

    [Fact]
    public void OtherSeedOtherScenes()
    {
        Assert.NotEqual(Layouts(5, 5)[0].Items, Layouts(6, 5)[0].Items);
    }

    [Fact]
    public void VisibleItemIsNearestCovering()
    {
        foreach (SceneLayout layout in Layouts(11, 50))
        {
            RenderedScene scene = FashionDenseGenerator.Render(Test.Value, layout);
            for (int v = 0; v < FashionDenseGenerator.Side; v++)
            {
                for (int u = 0; u < FashionDenseGenerator.Side; u++)
                {
                    int pixel = v * FashionDenseGenerator.Side + u;
                    var covering = layout.Items
                        .Select(item => (Item: item, Depth: FashionDenseGenerator.SurfaceDepth(Test.Value, item, u, v)))
                        .Where(c => double.IsFinite(c.Depth))
                        .ToArray();
                    if (covering.Length == 0)
                    {
                        Assert.Equal(0, scene.Labels[pixel]);
                        Assert.Equal((float)FashionDenseGenerator.PlaneDepth(layout, v), scene.Depth[pixel]);
                        continue;
                    }

                    var nearest = covering.MinBy(c => c.Depth);
                    Assert.Equal(nearest.Item.Label + 1, scene.Labels[pixel]);
                    Assert.Equal((float)nearest.Depth, scene.Depth[pixel]);
                    Assert.True(nearest.Depth < FashionDenseGenerator.PlaneDepth(layout, v));
                }
            }
        }
    }

    [Fact]
    public void CardsSeparatedBeyondRelief()
    {
        foreach (SceneLayout layout in Layouts(12, 200))
        {
            var depths = layout.Items.Select(i => i.Depth).OrderBy(d => d).ToArray();
            for (int i = 1; i < depths.Length; i++)
            {
                Assert.True(depths[i] - depths[i - 1] >= FashionDenseGenerator.MinDepthGap);
            }

            Assert.InRange(layout.Items.Count, FashionDenseGenerator.MinItems, FashionDenseGenerator.MaxItems);
        }
    }

    [Fact]
    public void FartherItemsLookSmaller()
    {
        foreach (SceneItem item in Layouts(13, 50).SelectMany(l => l.Items))
        {
            Assert.Equal(FashionDenseGenerator.FocalLength * FashionDenseGenerator.CardWidth / item.Depth, item.Size, 9);
        }
    }

    [Fact]
    public void NormalsUnitLengthFacingCamera()
    {
        foreach (SceneLayout layout in Layouts(14, 50))
        {
            RenderedScene scene = FashionDenseGenerator.Render(Test.Value, layout);
            for (int pixel = 0; pixel < Pixels; pixel++)
            {
                double x = scene.Normals[pixel];
                double y = scene.Normals[Pixels + pixel];
                double z = scene.Normals[2 * Pixels + pixel];
                Assert.Equal(1.0, Math.Sqrt(x * x + y * y + z * z), 5);
                Assert.True(z < 0, $"normal ({x}, {y}, {z}) faces away from the camera");
            }
        }
    }

    [Fact]
    public void PlaneNormalMatchesTilt()
    {
        SceneLayout layout = Layouts(15, 1)[0] with { Items = Array.Empty<SceneItem>(), PlaneTilt = 0.5 };

        RenderedScene scene = FashionDenseGenerator.Render(Test.Value, layout);

        double length = Math.Sqrt(1 + 0.25);
        Assert.Equal(0, scene.Normals[0], 6);
        Assert.Equal(0.5 / length, scene.Normals[Pixels], 6);
        Assert.Equal(-1 / length, scene.Normals[2 * Pixels], 6);
        Assert.All(scene.Labels, label => Assert.Equal(0, label));
        // Tilt 0.5 recedes towards the bottom of the image.
        Assert.True(scene.Depth[Pixels - 1] > scene.Depth[0]);
    }

    [Fact]
    public void ImageInUnitRange()
    {
        foreach (SceneLayout layout in Layouts(16, 20))
        {
            Assert.All(FashionDenseGenerator.Render(Test.Value, layout).Image, value => Assert.InRange(value, 0f, 1f));
        }
    }
}
