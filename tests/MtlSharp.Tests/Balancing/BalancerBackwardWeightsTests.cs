using MtlSharp.Architectures;
using MtlSharp.Balancing;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;
using static TorchSharp.torch.nn;

namespace MtlSharp.Tests.Balancing;

public sealed class BalancerBackwardWeightsTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(2)]
    public void LoggedWeightsMatchGeM(double p)
    {
        torch.manual_seed(1);
        var tasks = new[] { ErrorTask("a"), ErrorTask("b"), ErrorTask("c") };
        using var model = new HardParameterSharing(
            Linear(4, 3),
            new Module<torch.Tensor, torch.Tensor>[] { Linear(3, 1), Linear(3, 1), Linear(3, 1) });
        using var scope = torch.NewDisposeScope();
        var input = torch.randn(8, 4);
        var targets = new[] { torch.randn(8, 1), 10 * torch.randn(8, 1), 0.1 * torch.randn(8, 1) };

        StepOutcome outcome = new BalancerBackward(new GeM(p)).Run(model, input, targets, Context(tasks));

        double[] losses = outcome.Losses.to_type(torch.float64).data<double>().ToArray();
        double[] logged = outcome.Weights!.to_type(torch.float64).data<double>().ToArray();
        double[] expected = GeneralizedMean.Weights(losses, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, p);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], logged[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])));
        }

        Assert.All(model.SharedParameters(), parameter => Assert.NotNull(parameter.grad));
    }
}
