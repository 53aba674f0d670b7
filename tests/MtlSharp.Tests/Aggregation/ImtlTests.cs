using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class ImtlTests
{
    [Fact]
    public void ObjectivesScaleLosses()
    {
        var method = new Imtl(2);
        using (torch.no_grad())
        {
            method.Parameters[0].copy_(torch.tensor(new[] { 0f, 1 }));
        }

        double[] objectives = Values(((IGradientAggregator)method).TaskObjectives(torch.tensor(new[] { 2f, 3 }), Context(2)));

        AssertClose(new[] { 2.0, Math.E * 3 - 1 }, objectives, 1e-5);
    }

    [Fact]
    public void ScaleGradientFollowsImtlL()
    {
        var method = new Imtl(2);
        using var optimizer = torch.optim.SGD(method.Parameters, 0.1);
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 2 });

        var result = method.Aggregate(jacobian, torch.tensor(new[] { 4f, 0.25f }), Context(2));

        // ∂/∂s_i (e^(s_i) L_i - s_i) at s = 0 is L_i - 1.
        AssertClose(new[] { 3.0, -0.75 }, Values(method.Parameters[0].grad!), 1e-6);
        AssertClose(new[] { 2.0 / 3, 1.0 / 3 }, Values(result.Weights!), 1e-6);

        optimizer.step();
        AssertClose(new[] { -0.3, 0.075 }, Values(method.Parameters[0]), 1e-6);
    }
}
