using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Tests.Tasks;

public sealed class NormalMetricsTests
{
    // Five pixels [1, 3, 1, 5]: angle errors 0°, 90°, 45°, 20°, and one ignored pixel (zero target).
    internal static (torch.Tensor Output, torch.Tensor Target) FivePixels()
    {
        double c = Math.Cos(20 * Math.PI / 180);
        double s = Math.Sin(20 * Math.PI / 180);
        var target = new float[,] { { 0, 1, 1, 0, 0 }, { 0, 0, 0, 1, 0 }, { 1, 0, 0, 0, 0 } };
        var output = new float[,] { { 0, 0, 1, 0, 1 }, { 0, 1, 1, (float)c, 0 }, { 2, 0, 0, (float)s, 0 } };
        return (torch.tensor(output).reshape(1, 3, 1, 5), torch.tensor(target).reshape(1, 3, 1, 5));
    }

    [Fact]
    public void HandComputedWithIgnoredPixel()
    {
        var (output, target) = FivePixels();
        var metrics = new NormalMetrics();

        metrics.Update(output, target);
        var values = metrics.Compute();

        Assert.Equal((0 + 90 + 45 + 20) / 4.0, values["Mean"], 4);
        Assert.Equal((20 + 45) / 2.0, values["Median"], tolerance: NormalMetrics.BinWidth);
        Assert.Equal(0.25, values["<11.25"], 12);
        Assert.Equal(0.5, values["<22.5"], 12);
        Assert.Equal(0.5, values["<30"], 12);
        output.Dispose();
        target.Dispose();
    }

    [Fact]
    public void MedianOfOddCountIsMiddleValue()
    {
        var (output, target) = FivePixels();
        var metrics = new NormalMetrics();

        // Only the first three pixels: errors 0°, 90°, 45°.
        metrics.Update(output[.., .., .., ..3], target[.., .., .., ..3]);

        Assert.Equal(45, metrics.Compute()["Median"], tolerance: NormalMetrics.BinWidth);
        output.Dispose();
        target.Dispose();
    }

    [Fact]
    public void SmallAngleResolvedInFloat64()
    {
        // 0.05° between two float32 vectors: acos in float32 would lose most of it.
        double angle = 0.05 * Math.PI / 180;
        using var target = torch.tensor(new float[] { 0, 0, 1 }).reshape(1, 3, 1, 1);
        using var output = torch.tensor(new float[] { (float)Math.Sin(angle), 0, (float)Math.Cos(angle) }).reshape(1, 3, 1, 1);
        var metrics = new NormalMetrics();

        metrics.Update(output, target);

        Assert.Equal(0.05, metrics.Compute()["Mean"], 3);
    }

    [Fact]
    public void ZeroPredictionIsNinetyDegrees()
    {
        using var target = torch.tensor(new float[] { 0, 0, 1 }).reshape(1, 3, 1, 1);
        using var output = torch.zeros(1, 3, 1, 1);
        var metrics = new NormalMetrics();

        metrics.Update(output, target);

        Assert.Equal(90, metrics.Compute()["Mean"], 6);
    }

    [Fact]
    public void WrongChannelCountRejected()
    {
        using var target = torch.ones(1, 2, 2, 2);
        using var output = torch.ones(1, 2, 2, 2);

        Assert.Throws<ArgumentException>(() => new NormalMetrics().Update(output, target));
    }
}
