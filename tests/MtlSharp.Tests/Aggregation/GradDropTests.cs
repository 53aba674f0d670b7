using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class GradDropTests
{
    [Fact]
    public void AgreeingSignsPassUnchanged()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, -2, 0 }, new[] { 3f, -1, 0 });

        var result = new GradDrop().Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 4.0, -3.0, 0.0 }, Values(result.Direction), 1e-7);
        Assert.Null(result.Weights);
    }

    [Fact]
    public void ConflictKeepsOneSign()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f }, new[] { -1f });

        for (ulong seed = 0; seed < 20; seed++)
        {
            double value = Values(new GradDrop().Aggregate(jacobian, torch.ones(2), Context(2, seed: seed)).Direction)[0];
            Assert.True(value == 1 || value == -1, $"seed {seed}: {value}");
        }
    }

    [Fact]
    public void FullLeakIsSum()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 2 }, new[] { -3f, 1 });

        var result = new GradDrop(1).Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { -2.0, 3.0 }, Values(result.Direction), 1e-7);
    }

    [Fact]
    public void ParameterModeRaises()
    {
        var layout = new JacobianLayout(new[] { new JacobianBlock("encoder.weight", 0, 2) });

        var error = Assert.Throws<InvalidOperationException>(() => new GradDrop().Aggregate(torch.ones(2, 2), torch.ones(2), Context(2, layout: layout)));

        Assert.Contains("Representation", error.Message);
    }
}
