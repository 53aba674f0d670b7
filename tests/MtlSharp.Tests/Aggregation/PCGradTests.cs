using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;

namespace MtlSharp.Tests.Aggregation;

public sealed class PCGradTests
{
    [Fact]
    public void ConflictingPairMatchesHandProjection()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1f, 1 });

        var result = new PCGrad().Aggregate(jacobian, torch.ones(2), Context(2));

        // g1 - (g1·g2 / ‖g2‖²) g2 = [0.5, 0.5]; g2 - (g2·g1 / ‖g1‖²) g1 = [0, 1].
        Assert.Equal(new[] { 0.5, 1.5 }, Values(result.Direction));
        Assert.Equal(new[] { 2.0, 1.5 }, Values(result.Weights!));
    }

    [Fact]
    public void UnderflowedNormCancels()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1e-23f, 0 });

        var result = new PCGrad().Aggregate(jacobian, torch.ones(2), Context(2));

        double[] direction = Values(result.Direction);
        Assert.True(Math.Abs(direction[0]) < 1e-6, $"d = [{string.Join(", ", direction)}]");
        Assert.Equal(0.0, direction[1]);
    }

    [Fact]
    public void ZeroGradientDoesNotConflict()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 0 });

        var result = new PCGrad().Aggregate(jacobian, torch.ones(2), Context(2));

        Assert.Equal(new[] { 1.0, 0.0 }, Values(result.Direction));
    }

    [Theory]
    [InlineData(1e-23)]
    [InlineData(1e20)]
    public void PositivelyHomogeneous(double factor)
    {
        using torch.Tensor jacobian = Rows(new[] { (float)factor, 0 }, new[] { (float)-factor, (float)factor });

        var result = new PCGrad().Aggregate(jacobian, torch.ones(2), Context(2));

        double[] direction = Values(result.Direction);
        Assert.Equal(0.5, direction[0] / factor, 5);
        Assert.Equal(1.5, direction[1] / factor, 5);
    }

    [Fact]
    public void SameGeneratorSameDirection()
    {
        using torch.Tensor jacobian = Jacobian(4, 10, 4, 1, 3);

        double[] first = Values(new PCGrad().Aggregate(jacobian, torch.ones(4), Context(4, seed: 5)).Direction);
        double[] second = Values(new PCGrad().Aggregate(jacobian, torch.ones(4), Context(4, seed: 5)).Direction);

        Assert.Equal(first, second);
    }
}
