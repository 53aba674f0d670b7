using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.Data;
using MtlSharp.Benchmarks.MultiFashion;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Benchmarks;

/// <summary>
/// Checks multi-fashion on a small Fashion-MNIST folder written by the test, whose image i is filled with
/// the value i + 1 and has label i mod 10. Input pixel (2, 2) then shows only the top-left item and pixel
/// (24, 24) only the bottom-right item, so each sample's items can be read back from its input.
/// </summary>
public sealed class MultiFashionTests : IDisposable
{
    private const int TrainCount = 200;
    private const int TestCount = 30;

    private readonly IdxTestFiles files = new();
    private readonly MultiFashionBenchmark benchmark = new();

    public MultiFashionTests()
    {
        files.WriteConstantSplit("train", TrainCount);
        files.WriteConstantSplit("t10k", TestCount);
    }

    public void Dispose() => files.Dispose();

    [Fact]
    public void SameSeedGivesIdenticalSplits()
    {
        using DataSplits first = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 7));
        using DataSplits second = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 7));

        Assert.True(Identical(first.Train.Inputs, second.Train.Inputs));
        Assert.True(Identical(first.Validation!.Inputs, second.Validation!.Inputs));
        Assert.True(Identical(first.Test.Inputs, second.Test.Inputs));
        for (int task = 0; task < 2; task++)
        {
            Assert.True(Identical(first.Train.Targets[task], second.Train.Targets[task]));
            Assert.True(Identical(first.Validation.Targets[task], second.Validation.Targets[task]));
            Assert.True(Identical(first.Test.Targets[task], second.Test.Targets[task]));
        }
    }

    [Fact]
    public void DifferentSeedGivesDifferentSplits()
    {
        using DataSplits first = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 7));
        using DataSplits second = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 8));

        Assert.False(Identical(first.Train.Inputs, second.Train.Inputs));
        Assert.False(Identical(first.Validation!.Inputs, second.Validation!.Inputs));
        Assert.False(Identical(first.Test.Inputs, second.Test.Inputs));
    }

    [Fact]
    public void SplitsHaveExpectedShapes()
    {
        using DataSplits splits = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 0));

        Assert.Equal(new long[] { 180, 1, 28, 28 }, splits.Train.Inputs.shape);
        Assert.Equal(new long[] { 20, 1, 28, 28 }, splits.Validation!.Inputs.shape);
        Assert.Equal(new long[] { TestCount, 1, 28, 28 }, splits.Test.Inputs.shape);
        Assert.Equal(2, splits.Train.Targets.Count);
        Assert.Equal(torch.int64, splits.Train.Targets[0].dtype);
        Assert.InRange(splits.Train.Inputs.min().item<float>(), 0f, 1f);
        Assert.InRange(splits.Train.Inputs.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void ValidationIsDisjointFromTraining()
    {
        using DataSplits splits = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 3));

        int[] train = FirstItems(splits.Train);
        int[] validation = FirstItems(splits.Validation!);

        Assert.Empty(train.Intersect(validation));
        Assert.Equal(train.Length, train.Distinct().Count());
        Assert.Equal(validation.Length, validation.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, TrainCount), train.Concat(validation).Order());
    }

    [Fact]
    public void TrainSizeKeepsValidationAndTest()
    {
        using DataSplits full = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 3));
        using DataSplits small = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 3, TrainSize: 50, TestSize: 10));

        Assert.Equal(50, small.Train.Count);
        Assert.Equal(10, small.Test.Count);
        Assert.True(Identical(full.Validation!.Inputs, small.Validation!.Inputs));
        Assert.Equal(FirstItems(full.Train)[..50], FirstItems(small.Train));
        Assert.True(Identical(full.Test.Inputs.narrow(0, 0, 10), small.Test.Inputs));
    }

    [Fact]
    public void LabelsMatchPlacedItems()
    {
        using DataSplits splits = benchmark.Load(new BenchmarkSettings(files.Folder, Seed: 5));

        foreach (MultiTaskDataset data in new[] { splits.Train, splits.Validation!, splits.Test })
        {
            int[] first = FirstItems(data);
            int[] second = SecondItems(data);
            long[] left = data.Targets[0].data<long>().ToArray();
            long[] right = data.Targets[1].data<long>().ToArray();

            for (int n = 0; n < first.Length; n++)
            {
                Assert.NotEqual(first[n], second[n]);
                Assert.Equal(first[n] % 10, left[n]);
                Assert.Equal(second[n] % 10, right[n]);
            }
        }
    }

    [Fact]
    public void ComposeOverlaysBothItems()
    {
        var source = new FashionMnistImages(new byte[2 * 28 * 28], new byte[] { 3, 7 });
        Array.Fill(source.Images, (byte)255, 28 * 28, 28 * 28);

        var (inputs, left, right) = MultiFashionGenerator.Compose(source, new[] { 0, 1 }, new Random(0));
        using (inputs)
        using (left)
        using (right)
        {
            Assert.Equal(new long[] { 3, 7 }, left.data<long>().ToArray());
            Assert.Equal(new long[] { 7, 3 }, right.data<long>().ToArray());

            // A dark item under a bright one: the bright item fills its own corner of the canvas.
            Assert.Equal(0f, inputs[0, 0, 0, 0].item<float>());
            Assert.Equal(1f, inputs[0, 0, 24, 24].item<float>(), 5);
            Assert.Equal(1f, inputs[1, 0, 2, 2].item<float>(), 5);
            Assert.Equal(0f, inputs[1, 0, 24, 24].item<float>());
        }
    }

    private static bool Identical(torch.Tensor a, torch.Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using torch.Tensor equal = a.eq(b).all();
        return equal.item<bool>();
    }

    private static int[] FirstItems(MultiTaskDataset data) => ItemsAt(data, 2);

    private static int[] SecondItems(MultiTaskDataset data) => ItemsAt(data, 24);

    private static int[] ItemsAt(MultiTaskDataset data, int pixel)
    {
        using torch.Tensor values = data.Inputs.select(1, 0).select(1, pixel).select(1, pixel).contiguous();
        return values.data<float>().ToArray().Select(v => (int)Math.Round(v * 255) - 1).ToArray();
    }
}
