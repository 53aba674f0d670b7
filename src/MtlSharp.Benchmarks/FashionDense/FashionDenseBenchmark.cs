using MtlSharp.Architectures;
using MtlSharp.Benchmarks.Data;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Benchmarks.FashionDense;

/// <summary>
/// fashion-dense: scenes of Fashion-MNIST items at different depths with three dense tasks that mirror
/// NYUv2 (semantic segmentation, depth, surface normals) and its nine metrics. Training and validation
/// scenes are composed from the training split, with 10% of its images held out for validation and fixed
/// by the seed. Test scenes are composed from the test split. With depth in metres, the initial depth loss is more than ten
/// times the normal loss, so the tasks' loss scales are heterogeneous.
/// </summary>
public sealed class FashionDenseBenchmark : IBenchmark
{
    /// <summary>Share of the training images held out for validation scenes.</summary>
    public const double ValidationShare = 0.1;

    /// <summary>Training scenes when <see cref="BenchmarkSettings.TrainSize"/> is not given.</summary>
    public const int DefaultTrainScenes = 6000;

    /// <summary>Validation scenes.</summary>
    public const int ValidationScenes = 1000;

    /// <summary>Test scenes when <see cref="BenchmarkSettings.TestSize"/> is not given.</summary>
    public const int DefaultTestScenes = 2000;

    /// <summary>Index of the segmentation task.</summary>
    public const int SegmentationTaskIndex = 0;

    /// <summary>Index of the depth task.</summary>
    public const int DepthTaskIndex = 1;

    /// <summary>Index of the normal task.</summary>
    public const int NormalTaskIndex = 2;

    /// <summary>Names of the segmentation classes: background, then the Fashion-MNIST classes in label order.</summary>
    public static IReadOnlyList<string> SegmentationClassNames { get; } = new[]
    {
        "background", "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <inheritdoc />
    public string Name => "fashion-dense";

    /// <inheritdoc />
    public string Description => "Scenes of Fashion-MNIST items at different depths; segmentation, depth and surface normals (NYUv2-style).";

    /// <inheritdoc />
    public IReadOnlyList<TaskSpec> Tasks { get; } = new[]
    {
        SegmentationTask.Create("segmentation", FashionDenseGenerator.ClassCount),
        DepthTask.Create("depth"),
        NormalTask.Create("normal"),
    };

    /// <inheritdoc />
    /// <remarks>
    /// <see cref="BenchmarkSettings.TrainSize"/> and <see cref="BenchmarkSettings.TestSize"/> set the number
    /// of scenes (default <see cref="DefaultTrainScenes"/> and <see cref="DefaultTestScenes"/>); the
    /// validation split always has <see cref="ValidationScenes"/>. Each split draws from its own generator,
    /// so a smaller training size never changes the validation or test scenes.
    /// </remarks>
    public DataSplits Load(BenchmarkSettings settings)
    {
        int trainScenes = settings.TrainSize ?? DefaultTrainScenes;
        int testScenes = settings.TestSize ?? DefaultTestScenes;
        if (trainScenes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), trainScenes, "The number of training scenes must be at least 1.");
        }

        if (testScenes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), testScenes, "The number of test scenes must be at least 1.");
        }

        FashionMnistImages train = FashionMnist.Load(settings.DataRoot, train: true);
        FashionMnistImages test = FashionMnist.Load(settings.DataRoot, train: false);

        var (trainPool, validationPool) = ValidationHoldOut.Split(train.Count, ValidationShare, settings.Seed);
        int[] testPool = Enumerable.Range(0, test.Count).ToArray();

        return new DataSplits(
            Build(train, trainPool, trainScenes, new Random(settings.Seed + 1)),
            Build(train, validationPool, ValidationScenes, new Random(settings.Seed + 2)),
            Build(test, testPool, testScenes, new Random(settings.Seed + 3)));
    }

    /// <inheritdoc />
    public MultiTaskModel CreateModel(IReadOnlyList<int> tasks) => FashionDenseNet.Create(tasks);

    /// <summary>Draws <paramref name="count"/> scene layouts whose items come from <paramref name="pool"/>.</summary>
    public static IReadOnlyList<SceneLayout> DrawLayouts(FashionMnistImages source, IReadOnlyList<int> pool, int count, Random random)
    {
        var layouts = new SceneLayout[count];
        for (int n = 0; n < count; n++)
        {
            layouts[n] = FashionDenseGenerator.DrawLayout(source, pool, random);
        }

        return layouts;
    }

    private static MultiTaskDataset Build(FashionMnistImages source, int[] pool, int count, Random random)
    {
        var (inputs, labels, depths, normals) = FashionDenseGenerator.ToTensors(source, DrawLayouts(source, pool, count, random));
        return new MultiTaskDataset(inputs, new[] { labels, depths, normals });
    }
}
