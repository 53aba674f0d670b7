using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class GradNormTests
{
    private static readonly JacobianLayout Layout = new(new[]
    {
        new JacobianBlock("encoder.0.weight", 0, 2),
        new JacobianBlock("encoder.2.weight", 2, 1),
        new JacobianBlock("encoder.2.bias", 3, 1),
    });

    [Fact]
    public void SgdStepKeepsWeightsPositive()
    {
        // Last-layer gradient norms [10, 1], equal loss ratios, α = 1.5, w = [1, 1], lr 0.2: a plain step on w gives [-1, 1.2].
        using torch.Tensor jacobian = Rows(new[] { 5f, 5, 10, 0 }, new[] { 7f, 7, 0, 1 });
        var method = new GradNorm(2, 1.5);
        using var optimizer = torch.optim.SGD(method.Parameters, 0.2);

        var result = method.Aggregate(jacobian, torch.ones(2), Context(2, layout: Layout));
        optimizer.step();

        AssertClose(new[] { 1.0, 1.0 }, Values(result.Weights!), 1e-12);
        // ∂/∂w = [10, -1] through w = K softmax(θ): ∂/∂θ_k = Σ_i ∂/∂w_i · w_i (δ_ik - w_k / K).
        AssertClose(new[] { 5.5, -5.5 }, Values(method.Parameters[0].grad!), 1e-12);
        double[] weights = method.Weights;
        Assert.All(weights, w => Assert.True(w > 0, $"weight {w}"));
        Assert.Equal(2.0, weights.Sum(), 12);
        AssertClose(new[] { 2 / (1 + Math.Exp(2.2)), 2 / (1 + Math.Exp(-2.2)) }, weights, 1e-12);
    }

    [Fact]
    public void ManyStepsKeepWeightsPositive()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0, 10, 0 }, new[] { 0f, 0, 0, 1 });
        var method = new GradNorm(2, 1.5);
        using var optimizer = torch.optim.SGD(method.Parameters, 0.2);

        for (int step = 0; step < 200; step++)
        {
            optimizer.zero_grad();
            method.Aggregate(jacobian, torch.ones(2), Context(2, layout: Layout, step: step));
            optimizer.step();
        }

        double[] weights = method.Weights;
        Assert.All(weights, w => Assert.True(w > 0, $"weight {w}"));
        Assert.Equal(2.0, weights.Sum(), 10);
    }

    [Fact]
    public void SlowTaskGainsWeight()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0, 1, 0 }, new[] { 0f, 0, 0, 1 });
        var method = new GradNorm(2, 1.5);
        using var optimizer = torch.optim.SGD(method.Parameters, 0.1);

        method.Aggregate(jacobian, torch.ones(2), Context(2, layout: Layout));
        optimizer.zero_grad();

        // Task 1's loss fell to half, task 2's did not: task 2 trains slower and must gain weight.
        method.Aggregate(jacobian, torch.tensor(new[] { 0.5f, 1 }), Context(2, layout: Layout, step: 1));
        optimizer.step();

        double[] weights = method.Weights;
        Assert.True(weights[1] > weights[0], $"weights [{string.Join(", ", weights)}]");
    }

    [Fact]
    public void DirectionUsesCurrentWeights()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0, 0, 0 }, new[] { 0f, 1, 0, 0 });

        var result = new GradNorm(2).Aggregate(jacobian, torch.ones(2), Context(2, layout: Layout));

        AssertClose(new[] { 1.0, 1.0, 0, 0 }, Values(result.Direction), 1e-12);
    }

    [Fact]
    public void NoGradCallerStillSetsGradient()
    {
        using torch.Tensor jacobian = Rows(new[] { 5f, 5, 10, 0 }, new[] { 7f, 7, 0, 1 });
        var method = new GradNorm(2, 1.5);

        using (torch.no_grad())
        {
            method.Aggregate(jacobian, torch.ones(2), Context(2, layout: Layout));
        }

        AssertClose(new[] { 5.5, -5.5 }, Values(method.Parameters[0].grad!), 1e-12);
    }
}
