using Microsoft.Extensions.Logging;
using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class NashMtlTests
{
    [Fact]
    public void WeightsSolveBargainingSystem()
    {
        for (ulong seed = 1; seed <= 10; seed++)
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor jacobian = Jacobian(4, 9, 4, 1, seed);
            var diagnostics = new RunDiagnostics();
            var result = new NashMtl(maxNorm: 0).Aggregate(jacobian, torch.ones(4), Context(4, diagnostics: diagnostics));

            torch.Tensor rows = jacobian.to_type(torch.float64);
            torch.Tensor gramian = rows.mm(rows.t());
            gramian = gramian / torch.linalg.norm(gramian);
            double[] alpha = Values(result.Weights!);
            double[] product = Values(gramian.matmul(torch.tensor(alpha, torch.float64)));

            for (int i = 0; i < 4; i++)
            {
                Assert.True(alpha[i] > 0, $"seed {seed}: α_{i} = {alpha[i]}");
                Assert.True(Math.Abs(alpha[i] * product[i] - 1) < 1e-5, $"seed {seed}: α_{i} (M̃α)_{i} = {alpha[i] * product[i]}");
            }

            Assert.Empty(diagnostics.Counts);
        }
    }

    [Fact]
    public void ZeroGradientFallsBackAndReports()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 0f, 1 });
        var diagnostics = new RunDiagnostics();
        var logger = new RecordingLogger();

        var result = new NashMtl().Aggregate(jacobian, torch.ones(2), Context(2, diagnostics: diagnostics, logger: logger, step: 12));

        AssertClose(new[] { 0.0, 1.0 }, Values(result.Direction), 1e-6);
        AssertClose(new[] { 0.0, 1.0 }, Values(result.Weights!), 1e-6);
        Assert.Equal(1, diagnostics.Counts["nash_mtl_zero_gradient"]);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("step 12", warning.Message);
        Assert.Contains("task0", warning.Message);
    }

    [Fact]
    public void ZeroGradientClipsToMaxNorm()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 0f, -6 });

        var result = new NashMtl(maxNorm: 1).Aggregate(jacobian, torch.ones(2), Context(2));

        AssertClose(new[] { 0.0, -1.0 }, Values(result.Direction), 1e-6);
    }

    [Fact]
    public void ZeroGradientStopsWhenAsked()
    {
        using torch.Tensor jacobian = Rows(new[] { 0f, 0 }, new[] { 0f, 1 });

        Assert.Throws<SolverFailedException>(() => new NashMtl(onFailure: SolverFailurePolicy.Stop).Aggregate(jacobian, torch.ones(2), Context(2)));
    }

    [Fact]
    public void CancellingGradientsReportNonConvergence()
    {
        // g2 = -g1: M α = 1/α has no positive solution, and the iterates grow without bound.
        using torch.Tensor jacobian = Rows(new[] { 1f, 2 }, new[] { -1f, -2 });
        var diagnostics = new RunDiagnostics();

        var result = new NashMtl().Aggregate(jacobian, torch.ones(2), Context(2, diagnostics: diagnostics));

        Assert.True(Values(result.Direction).All(double.IsFinite));
        Assert.Equal(1, diagnostics.Counts["nash_mtl_solver_not_converged"]);
    }

    [Fact]
    public void OrthogonalGradientsGetInverseNorms()
    {
        using torch.Tensor jacobian = Rows(new[] { 2f, 0 }, new[] { 0f, 0.5f });

        var result = new NashMtl(maxNorm: 0).Aggregate(jacobian, torch.ones(2), Context(2));

        // M̃ = diag(4, 0.25) / sqrt(16.0625); α_i = 1 / sqrt(M̃_ii), so every α_i g_i has the same norm.
        double frobenius = Math.Sqrt(16.0625);
        AssertClose(new[] { Math.Sqrt(frobenius / 4), Math.Sqrt(frobenius / 0.25) }, Values(result.Weights!), 1e-5);
    }
}
