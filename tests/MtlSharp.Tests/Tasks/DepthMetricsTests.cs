using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Tests.Tasks;

public sealed class DepthMetricsTests
{
    [Fact]
    public void HandComputedWithIgnoredPixel()
    {
        // The third pixel has depth 0 and is ignored. Errors 1, 0, 10 on depths 2, 4, 5.
        using var target = torch.tensor(new float[] { 2, 4, 0, 5 }).reshape(1, 1, 1, 4);
        using var output = torch.tensor(new float[] { 3, 4, 7, -5 }).reshape(1, 1, 1, 4);
        var metrics = new DepthMetrics();

        metrics.Update(output, target);
        var values = metrics.Compute();

        Assert.Equal(11.0 / 3, values["AbsErr"], 6);
        Assert.Equal((0.5 + 0 + 2) / 3, values["RelErr"], 6);
        // 3/2 = 1.5 fails, 4/4 passes, and -5 fails although max(-5/5, 5/-5) = -1 < 1.25.
        Assert.Equal(1.0 / 3, values["δ<1.25"], 12);
    }

    [Fact]
    public void RatioBelowThresholdCounts()
    {
        using var target = torch.tensor(new float[] { 4, 4, 4 }).reshape(1, 3);
        using var output = torch.tensor(new float[] { 4.9f, 3.3f, 5.1f }).reshape(1, 3);
        var metrics = new DepthMetrics();

        metrics.Update(output, target);

        // 4.9/4 = 1.225 and 4/3.3 = 1.212 pass; 5.1/4 = 1.275 fails.
        Assert.Equal(2.0 / 3, metrics.Compute()["δ<1.25"], 12);
    }

    [Fact]
    public void MeansWeightPixelsNotBatches()
    {
        var metrics = new DepthMetrics();
        using var firstTarget = torch.tensor(new float[] { 1 }).reshape(1, 1);
        using var firstOutput = torch.tensor(new float[] { 2 }).reshape(1, 1);
        using var secondTarget = torch.tensor(new float[] { 1, 1, 1 }).reshape(1, 3);
        using var secondOutput = torch.tensor(new float[] { 1, 1, 1 }).reshape(1, 3);

        metrics.Update(firstOutput, firstTarget);
        metrics.Update(secondOutput, secondTarget);

        Assert.Equal(0.25, metrics.Compute()["AbsErr"], 12);
    }

    [Fact]
    public void NoValidPixelGivesNaN()
    {
        using var target = torch.zeros(1, 1, 2, 2);
        using var output = torch.ones(1, 1, 2, 2);
        var metrics = new DepthMetrics();

        metrics.Update(output, target);

        Assert.True(double.IsNaN(metrics.Compute()["AbsErr"]));
    }

    [Fact]
    public void ShapeMismatchRejected()
    {
        using var target = torch.ones(2, 1, 4, 4);
        using var output = torch.ones(2, 4, 4);

        Assert.Throws<ArgumentException>(() => new DepthMetrics().Update(output, target));
    }
}
