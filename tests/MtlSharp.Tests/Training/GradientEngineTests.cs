using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Aggregation;
using AggregationResult = MtlSharp.Aggregation.Aggregation;
using MtlSharp.Architectures;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Tests.Training;

public sealed class GradientEngineTests
{
    private const int TaskCount = 3;

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void SumOfRowsMatchesSumOfLosses(GradientMode mode)
    {
        AssertMatchesWeightedLoss(mode, new[] { 1.0, 1.0, 1.0 });
    }

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void WeightedRowsMatchWeightedLoss(GradientMode mode)
    {
        AssertMatchesWeightedLoss(mode, new[] { 0.5, 2.0, 0.25 });
    }

    [Fact]
    public void NullWeightsGiveHeadsPlainGradients()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 3);
        var (reference, _, _) = EngineFixtures.Problem(seed: 3);
        var engine = new GradientEngine(new WeightedRows(new[] { 2.0, 2.0, 2.0 }, reportWeights: false), GradientMode.Parameters);

        engine.Run(model, input, targets, EngineFixtures.Context());
        EngineFixtures.Losses(reference, input, targets).sum().backward();

        for (int i = 0; i < TaskCount; i++)
        {
            AssertGradientsClose(reference.TaskParameters(i), model.TaskParameters(i), scale: 1.0);
        }

        AssertGradientsClose(reference.SharedParameters(), model.SharedParameters(), scale: 2.0);
    }

    [Fact]
    public void OutcomeHasDetachedLossesAndWeights()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 4);
        var (reference, _, _) = EngineFixtures.Problem(seed: 4);
        var engine = new GradientEngine(new WeightedRows(new[] { 0.5, 1.0, 1.5 }), GradientMode.Parameters);

        StepOutcome outcome = engine.Run(model, input, targets, EngineFixtures.Context());
        double[] expected = EngineFixtures.Losses(reference, input, targets).detach().data<float>().Select(v => (double)v).ToArray();

        Assert.False(outcome.Losses.requires_grad);
        Assert.Equal(expected, outcome.Losses.data<float>().Select(v => (double)v).ToArray(), new ToleranceComparer(1e-6));
        Assert.NotNull(outcome.Weights);
        Assert.Equal(new[] { 0.5, 1.0, 1.5 }, outcome.Weights!.data<double>().ToArray());
    }

    [Fact]
    public void ParametersModeSetsLayout()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 5);
        var aggregator = new WeightedRows(new[] { 1.0, 1.0, 1.0 });

        new GradientEngine(aggregator, GradientMode.Parameters).Run(model, input, targets, EngineFixtures.Context());

        JacobianLayout layout = Assert.IsType<JacobianLayout>(aggregator.LastLayout);
        Parameter[] shared = model.SharedParameters().ToArray();
        var names = model.named_parameters().ToDictionary(p => (object)p.parameter, p => p.name, ReferenceEqualityComparer.Instance);
        Assert.Equal(shared.Length, layout.Blocks.Count);
        long offset = 0;
        for (int n = 0; n < shared.Length; n++)
        {
            Assert.Equal(names[shared[n]], layout.Blocks[n].Name);
            Assert.Equal(offset, layout.Blocks[n].Offset);
            Assert.Equal(shared[n].numel(), layout.Blocks[n].Length);
            offset += shared[n].numel();
        }

        Assert.Equal(offset, aggregator.LastJacobianShape![1]);
    }

    [Fact]
    public void RepresentationModeHasNoLayout()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 6);
        var aggregator = new WeightedRows(new[] { 1.0, 1.0, 1.0 });

        new GradientEngine(aggregator, GradientMode.Representation).Run(model, input, targets, EngineFixtures.Context());

        Assert.Null(aggregator.LastLayout);
        Assert.Equal(new long[] { TaskCount, EngineFixtures.BatchSize * EngineFixtures.RepresentationSize }, aggregator.LastJacobianShape);
    }

    [Fact]
    public void MethodParametersGetSumOfObjectiveGradients()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 7);
        var (reference, _, _) = EngineFixtures.Problem(seed: 7);
        var aggregator = new ScaledObjectives(new[] { 0.0, 0.5, -1.0 });

        new GradientEngine(aggregator, GradientMode.Parameters).Run(model, input, targets, EngineFixtures.Context());

        // ∂/∂s_i of Σ_j (exp(s_j) L_j - s_j) is exp(s_i) L_i - 1.
        double[] losses = EngineFixtures.Losses(reference, input, targets).detach().to_type(torch.float64).data<double>().ToArray();
        double[] expected = losses.Select((loss, i) => Math.Exp(new[] { 0.0, 0.5, -1.0 }[i]) * loss - 1).ToArray();
        Assert.Equal(expected, aggregator.Scales.grad!.data<double>().ToArray(), new ToleranceComparer(1e-5));
    }

    [Fact]
    public void ObjectivesOfWrongShapeAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 8);
        var engine = new GradientEngine(new SummedObjective(), GradientMode.Parameters);

        var error = Assert.Throws<InvalidOperationException>(() => engine.Run(model, input, targets, EngineFixtures.Context()));

        Assert.Contains("TaskObjectives", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Fact]
    public void DirectionOfWrongLengthIsRejected()
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 9);
        var engine = new GradientEngine(new FixedDirection(new float[] { 1, 2 }), GradientMode.Parameters);

        var error = Assert.Throws<InvalidOperationException>(() => engine.Run(model, input, targets, EngineFixtures.Context()));

        Assert.Contains("direction of 2 elements", error.Message);
    }

    [Fact]
    public void UnknownModeIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GradientEngine(new WeightedRows(new[] { 1.0 }), (GradientMode)7));

        Assert.Equal("mode", error.ParamName);
    }

    private static void AssertMatchesWeightedLoss(GradientMode mode, double[] weights)
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 2);
        var (reference, _, _) = EngineFixtures.Problem(seed: 2);
        var engine = new GradientEngine(new WeightedRows(weights), mode);

        engine.Run(model, input, targets, EngineFixtures.Context());
        torch.Tensor losses = EngineFixtures.Losses(reference, input, targets);
        (losses * torch.tensor(weights).to_type(torch.float32)).sum().backward();

        AssertGradientsClose(reference.SharedParameters(), model.SharedParameters(), scale: 1.0);
        for (int i = 0; i < TaskCount; i++)
        {
            AssertGradientsClose(reference.TaskParameters(i), model.TaskParameters(i), scale: 1.0);
        }
    }

    private static void AssertGradientsClose(IReadOnlyList<Parameter> expected, IReadOnlyList<Parameter> actual, double scale)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int n = 0; n < expected.Count; n++)
        {
            float[] want = (expected[n].grad! * scale).data<float>().ToArray();
            float[] got = actual[n].grad!.data<float>().ToArray();
            Assert.Equal(want.Select(v => (double)v), got.Select(v => (double)v), new ToleranceComparer(1e-5));
        }
    }
}

/// <summary>Compares doubles with an absolute tolerance.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}

/// <summary>A small hard-parameter-sharing regression problem for engine tests.</summary>
internal static class EngineFixtures
{
    public const int BatchSize = 5;
    public const int RepresentationSize = 4;

    public static IReadOnlyList<TaskSpec> Tasks(int count) =>
        Enumerable.Range(0, count).Select(i => RegressionTask($"t{i}")).ToArray();

    public static TaskSpec RegressionTask(string name, Func<torch.Tensor, torch.Tensor, torch.Tensor>? loss = null) => new(
        name,
        new[] { new MetricSpec("MSE", MetricDirection.LowerIsBetter) },
        "MSE",
        loss ?? ((output, target) => torch.nn.functional.mse_loss(output.squeeze(-1), target)),
        () => new NoMetrics());

    public static StepContext Context(int taskCount = 3, long step = 0) =>
        new(step, 0, Tasks(taskCount), new torch.Generator(1), NullLogger.Instance, new RunDiagnostics());

    public static (MultiTaskModel Model, torch.Tensor Input, IReadOnlyList<torch.Tensor> Targets) Problem(int seed, int taskCount = 3)
    {
        torch.manual_seed(seed);
        var encoder = torch.nn.Sequential(torch.nn.Linear(3, RepresentationSize), torch.nn.Tanh());
        var heads = Enumerable.Range(0, taskCount)
            .Select(_ => (torch.nn.Module<torch.Tensor, torch.Tensor>)torch.nn.Linear(RepresentationSize, 1))
            .ToArray();
        var model = new HardParameterSharing(encoder, heads);

        using var data = new torch.Generator((ulong)seed + 100);
        torch.Tensor input = torch.randn(BatchSize, 3, generator: data);
        var targets = Enumerable.Range(0, taskCount).Select(_ => torch.randn(BatchSize, generator: data)).ToArray();
        return (model, input, targets);
    }

    public static torch.Tensor Losses(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets) =>
        TaskLosses.Compute(Tasks(targets.Count), model.Decode(model.Encode(input)), targets);

    private sealed class NoMetrics : IMetricAccumulator
    {
        public void Update(torch.Tensor output, torch.Tensor target)
        {
        }

        public IReadOnlyDictionary<string, double> Compute() => new Dictionary<string, double> { ["MSE"] = 0 };
    }
}

/// <summary>Test aggregator: d = Σ_i w_i g_i with fixed weights; with w = 1 it is equal weighting.</summary>
internal sealed class WeightedRows(double[] weights, bool reportWeights = true) : IGradientAggregator
{
    public JacobianLayout? LastLayout { get; private set; }

    public long[]? LastJacobianShape { get; private set; }

    public AggregationResult Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        LastLayout = context.Layout;
        LastJacobianShape = jacobian.shape;

        torch.Tensor w = torch.tensor(weights);
        torch.Tensor direction = torch.matmul(w.to_type(jacobian.dtype), jacobian);
        return new AggregationResult(direction, reportWeights ? w : null);
    }
}

/// <summary>Test aggregator whose direction is fixed, whatever the Jacobian.</summary>
internal sealed class FixedDirection(float[] direction) : IGradientAggregator
{
    public float[]? LastJacobian { get; private set; }

    public long[]? LastJacobianShape { get; private set; }

    public AggregationResult Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        LastJacobian = jacobian.data<float>().ToArray();
        LastJacobianShape = jacobian.shape;
        return new AggregationResult(torch.tensor(direction), null);
    }
}

/// <summary>Test aggregator with learnable scales s: objectives exp(s_i) L_i - s_i (the IMTL-L form), then the sum of rows.</summary>
internal sealed class ScaledObjectives : IGradientAggregator
{
    public ScaledObjectives(double[] initial)
    {
        Scales = new Parameter(torch.tensor(initial));
    }

    public Parameter Scales { get; }

    public IReadOnlyList<Parameter> Parameters => new[] { Scales };

    public torch.Tensor TaskObjectives(torch.Tensor losses, StepContext context) =>
        Scales.exp() * losses.to_type(torch.float64) - Scales;

    public AggregationResult Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context) =>
        new(jacobian.sum(dim: 0), null);
}

/// <summary>Test aggregator whose objectives have the wrong shape.</summary>
internal sealed class SummedObjective : IGradientAggregator
{
    public torch.Tensor TaskObjectives(torch.Tensor losses, StepContext context) => losses.sum();

    public AggregationResult Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context) =>
        new(jacobian.sum(dim: 0), null);
}
