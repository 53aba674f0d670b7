using MtlSharp.Balancing;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class ImtlLTests
{
    [Fact]
    public void OptimalScaleGivesInverseLossWeights()
    {
        double[] losses = { 4, 0.25, 1.5 };
        var imtl = new ImtlL(3);
        UncertaintyWeightingTests.SetValues(imtl.LogScales, losses.Select(l => -Math.Log(l)).ToArray());

        var (_, weights) = Evaluate(imtl, losses, Context(MakeTasks(3)));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1 / losses[i], weights[i], 5);
        }
    }

    [Fact]
    public void SgdStepReachesParameters()
    {
        // ∂/∂s_i = exp(s_i) L_i - 1 = [3, -0.75] at s = 0, so one SGD step with lr 0.1 gives [-0.3, 0.075].
        var imtl = new ImtlL(2);
        using var optimizer = torch.optim.SGD(imtl.Parameters, 0.1);
        using var losses = torch.tensor(new float[] { 4f, 0.25f });

        optimizer.zero_grad();
        using (var combined = imtl.Combine(losses, Context(MakeTasks(2))))
        {
            combined.backward();
        }

        optimizer.step();

        float[] s = imtl.LogScales.data<float>().ToArray();
        Assert.Equal(-0.3, s[0], 5);
        Assert.Equal(0.075, s[1], 5);
    }

    [Fact]
    public void ZeroLossWeightIsBounded()
    {
        var tasks = MakeTasks(2);
        var imtl = new ImtlL(2);
        var diagnostics = new MtlSharp.Training.RunDiagnostics();
        using var optimizer = torch.optim.SGD(imtl.Parameters, 1.0);
        using var losses = torch.tensor(new float[] { 4, 0 });

        for (int step = 0; step < 15; step++)
        {
            optimizer.zero_grad();
            using var combined = imtl.Combine(losses, Context(tasks, step, diagnostics: diagnostics));
            combined.backward();
            optimizer.step();
        }

        var (_, weights) = Evaluate(imtl, new[] { 4.0, 0.0 }, Context(tasks, diagnostics: diagnostics));
        Assert.Equal(Math.Exp(10), weights[1], 1e-3 * Math.Exp(10));
        Assert.True(diagnostics.Counts["imtl_l_log_scale_at_bound"] > 0);
    }
}
