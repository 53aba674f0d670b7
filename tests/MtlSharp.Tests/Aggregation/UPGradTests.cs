using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class UPGradTests
{
    [Fact]
    public void NonConflictingRowsKeepMean()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 2 });

        var result = new UPGrad().Aggregate(jacobian, torch.ones(2), Context(2));

        // No row conflicts with the others, so every projection is the row itself.
        AssertClose(new[] { 0.5, 0.5 }, Values(result.Weights!), 1e-12);
        AssertClose(new[] { 0.5, 1.0 }, Values(result.Direction), 1e-7);
    }

    [Fact]
    public void ConflictingPairIsProjected()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1f, 1 });

        var result = new UPGrad().Aggregate(jacobian, torch.ones(2), Context(2));
        double[] direction = Values(result.Direction);

        Assert.True(Dot(new[] { 1.0, 0 }, direction) >= -1e-4);
        Assert.True(Dot(new[] { -1.0, 1 }, direction) >= -1e-4);
        Assert.True(Values(result.Weights!).All(w => w >= 0.5 - 1e-12));
    }

    [Fact]
    public void ZeroJacobianGivesZeroDirection()
    {
        using torch.Tensor jacobian = torch.zeros(3, 4);

        var result = new UPGrad().Aggregate(jacobian, torch.ones(3), Context(3));

        Assert.All(Values(result.Direction), v => Assert.Equal(0.0, v));
        AssertClose(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, Values(result.Weights!), 1e-12);
    }
}
