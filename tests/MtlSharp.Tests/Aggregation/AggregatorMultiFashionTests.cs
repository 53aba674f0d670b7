using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Aggregation;
using MtlSharp.Tests.Balancing;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Aggregation;

/// <summary>Every aggregator, in every gradient mode it supports, trains one short multi-fashion epoch through the real engine.</summary>
public sealed class AggregatorMultiFashionTests : IClassFixture<MultiFashionSubset>
{
    private readonly MultiFashionSubset data;

    public AggregatorMultiFashionTests(MultiFashionSubset data)
    {
        this.data = data;
    }

    public static TheoryData<string, GradientMode> Cases
    {
        get
        {
            var cases = new TheoryData<string, GradientMode>();
            foreach (MethodDefinition definition in AggregatorCatalog.Definitions)
            {
                foreach (GradientMode mode in definition.Modes)
                {
                    cases.Add(definition.Name, mode);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainsOneEpochWithoutNaN(string name, GradientMode mode)
    {
        var tasks = data.Benchmark.Tasks;
        MethodDefinition definition = MethodRegistry.Get(name);
        IMultiTaskMethod method = definition.Create(
            MethodOptions.Resolve(definition, new Dictionary<string, string>()),
            new MethodEnvironment(tasks, null, 0, NullLogger.Instance));

        torch.manual_seed(0);
        using var model = data.Benchmark.CreateModel(new[] { 0, 1 });
        var trainer = new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 128, Seed = 0, GradientMode = mode }, NullLogger.Instance);

        TrainingResult result = trainer.Fit(model, tasks, data.Splits, method, null, new NullObserver());

        EpochRecord record = Assert.Single(result.Epochs);
        Assert.All(record.TrainingLosses, l => Assert.True(double.IsFinite(l), $"{name} ({mode}): loss {l}"));
        Assert.All(model.parameters(), p => Assert.False(p.isnan().any().item<bool>(), $"{name} ({mode}): NaN parameter"));

        // Eight steps of 128 samples must move the first epoch's loss below the chance level ln 10 ≈ 2.303.
        Assert.All(record.TrainingLosses, l => Assert.True(l < 2.31, $"{name} ({mode}): mean loss {l} did not drop"));
    }

    private sealed class NullObserver : ITrainingObserver
    {
    }
}
