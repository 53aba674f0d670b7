using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class GradVacTests
{
    [Fact]
    public void FirstStepRaisesCosineToZero()
    {
        // All targets start at 0, so a conflicting pair is corrected to orthogonal, as PCGrad does.
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1f, 1 });

        var result = new GradVac().Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 0.5, 1.5 }, Values(result.Direction), 1e-6);
    }

    [Fact]
    public void UnderflowedNormCancels()
    {
        // ‖g2‖² underflows in float32; the correction of g1 toward cosine 0 with g2 cancels it exactly, as in PCGrad.
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1e-23f, 0 });

        var result = new GradVac().Aggregate(jacobian, torch.ones(2), Context(2));

        double[] direction = Values(result.Direction);
        Assert.True(Math.Abs(direction[0]) < 1e-6, $"d = [{string.Join(", ", direction)}]");
        Assert.Equal(0.0, direction[1]);
    }

    [Fact]
    public void TargetsFollowMovingAverage()
    {
        var method = new GradVac(0.5);
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 1f, 1 });

        method.Aggregate(jacobian, torch.ones(2), Context(2));
        method.Aggregate(jacobian, torch.ones(2), Context(2));

        // cos = 1/sqrt(2) at both steps with no correction (it exceeds the targets): 0.25 + 0.5 = 0.75 of it.
        double expected = 0.75 / Math.Sqrt(2);
        Assert.Equal(expected, method.Targets![0, 1], 9);
        Assert.Equal(expected, method.Targets![1, 0], 9);
    }

    [Fact]
    public void CorrectionReachesTarget()
    {
        var method = new GradVac(1);
        using torch.Tensor aligned = Rows(new[] { 1f, 0 }, new[] { 1f, 1 });
        using torch.Tensor conflicting = Rows(new[] { 1f, 0 }, new[] { -1f, 1 });
        method.Aggregate(aligned, torch.ones(2), Context(2));

        var result = method.Aggregate(conflicting, torch.ones(2), Context(2));

        // With β = 1 the targets are cos 45° from the first step; the corrected g̃_1 has that cosine with g_2.
        // Weight 1 of g_2 is its own 1 plus the multiple w added to g̃_1, so g̃_1 = g_1 + w g_2.
        double[] weights = Values(result.Weights!);
        double added = weights[1] - 1;
        double[] corrected = { 1 - added, added };
        double cosine = Dot(corrected, new[] { -1.0, 1 }) / Norm(corrected) / Math.Sqrt(2);
        Assert.Equal(1 / Math.Sqrt(2), cosine, 6);
    }

    [Fact]
    public void RejectsInvalidBeta()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GradVac(0));

        Assert.Equal("beta", error.ParamName);
    }
}
