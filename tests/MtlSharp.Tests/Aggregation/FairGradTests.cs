using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class FairGradTests
{
    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(2.0, 1e-6)]
    [InlineData(2.0, 1e6)]
    [InlineData(0.5, 1.0)]
    [InlineData(5.0, 1.0)]
    public void WeightsSolveFairnessSystem(double alpha, double scale)
    {
        for (ulong seed = 1; seed <= 5; seed++)
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor jacobian = Jacobian(3, 8, 3, scale, seed);
            var diagnostics = new RunDiagnostics();
            var result = new FairGrad(alpha).Aggregate(jacobian, torch.ones(3), Context(3, diagnostics: diagnostics));

            torch.Tensor rows = jacobian.to_type(torch.float64);
            double[] weights = Values(result.Weights!);
            double[] product = Values(rows.mm(rows.t()).matmul(torch.tensor(weights, torch.float64)));
            for (int i = 0; i < 3; i++)
            {
                double ratio = product[i] / Math.Pow(weights[i], -1 / alpha);
                Assert.True(Math.Abs(ratio - 1) < 1e-5, $"seed {seed}: (Mw)_{i} / w_{i}^(-1/α) = {ratio}");
            }

            Assert.Empty(diagnostics.Counts);
        }
    }

    [Fact]
    public void OrthogonalPairMatchesClosedForm()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 2 });

        var result = new FairGrad(2).Aggregate(jacobian, torch.ones(2), Context(2));

        // M = diag(1, 4): w_i^(3/2) = 1 / M_ii.
        AssertClose(new[] { 1.0, Math.Pow(4, -2.0 / 3) }, Values(result.Weights!), 1e-6);
    }

    [Fact]
    public void ZeroGradientFallsBackAndReports()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 0f, 1 });
        var diagnostics = new RunDiagnostics();

        var result = new FairGrad().Aggregate(jacobian, torch.ones(2), Context(2, diagnostics: diagnostics));

        AssertClose(new[] { 0.0, 1.0 }, Values(result.Direction), 1e-6);
        Assert.Equal(1, diagnostics.Counts["fairgrad_zero_gradient"]);
    }
}
