using MtlSharp.Architectures;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Tests.Training;

public sealed class GradientEngineFaultTests
{
    [Fact]
    public void UnreachedSharedParameterGetsDirection()
    {
        using var scope = torch.NewDisposeScope();
        var model = new PartlyConnectedModel(firstTaskUsesShared: false);
        var aggregator = new FixedDirection(new float[] { 1, 2 });
        var (input, targets) = PartlyConnectedModel.Batch();
        using var optimizer = torch.optim.SGD(new[] { model.Shared }, 0.1);

        Assert.Null(model.Shared.grad);
        new GradientEngine(aggregator, GradientMode.Parameters).Run(model, input, targets, EngineFixtures.Context(taskCount: 2));
        optimizer.step();

        Assert.Equal(new[] { -0.1f, -0.2f }, model.Shared.data<float>().ToArray());
    }

    [Fact]
    public void UnreachedSharedParameterGivesZeroRows()
    {
        using var scope = torch.NewDisposeScope();
        var model = new PartlyConnectedModel(firstTaskUsesShared: false);
        var aggregator = new FixedDirection(new float[] { 1, 2 });
        var (input, targets) = PartlyConnectedModel.Batch();

        new GradientEngine(aggregator, GradientMode.Parameters).Run(model, input, targets, EngineFixtures.Context(taskCount: 2));

        Assert.Equal(new long[] { 2, 2 }, aggregator.LastJacobianShape);
        Assert.Equal(new float[] { 0, 0, 0, 0 }, aggregator.LastJacobian);
    }

    [Fact]
    public void TaskMissingSharedParameterKeepsItsRow()
    {
        using var scope = torch.NewDisposeScope();
        var model = new PartlyConnectedModel(firstTaskUsesShared: true);
        var aggregator = new FixedDirection(new float[] { 0, 0 });
        var (input, targets) = PartlyConnectedModel.Batch();

        new GradientEngine(aggregator, GradientMode.Parameters).Run(model, input, targets, EngineFixtures.Context(taskCount: 2));

        Assert.Equal(new long[] { 2, 2 }, aggregator.LastJacobianShape);
        float[] jacobian = aggregator.LastJacobian!;
        Assert.True(jacobian[0] != 0 || jacobian[1] != 0, "The first task reaches the shared parameter, so its row is not zero.");
        Assert.Equal(new float[] { 0, 0 }, jacobian[2..]);
    }

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void LastTaskPassFreesGraph(GradientMode mode)
    {
        using var scope = torch.NewDisposeScope();
        var (model, input, targets) = EngineFixtures.Problem(seed: 11);
        var captured = new List<torch.Tensor>();
        var tasks = Enumerable.Range(0, 3).Select(i => EngineFixtures.RegressionTask($"t{i}", (output, target) =>
        {
            torch.Tensor loss = torch.nn.functional.mse_loss(output.squeeze(-1), target);
            captured.Add(loss);
            return loss;
        })).ToArray();
        var context = EngineFixtures.Context() with { Tasks = tasks };

        new GradientEngine(new WeightedRows(new[] { 1.0, 1.0, 1.0 }), mode).Run(model, input, targets, context);

        Assert.Equal(3, captured.Count);
        var error = Assert.ThrowsAny<Exception>(() => captured[^1].backward());
        Assert.Contains("backward through the graph a second time", error.Message);
    }

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void LiveTensorsStayFlatOverSteps(GradientMode mode)
    {
        var (model, input, targets) = EngineFixtures.Problem(seed: 12, taskCount: 3);
        var method = new ScaledObjectives(new[] { 0.0, 0.0, 0.0 });
        var engine = new GradientEngine(method, mode);
        using var optimizer = torch.optim.Adam(model.parameters().Concat(method.Parameters), 1e-3);
        long afterFirst = 0;

        for (int step = 1; step <= 100; step++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                optimizer.zero_grad();
                engine.Run(model, input, targets, EngineFixtures.Context(step: step));
                optimizer.step();
            }

            if (step == 1)
            {
                afterFirst = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            }
        }

        Assert.Equal(afterFirst, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>
    /// A shared parameter p = [0, 0] that the second task never reaches, and that the first task reaches
    /// only when asked.
    /// </summary>
    private sealed class PartlyConnectedModel : MultiTaskModel
    {
        private readonly bool firstTaskUsesShared;
        private readonly Linear first;
        private readonly Linear second;

        public PartlyConnectedModel(bool firstTaskUsesShared)
            : base(nameof(PartlyConnectedModel))
        {
            this.firstTaskUsesShared = firstTaskUsesShared;
            Shared = new Parameter(torch.zeros(2));
            torch.manual_seed(13);
            first = torch.nn.Linear(2, 1);
            second = torch.nn.Linear(2, 1);
            RegisterComponents();
        }

        public Parameter Shared { get; }

        public override int TaskCount => 2;

        public static (torch.Tensor Input, IReadOnlyList<torch.Tensor> Targets) Batch() =>
            (torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2), new[] { torch.tensor(new float[] { 1, 0 }), torch.tensor(new float[] { 0, 1 }) });

        public override torch.Tensor Encode(torch.Tensor input) => input;

        public override IReadOnlyList<torch.Tensor> Decode(torch.Tensor representation) => new[]
        {
            first.call(firstTaskUsesShared ? representation + Shared : representation),
            second.call(representation),
        };

        public override IReadOnlyList<Parameter> SharedParameters() => new[] { Shared };

        public override IReadOnlyList<Parameter> TaskParameters(int task) =>
            (task == 0 ? first : second).parameters().ToArray();
    }
}
