using MtlSharp.Aggregation;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class CAGradTests
{
    [Fact]
    public void ZeroRadiusGivesMean()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { -1f, 3 });

        var result = new CAGrad(0).Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 0.0, 1.5 }, Values(result.Direction), 1e-7);
    }

    [Fact]
    public void DirectionMatchesPrimalOptimum()
    {
        // The primal: max_d min_i g_iᵀd subject to ‖d - g0‖ ≤ c‖g0‖; CAGrad's d times (1 + c²) lies on that ball.
        using torch.Tensor jacobian = Rows(new[] { 1f, 0.2f }, new[] { -0.6f, 1 });
        double c = 0.4;

        var result = new CAGrad(c).Aggregate(jacobian, torch.ones(2), Context(2));
        double[] direction = Values(result.Direction).Select(v => v * (1 + c * c)).ToArray();

        double[] g1 = { 1, 0.2 };
        double[] g2 = { -0.6, 1 };
        double[] mean = { 0.2, 0.6 };
        double radius = c * Norm(mean);
        double worst = Math.Min(Dot(g1, direction), Dot(g2, direction));

        // Brute force over the circle of radius c‖g0‖ around g0.
        double best = double.NegativeInfinity;
        for (int k = 0; k < 100000; k++)
        {
            double angle = 2 * Math.PI * k / 100000;
            double[] d = { mean[0] + radius * Math.Cos(angle), mean[1] + radius * Math.Sin(angle) };
            best = Math.Max(best, Math.Min(Dot(g1, d), Dot(g2, d)));
        }

        Assert.Equal(best, worst, 5);
    }

    [Fact]
    public void RejectsNegativeRadius()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CAGrad(-0.1));

        Assert.Equal("c", error.ParamName);
    }
}
