using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Balancing;
using MtlSharp.Benchmarks.MultiFashion;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace MtlSharp.Tests.Training;

[Collection(GlobalStateCollection.Name)]
public sealed class TrainerTests : IClassFixture<MultiFashionSubset>
{
    private readonly MultiFashionSubset data;
    private readonly ITestOutputHelper output;

    public TrainerTests(MultiFashionSubset data, ITestOutputHelper output)
    {
        this.data = data;
        this.output = output;
    }

    [Fact]
    public void EqualWeightingLearnsBothTasks()
    {
        using DataSplits splits = data.Take(train: 6000, validation: 1000, test: 1000);

        TrainingResult result = Train(splits, epochs: 2, batchSize: 64);

        Assert.Equal(2, result.Epochs.Count);
        Assert.NotNull(result.Selection.BestValidation);
        Assert.True(result.Epochs[1].TrainingLosses.Sum() < result.Epochs[0].TrainingLosses.Sum());
        Assert.Equal(new[] { 1.0, 1.0 }, result.Epochs[0].MeanWeights);
        foreach (string task in new[] { "left", "right" })
        {
            // Chance is 0.1. With seed 0 on TorchSharp 0.107 (CPU) both tasks reached 0.559 test accuracy.
            double test = result.Epochs[^1].Test.Get(task, "Acc");
            double validation = result.Epochs[^1].Validation!.Get(task, "Acc");
            output.WriteLine($"{task}: test accuracy {test:F3}, validation accuracy {validation:F3}");
            Assert.True(test > 0.4, $"Test accuracy of '{task}' is {test}.");
            Assert.True(validation > 0.4, $"Validation accuracy of '{task}' is {validation}.");
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalMetrics()
    {
        using DataSplits splits = data.Take(train: 512, validation: 256, test: 256);

        TrainingResult first = Train(splits, epochs: 2);
        TrainingResult second = Train(splits, epochs: 2);

        for (int epoch = 0; epoch < 2; epoch++)
        {
            Assert.Equal(first.Epochs[epoch].TrainingLosses, second.Epochs[epoch].TrainingLosses);
            Assert.Equal(Flatten(first.Epochs[epoch].Test), Flatten(second.Epochs[epoch].Test));
            Assert.Equal(Flatten(first.Epochs[epoch].Validation!), Flatten(second.Epochs[epoch].Validation!));
        }
    }

    [Fact]
    public void OtherSeedGivesOtherLosses()
    {
        using DataSplits splits = data.Take(train: 256, validation: null, test: 256);

        TrainingResult first = Train(splits, epochs: 1, seed: 0);
        TrainingResult second = Train(splits, epochs: 1, seed: 1);

        Assert.NotEqual(first.Epochs[0].TrainingLosses, second.Epochs[0].TrainingLosses);
    }

    [Fact]
    public void LiveTensorsStayFlatAcrossEpochs()
    {
        using DataSplits splits = data.Take(train: 512, validation: 256, test: 256);
        var observer = new LiveTensorObserver();

        Train(splits, epochs: 3, observer: observer);

        Assert.Equal(3, observer.AfterEpoch.Count);
        Assert.Equal(observer.AfterEpoch[0], observer.AfterEpoch[2]);
        Assert.Equal(observer.AfterStep[1], observer.AfterStep[^1]);
    }

    [Fact]
    public void NoValidationReportsLastEpoch()
    {
        using DataSplits splits = data.Take(train: 256, validation: null, test: 256);

        TrainingResult result = Train(splits, epochs: 2);

        Assert.Null(result.Selection.BestValidation);
        Assert.Equal(new[] { 1 }, result.Selection.Primary.Epochs);
        Assert.Contains("No validation split", result.Selection.Note);
    }

    [Fact]
    public void NaNLossNamesTaskAndStep()
    {
        using DataSplits splits = data.Take(train: 64, validation: null, test: 64);
        var tasks = new[]
        {
            ClassificationTask.Create("left"),
            new TaskSpec(
                "broken",
                new[] { new MetricSpec(ClassificationAccuracy.MetricName, MetricDirection.HigherIsBetter) },
                ClassificationAccuracy.MetricName,
                (output, target) => torch.nn.functional.cross_entropy(output, target) * double.NaN,
                () => new ClassificationAccuracy()),
        };

        var error = Assert.Throws<NonFiniteLossException>(() => Train(splits, epochs: 1, tasks: tasks));

        Assert.Contains("'broken'", error.Message);
        Assert.Contains("step 0", error.Message);
        Assert.DoesNotContain("'left'", error.Message);
    }

    [Fact]
    public void RejectsTaskCountMismatch()
    {
        using DataSplits splits = data.Take(train: 64, validation: null, test: 64);

        var error = Assert.Throws<ArgumentException>(() => Train(splits, epochs: 1, tasks: new[] { ClassificationTask.Create("left") }));

        Assert.Contains("2 task outputs", error.Message);
    }

    private static TrainingResult Train(
        DataSplits splits,
        int epochs,
        int seed = 0,
        int batchSize = 256,
        ITrainingObserver? observer = null,
        IReadOnlyList<TaskSpec>? tasks = null)
    {
        torch.manual_seed(seed);
        using var model = MultiLeNet.Create(2);
        var trainer = new Trainer(new TrainerOptions { Epochs = epochs, Seed = seed, BatchSize = batchSize }, NullLogger.Instance);
        return trainer.Fit(model, tasks ?? new MultiFashionBenchmark().Tasks, splits, new EqualWeighting(), baselines: null, observer ?? new LiveTensorObserver());
    }

    private static double[] Flatten(TaskMetrics metrics) =>
        metrics.Values.OrderBy(t => t.Key).SelectMany(t => t.Value.OrderBy(m => m.Key).Select(m => m.Value)).ToArray();

    /// <summary>Records the thread's live TorchSharp tensor count after every step and epoch.</summary>
    private sealed class LiveTensorObserver : ITrainingObserver
    {
        public List<long> AfterStep { get; } = new();

        public List<long> AfterEpoch { get; } = new();

        public void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weights, double samplesPerSecond) =>
            AfterStep.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);

        public void OnEpoch(EpochRecord record) =>
            AfterEpoch.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }
}
