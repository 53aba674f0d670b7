using MtlSharp.Benchmarks.FashionDense;
using TorchSharp;

namespace MtlSharp.Tests.Benchmarks;

public sealed class FashionDenseNetTests
{
    [Fact]
    public void ParametersFiniteAtStart()
    {
        torch.manual_seed(1);
        using var model = FashionDenseNet.Create(new[] { 0, 1, 2 });

        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.False(parameter.isnan().any().item<bool>(), $"parameter {name} has NaN");
        }
    }

    [Fact]
    public void OutputShapesAndUnitNormals()
    {
        torch.manual_seed(2);
        using var model = FashionDenseNet.Create(new[] { 0, 1, 2 });
        using var input = torch.rand(3, 1, FashionDenseGenerator.Side, FashionDenseGenerator.Side);

        using var scope = torch.NewDisposeScope();
        var outputs = model.Decode(model.Encode(input));

        Assert.Equal(new long[] { 3, FashionDenseGenerator.ClassCount, 32, 32 }, outputs[0].shape);
        Assert.Equal(new long[] { 3, 1, 32, 32 }, outputs[1].shape);
        Assert.Equal(new long[] { 3, 3, 32, 32 }, outputs[2].shape);
        var lengths = outputs[2].norm(1);
        Assert.True(lengths.sub(1).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void SingleTaskModelHasOneHead()
    {
        using var model = FashionDenseNet.Create(new[] { 2 });

        using var scope = torch.NewDisposeScope();
        var outputs = model.Decode(model.Encode(torch.rand(1, 1, 32, 32)));

        Assert.Single(outputs);
        Assert.Equal(3, outputs[0].shape[1]);
    }
}
