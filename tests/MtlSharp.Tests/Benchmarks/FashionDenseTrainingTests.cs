using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.FashionDense;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Benchmarks;

public sealed class FashionDenseTrainingTests
{
    private const int Seed = 0;

    [Fact]
    public void LoadIsDeterministic()
    {
        var benchmark = new FashionDenseBenchmark();
        using var first = benchmark.Load(new BenchmarkSettings(null, Seed, TrainSize: 20, TestSize: 20));
        using var second = benchmark.Load(new BenchmarkSettings(null, Seed, TrainSize: 20, TestSize: 20));

        Assert.True(first.Train.Inputs.equal(second.Train.Inputs).all().item<bool>());
        Assert.True(first.Test.Targets[1].equal(second.Test.Targets[1]).all().item<bool>());
        Assert.Equal(FashionDenseBenchmark.ValidationScenes, first.Validation!.Count);
        Assert.Equal(new long[] { 20, 1, 32, 32 }, first.Train.Inputs.shape);
        Assert.Equal(new long[] { 20, 32, 32 }, first.Train.Targets[0].shape);
        Assert.Equal(new long[] { 20, 1, 32, 32 }, first.Train.Targets[1].shape);
        Assert.Equal(new long[] { 20, 3, 32, 32 }, first.Train.Targets[2].shape);
    }

    [Fact]
    public void TrainSizeLeavesTestScenesUnchanged()
    {
        var benchmark = new FashionDenseBenchmark();
        using var small = benchmark.Load(new BenchmarkSettings(null, Seed, TrainSize: 5, TestSize: 10));
        using var large = benchmark.Load(new BenchmarkSettings(null, Seed, TrainSize: 50, TestSize: 10));

        Assert.True(small.Test.Inputs.equal(large.Test.Inputs).all().item<bool>());
        Assert.True(small.Validation!.Inputs.equal(large.Validation!.Inputs).all().item<bool>());
    }

    // NOTE: the slowest test here. One epoch of 2000 scenes takes about a minute on an idle two-core
    // machine (an estimate from its processor time) and took 8 minutes on shared cores. The trait lets a quick run skip it.
    [Fact]
    [Trait("Category", "EndToEnd")]
    public void EqualWeightingBeatsConstantPredictor()
    {
        var benchmark = new FashionDenseBenchmark();
        using var splits = benchmark.Load(new BenchmarkSettings(null, Seed, TrainSize: 2000, TestSize: 500));
        TaskMetrics constant = ConstantPredictor(benchmark.Tasks, splits.Test);

        torch.manual_seed(Seed);
        using var model = benchmark.CreateModel(new[] { 0, 1, 2 });
        MethodDefinition definition = MethodRegistry.Get("ew");
        var environment = new MethodEnvironment(benchmark.Tasks, null, Seed, NullLogger.Instance);
        IMultiTaskMethod method = definition.Create(MethodOptions.Resolve(definition, new Dictionary<string, string>()), environment);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 8, LearningRate = 2e-3, Seed = Seed, EvaluationBatchSize = 500 };

        TrainingResult result = new Trainer(options, NullLogger.Instance).Fit(model, benchmark.Tasks, splits, method, null, new NoObserver());
        TaskMetrics test = result.Epochs[^1].Test;

        Assert.All(result.Epochs[^1].TrainingLosses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(test.Get("segmentation", "mIoU") > constant.Get("segmentation", "mIoU"), $"mIoU {test.Get("segmentation", "mIoU")} vs constant {constant.Get("segmentation", "mIoU")}");
        Assert.True(test.Get("depth", "AbsErr") < constant.Get("depth", "AbsErr"), $"AbsErr {test.Get("depth", "AbsErr")} vs constant {constant.Get("depth", "AbsErr")}");
        Assert.True(test.Get("depth", "δ<1.25") > constant.Get("depth", "δ<1.25"), $"δ<1.25 {test.Get("depth", "δ<1.25")} vs constant {constant.Get("depth", "δ<1.25")}");
        Assert.True(test.Get("normal", "Mean") < constant.Get("normal", "Mean"), $"Mean {test.Get("normal", "Mean")} vs constant {constant.Get("normal", "Mean")}");
    }

    /// <summary>
    /// Metrics of the best constant predictor on <paramref name="data"/>: the majority class, the median
    /// depth (the constant with the smallest AbsErr) and the normalized mean normal.
    /// </summary>
    internal static TaskMetrics ConstantPredictor(IReadOnlyList<TaskSpec> tasks, MultiTaskDataset data)
    {
        using var scope = torch.NewDisposeScope();
        var labels = data.Targets[0];
        var depths = data.Targets[1];
        var normals = data.Targets[2];

        long majority = labels.flatten().bincount(null, FashionDenseGenerator.ClassCount).argmax().item<long>();
        var majorityLabels = torch.full(labels.shape, majority, dtype: torch.int64);
        var logits = torch.nn.functional.one_hot(majorityLabels, FashionDenseGenerator.ClassCount).permute(0, 3, 1, 2).to_type(torch.float32);
        var medianDepth = torch.full_like(depths, depths.flatten().median().item<float>());
        var meanNormal = normals.mean(new long[] { 0, 2, 3 }, keepdim: true).expand_as(normals).contiguous();

        var outputs = new[] { logits, medianDepth, meanNormal };
        var values = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            IMetricAccumulator accumulator = tasks[t].CreateAccumulator();
            accumulator.Update(outputs[t], data.Targets[t]);
            values[tasks[t].Name] = accumulator.Compute();
        }

        return new TaskMetrics(values);
    }

    private sealed class NoObserver : ITrainingObserver
    {
    }
}
