using Microsoft.Extensions.Logging;
using MtlSharp.Aggregation;
using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;

namespace MtlSharp.Tests.Aggregation;

public sealed class MgdaTests
{
    [Fact]
    public void TwoTasksMatchAnalyticMinNorm()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor jacobian = Jacobian(2, 6, 2, 1, seed);
            double[] g1 = Row(jacobian, 0);
            double[] g2 = Row(jacobian, 1);
            double[] difference = g1.Zip(g2, (a, b) => a - b).ToArray();
            double gamma = Math.Clamp((Dot(g2, g2) - Dot(g1, g2)) / Dot(difference, difference), 0, 1);
            double[] expected = g1.Zip(g2, (a, b) => gamma * a + (1 - gamma) * b).ToArray();

            var result = new Mgda(MgdaNormalization.None).Aggregate(jacobian, Losses(2, seed), Context(2));

            double[] weights = Values(result.Weights!);
            Assert.Equal(gamma, weights[0], 5);
            Assert.Equal(1 - gamma, weights[1], 5);
            Assert.True(Norm(Values(result.Direction).Zip(expected, (a, b) => a - b).ToArray()) < 1e-5, $"seed {seed}");
        }
    }

    [Fact]
    public void ThreeBalancedTasksGiveZeroDirection()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 1 }, new[] { -1f, -1 });

        var result = new Mgda(MgdaNormalization.None).Aggregate(jacobian, torch.ones(3), Context(3));

        double[] weights = Values(result.Weights!);
        foreach (double w in weights)
        {
            Assert.Equal(1.0 / 3, w, 3);
        }

        Assert.True(Norm(Values(result.Direction)) < 1e-3);
    }

    [Fact]
    public void IdenticalRowsGiveFirstGradient()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 2 }, new[] { 1f, 2 }, new[] { 1f, 2 });

        var result = new Mgda(MgdaNormalization.None).Aggregate(jacobian, torch.ones(3), Context(3));

        Assert.Equal(1.0, Values(result.Weights!).Sum(), 6);
        Assert.Equal(new[] { 1.0, 2.0 }, Values(result.Direction));
    }

    [Fact]
    public void CapReportsAndContinues()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 1 }, new[] { -1f, -1 });
        var diagnostics = new RunDiagnostics();
        var logger = new RecordingLogger();

        var result = new Mgda(MgdaNormalization.None, maxIterations: 1).Aggregate(jacobian, torch.ones(3), Context(3, diagnostics: diagnostics, logger: logger, step: 41));

        double[] weights = Values(result.Weights!);
        Assert.Equal(new[] { 0.4667, 0.2667, 0.2667 }, weights.Select(w => Math.Round(w, 4)));
        Assert.Equal(1, diagnostics.Counts["mgda_solver_not_converged"]);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("step 41", warning.Message);
    }

    [Fact]
    public void CapStopsWhenAsked()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 1 }, new[] { -1f, -1 });
        var diagnostics = new RunDiagnostics();

        var error = Assert.Throws<SolverFailedException>(() =>
            new Mgda(MgdaNormalization.None, maxIterations: 1, onFailure: SolverFailurePolicy.Stop).Aggregate(jacobian, torch.ones(3), Context(3, diagnostics: diagnostics)));

        Assert.Contains("MGDA", error.Message);
        Assert.Equal(1, diagnostics.Counts["mgda_solver_not_converged"]);
    }

    [Fact]
    public void L2NormalizationUsesUnitGradients()
    {
        using torch.Tensor jacobian = Rows(new[] { 3f, 0 }, new[] { 0f, 0.5f });

        var result = new Mgda(MgdaNormalization.L2).Aggregate(jacobian, torch.ones(2), Context(2));

        // Min-norm point of the unit vectors [1, 0] and [0, 1].
        Assert.Equal(new[] { 0.5, 0.5 }, Values(result.Direction).Select(v => Math.Round(v, 6)));
        Assert.Equal(new[] { 0.5 / 3, 0.5 / 0.5 }, Values(result.Weights!).Select(v => Math.Round(v, 6)).ToArray(), new RoundedComparer());
    }

    [Fact]
    public void LossNormalizationRejectsNegativeLoss()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 1 });

        var error = Assert.Throws<ArgumentException>(() => new Mgda(MgdaNormalization.Loss).Aggregate(jacobian, torch.tensor(new[] { 1f, -0.5f }), Context(2)));

        Assert.Contains("non-negative", error.Message);
    }

    [Fact]
    public void ZeroGradientUnderL2GivesZeroDirection()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 0 });

        var result = new Mgda(MgdaNormalization.L2).Aggregate(jacobian, torch.ones(2), Context(2));

        Assert.Equal(new[] { 0.0, 0.0 }, Values(result.Direction));
    }

    [Fact]
    public void RejectsInvalidCap()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Mgda(maxIterations: 0));

        Assert.Equal("maxIterations", error.ParamName);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double value) => 0;
    }
}
