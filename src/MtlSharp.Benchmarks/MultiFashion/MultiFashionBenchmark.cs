using MtlSharp.Architectures;
using MtlSharp.Benchmarks.Data;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Benchmarks.MultiFashion;

/// <summary>
/// multi-fashion: the MultiMNIST protocol of Sener and Koltun (NeurIPS 2018) on Fashion-MNIST. Two
/// items share one canvas and each task classifies one of them (10 classes each). Training and
/// validation samples come from the training split (10% held out for validation, fixed by the seed);
/// test samples come from the test split.
/// </summary>
public sealed class MultiFashionBenchmark : IBenchmark
{
    /// <summary>Share of the training split held out for validation.</summary>
    public const double ValidationShare = 0.1;

    /// <inheritdoc />
    public string Name => "multi-fashion";

    /// <inheritdoc />
    public string Description => "Two overlaid Fashion-MNIST items; classify the top-left and the bottom-right one (MultiMNIST protocol).";

    /// <inheritdoc />
    public IReadOnlyList<TaskSpec> Tasks { get; } = new[]
    {
        ClassificationTask.Create("left"),
        ClassificationTask.Create("right"),
    };

    /// <inheritdoc />
    public DataSplits Load(BenchmarkSettings settings)
    {
        FashionMnistImages train = FashionMnist.Load(settings.DataRoot, train: true);
        FashionMnistImages test = FashionMnist.Load(settings.DataRoot, train: false);

        // Separate generators per split, so that a smaller --train-size never changes the test samples.
        var (trainItems, validationItems) = ValidationHoldOut.Split(train.Count, ValidationShare, settings.Seed);
        if (settings.TrainSize is int trainSize)
        {
            trainItems = trainItems[..Math.Min(trainSize, trainItems.Length)];
        }

        int[] testItems = Enumerable.Range(0, Math.Min(settings.TestSize ?? test.Count, test.Count)).ToArray();

        return new DataSplits(
            Build(train, trainItems, new Random(settings.Seed + 1)),
            Build(train, validationItems, new Random(settings.Seed + 2)),
            Build(test, testItems, new Random(settings.Seed + 3)));
    }

    /// <inheritdoc />
    public MultiTaskModel CreateModel(IReadOnlyList<int> tasks) => MultiLeNet.Create(tasks.Count);

    private static MultiTaskDataset Build(FashionMnistImages source, int[] firstItems, Random random)
    {
        var (inputs, left, right) = MultiFashionGenerator.Compose(source, firstItems, random);
        return new MultiTaskDataset(inputs, new[] { left, right });
    }
}
