using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class DbMtlTests
{
    [Fact]
    public void ObjectivesAreLogLosses()
    {
        using var method = new DbMtl();

        double[] objectives = Values(((IGradientAggregator)method).TaskObjectives(torch.tensor(new[] { 1f, 0 }), Context(2)));

        Assert.Equal(Math.Log(1 + 1e-8), objectives[0], 6);
        Assert.Equal(Math.Log(1e-8), objectives[1], 4);
    }

    [Fact]
    public void AveragesAcrossStepsAndScalesToLargestNorm()
    {
        using var method = new DbMtl(0.9);
        using torch.Tensor first = Rows(new[] { 2f, 0 }, new[] { 0f, 1 });
        using torch.Tensor second = Rows(new[] { 0f, 0 }, new[] { 0f, 3 });

        method.Aggregate(first, torch.ones(2), Context(2));
        var result = method.Aggregate(second, torch.ones(2), Context(2));

        // Averages after two steps: 0.9·0.1·[2, 0] = [0.18, 0] and 0.9·0.1·[0, 1] + 0.1·[0, 3] = [0, 0.39].
        AssertClose(new[] { 0.39 / 0.18, 1.0 }, Values(result.Weights!), 1e-9);
        AssertClose(new[] { 0.39, 0.39 }, Values(result.Direction), 1e-6);
    }

    [Fact]
    public void ZeroAverageGetsZeroWeight()
    {
        using var method = new DbMtl();
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 0f, 2 });

        var result = method.Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 0.0, 1.0 }, Values(result.Weights!), 1e-12);
    }

    [Fact]
    public void ShapeChangeRaises()
    {
        using var method = new DbMtl();
        method.Aggregate(torch.ones(2, 3), torch.ones(2), Context(2));

        Assert.Throws<InvalidOperationException>(() => method.Aggregate(torch.ones(2, 4), torch.ones(2), Context(2)));
    }
}
