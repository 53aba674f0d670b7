using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.MultiFashion;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

/// <summary>Loads a small multi-fashion subset once for every short training run.</summary>
public sealed class MultiFashionSubset : IDisposable
{
    public MultiFashionSubset()
    {
        Benchmark = new MultiFashionBenchmark();
        Splits = Benchmark.Load(new BenchmarkSettings(null, 0, TrainSize: 1000, TestSize: 500));
    }

    public MultiFashionBenchmark Benchmark { get; }

    public DataSplits Splits { get; }

    public void Dispose() => Splits.Dispose();
}

public sealed class BalancerTrainingTests : IClassFixture<MultiFashionSubset>
{
    private readonly MultiFashionSubset data;

    public BalancerTrainingTests(MultiFashionSubset data)
    {
        this.data = data;
    }

    public static TheoryData<string> Names => new(MtlSharp.Balancing.BalancerCatalog.Definitions.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainsOneEpochWithoutNaN(string name)
    {
        var tasks = data.Benchmark.Tasks;
        var definition = MethodRegistry.Get(name);
        var baselines = Baselines(tasks, 0.8, 0.75);
        var method = definition.Create(
            MethodOptions.Resolve(definition, new Dictionary<string, string>()),
            new MethodEnvironment(tasks, baselines, 0, NullLogger.Instance));

        torch.manual_seed(0);
        using var model = data.Benchmark.CreateModel(new[] { 0, 1 });
        var trainer = new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 128, Seed = 0 }, NullLogger.Instance);
        var observer = new WeightRecorder();

        TrainingResult result = trainer.Fit(model, tasks, data.Splits, method, baselines, observer);

        var record = Assert.Single(result.Epochs);
        Assert.All(record.TrainingLosses, l => Assert.True(double.IsFinite(l), $"{name}: loss {l}"));
        Assert.Equal(8, observer.Steps);
        Assert.All(observer.Weights, w => Assert.True(double.IsFinite(w) && w >= 0, $"{name}: weight {w}"));
        Assert.All(model.parameters(), p => Assert.False(p.isnan().any().item<bool>(), $"{name}: NaN parameter"));
    }

    private sealed class WeightRecorder : ITrainingObserver
    {
        public int Steps { get; private set; }

        public List<double> Weights { get; } = new();

        public void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weights, double samplesPerSecond)
        {
            Steps++;
            Weights.AddRange(weights ?? Array.Empty<double>());
        }
    }
}
