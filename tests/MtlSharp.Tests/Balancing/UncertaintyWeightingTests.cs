using Microsoft.Extensions.Logging;
using MtlSharp.Balancing;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class UncertaintyWeightingTests
{
    [Fact]
    public void OptimalScaleGivesInverseLossWeights()
    {
        double[] losses = { 4, 0.25, 1.5 };
        var uw = new UncertaintyWeighting(3);
        SetValues(uw.LogVariances, losses.Select(l => Math.Log(l)).ToArray());

        var (_, weights) = Evaluate(uw, losses, Context(MakeTasks(3)));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1 / (2 * losses[i]), weights[i], 6);
        }
    }

    [Fact]
    public void SgdStepReachesParameters()
    {
        var uw = new UncertaintyWeighting(2, initialLogVariance: -0.5);
        using var optimizer = torch.optim.SGD(uw.Parameters, 0.1);
        using var losses = torch.tensor(new float[] { 4f, 0.25f });

        optimizer.zero_grad();
        using (var combined = uw.Combine(losses, Context(MakeTasks(2))))
        {
            combined.backward();
        }

        optimizer.step();

        float[] s = uw.LogVariances.data<float>().ToArray();
        Assert.Equal(-0.220256, s[0], 5);
        Assert.Equal(-0.529391, s[1], 5);
    }

    [Fact]
    public void ZeroLossWeightIsBoundedAndWarned()
    {
        var tasks = MakeTasks(2);
        var uw = new UncertaintyWeighting(2);
        var logger = new RecordingLogger();
        var diagnostics = new RunDiagnostics();
        using var optimizer = torch.optim.SGD(uw.Parameters, 1.0);
        using var losses = torch.tensor(new float[] { 4, 0 });

        for (int step = 0; step < 40; step++)
        {
            optimizer.zero_grad();
            using var combined = uw.Combine(losses, Context(tasks, step, logger: logger, diagnostics: diagnostics));
            combined.backward();
            optimizer.step();
        }

        var (_, weights) = Evaluate(uw, new[] { 4.0, 0.0 }, Context(tasks, logger: logger, diagnostics: diagnostics));
        Assert.Equal(0.5 * Math.Exp(10), weights[1], 1e-3 * Math.Exp(10));
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("task1"));
        Assert.True(diagnostics.Counts["uw_log_variance_at_bound"] > 0);
    }

    [Fact]
    public void ParametersAreLearnable()
    {
        var uw = new UncertaintyWeighting(3);

        var parameter = Assert.Single(uw.Parameters);
        Assert.True(parameter.requires_grad);
        Assert.Equal(new long[] { 3 }, parameter.shape);
    }

    [Fact]
    public void RejectsInitialBelowBound()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new UncertaintyWeighting(2, initialLogVariance: -11));
        Assert.Equal("initialLogVariance", error.ParamName);
    }

    internal static void SetValues(torch.Tensor parameter, double[] values)
    {
        using (torch.no_grad())
        {
            using var source = torch.tensor(values.Select(v => (float)v).ToArray());
            parameter.copy_(source);
        }
    }
}
