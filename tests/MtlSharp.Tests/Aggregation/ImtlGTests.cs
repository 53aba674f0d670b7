using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;

namespace MtlSharp.Tests.Aggregation;

public sealed class ImtlGTests
{
    [Fact]
    public void EqualProjectionsOnUnitGradients()
    {
        for (ulong seed = 1; seed <= 10; seed++)
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor jacobian = Jacobian(4, 9, 4, 1, seed);
            var result = new ImtlG().Aggregate(jacobian, torch.ones(4), Context(4));
            double[] direction = Values(result.Direction);
            double[] norms = RowNorms(jacobian);

            double[] projections = Enumerable.Range(0, 4).Select(i => Dot(Row(jacobian, i), direction) / norms[i]).ToArray();
            foreach (double projection in projections)
            {
                Assert.Equal(projections[0], projection, 4);
            }

            Assert.Equal(1.0, Values(result.Weights!).Sum(), 5);
        }
    }

    [Fact]
    public void DiagonalPairGivesClosedForm()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 2 });

        var result = new ImtlG().Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 2.0 / 3, 1.0 / 3 }, Values(result.Weights!), 1e-6);
        AssertClose(new[] { 2.0 / 3, 2.0 / 3 }, Values(result.Direction), 1e-6);
    }

    [Fact]
    public void HugeScaleKeepsWeights()
    {
        using torch.Tensor jacobian = Rows(new[] { 1e20f, 0 }, new[] { 0f, 2e20f });

        var result = new ImtlG().Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 2.0 / 3, 1.0 / 3 }, Values(result.Weights!), 1e-6);
        AssertClose(new[] { 2e20 / 3, 2e20 / 3 }, Values(result.Direction), 1e14);
    }

    [Fact]
    public void IdenticalRowsUsePseudoInverse()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 1f, 0 });
        var diagnostics = new RunDiagnostics();

        var result = new ImtlG().Aggregate(jacobian, torch.ones(2), Context(2, diagnostics: diagnostics));

        AssertClose(new[] { 0.5, 0.5 }, Values(result.Weights!), 1e-9);
        AssertClose(new[] { 1.0, 0.0 }, Values(result.Direction), 1e-9);
        Assert.Equal(1, diagnostics.Counts["imtl_g_rank_deficient"]);
    }

    [Fact]
    public void ZeroGradientGetsZeroWeight()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 1f, 0 }, new[] { 0f, 3 });

        var result = new ImtlG().Aggregate(jacobian, torch.ones(3), Context(3));

        double[] weights = Values(result.Weights!);
        Assert.Equal(0.0, weights[0]);
        AssertClose(new[] { 0.75, 0.75 }, Values(result.Direction), 1e-6);
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: expected {expected[i]}, found {actual[i]}");
        }
    }
}
