using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;

namespace MtlSharp.Tests.Aggregation;

/// <summary>
/// Short training runs of every registered aggregator on a two-task linear regression with a shared
/// encoder, with the per-task gradients taken by autograd here (the trainer's engine is not needed).
/// </summary>
public sealed class AggregatorTrainingTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (MethodDefinition definition in AggregatorCatalog.Definitions)
        {
            data.Add(definition.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainingReducesLosses(string name)
    {
        MethodDefinition definition = MethodRegistry.Get(name);
        GradientMode mode = definition.Modes[0];
        using var generator = new torch.Generator(11);
        using torch.Tensor input = torch.randn(new long[] { 64, 6 }, generator: generator);
        using torch.Tensor first = input.mm(torch.randn(new long[] { 6, 1 }, generator: generator));
        using torch.Tensor second = input.mm(torch.randn(new long[] { 6, 1 }, generator: generator)) * 3;
        var encoder = new Parameter(torch.randn(new long[] { 6, 4 }, generator: generator) * 0.3f);
        var heads = new[] { new Parameter(torch.randn(new long[] { 4, 1 }, generator: generator) * 0.3f), new Parameter(torch.randn(new long[] { 4, 1 }, generator: generator) * 0.3f) };

        var context = Context(2, seed: 3);
        var method = (IGradientAggregator)definition.Create(
            MethodOptions.Resolve(definition, new Dictionary<string, string>()),
            new MethodEnvironment(context.Tasks, null, 1, context.Logger));
        using var methodOptimizer = torch.optim.SGD(method.Parameters, 0.01);
        var layout = new JacobianLayout(new[] { new JacobianBlock("encoder.weight", 0, 24) });

        double initial = double.NaN;
        double final = double.NaN;
        for (int step = 0; step < 50; step++)
        {
            using var scope = torch.NewDisposeScope();
            methodOptimizer.zero_grad();
            torch.Tensor representation = input.mm(encoder);
            torch.Tensor losses = torch.stack(new[]
            {
                torch.nn.functional.mse_loss(representation.mm(heads[0]), first),
                torch.nn.functional.mse_loss(representation.mm(heads[1]), second),
            });
            double total = Values(losses).Sum();
            if (step == 0)
            {
                initial = total;
            }

            final = total;
            torch.Tensor objectives = method.TaskObjectives(losses, context with { Step = step });

            IList<torch.Tensor> headGradients = torch.autograd.grad(new[] { objectives.sum() }, heads, retain_graph: true);
            torch.Tensor wrt = mode == GradientMode.Parameters ? encoder : representation;
            var rows = new torch.Tensor[2];
            for (int i = 0; i < 2; i++)
            {
                rows[i] = torch.autograd.grad(new[] { objectives[i] }, new[] { wrt }, retain_graph: true)[0].flatten();
            }

            var stepContext = context with { Step = step, Layout = mode == GradientMode.Parameters ? layout : null };
            var result = method.Aggregate(torch.stack(rows), losses.detach(), stepContext);
            torch.Tensor encoderGradient = mode == GradientMode.Parameters
                ? result.Direction.view(6, 4)
                : torch.autograd.grad(new[] { representation }, new[] { encoder }, new[] { result.Direction.view(64, 4) })[0];

            using (torch.no_grad())
            {
                // Methods that normalize the gradients (or clip, as Nash-MTL) take steps of about unit length.
                double rate = name is "nash-mtl" or "mgda" or "db-mtl" ? 0.3 : 0.02;
                encoder.sub_(encoderGradient * rate);
                heads[0].sub_(headGradients[0] * 0.02);
                heads[1].sub_(headGradients[1] * 0.02);
            }

            methodOptimizer.step();
        }

        Assert.True(double.IsFinite(final), $"{name}: final loss {final}");
        Assert.True(final < 0.8 * initial, $"{name}: loss went from {initial} to {final}");
    }
}
