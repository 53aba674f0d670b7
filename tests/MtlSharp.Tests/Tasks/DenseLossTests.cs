using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Tests.Tasks;

public sealed class DenseLossTests
{
    [Fact]
    public void DepthLossAveragesValidPixels()
    {
        using var target = torch.tensor(new float[] { 2, 4, 0, 5 }).reshape(1, 1, 1, 4);
        using var output = torch.tensor(new float[] { 3, 4, 7, -5 }).reshape(1, 1, 1, 4);

        using var loss = DepthTask.Loss(output, target);

        Assert.Equal(11.0 / 3, loss.item<float>(), 5);
    }

    [Fact]
    public void NormalLossIsOneMinusMeanCosine()
    {
        var (output, target) = NormalMetricsTests.FivePixels();

        using var loss = NormalTask.Loss(output, target);

        double meanCosine = (1 + 0 + Math.Cos(Math.PI / 4) + Math.Cos(20 * Math.PI / 180)) / 4;
        Assert.Equal(1 - meanCosine, loss.item<float>(), 5);
        output.Dispose();
        target.Dispose();
    }

    [Fact]
    public void SegmentationLossMatchesCrossEntropy()
    {
        var generator = new torch.Generator(3);
        using var logits = torch.randn(new long[] { 2, 4, 3, 3 }, generator: generator);
        using var target = torch.randint(-1, 4, new long[] { 2, 3, 3 }, generator: generator);

        using var loss = SegmentationTask.Loss(logits, target);
        using var expected = torch.nn.functional.cross_entropy(logits, target, ignore_index: -1);

        Assert.Equal(expected.item<float>(), loss.item<float>(), 5);
    }

    [Fact]
    public void AllIgnoredGivesFiniteZeroLosses()
    {
        using var logits = torch.randn(new long[] { 1, 3, 2, 2 }, requires_grad: true);
        using var labels = torch.full(new long[] { 1, 2, 2 }, -1L);
        using var depth = torch.randn(new long[] { 1, 1, 2, 2 }, requires_grad: true);
        using var normals = torch.randn(new long[] { 1, 3, 2, 2 }, requires_grad: true);

        using var segmentationLoss = SegmentationTask.Loss(logits, labels);
        using var depthLoss = DepthTask.Loss(depth, torch.zeros(1, 1, 2, 2));
        using var normalLoss = NormalTask.Loss(normals, torch.zeros(1, 3, 2, 2));
        using var total = segmentationLoss + depthLoss + normalLoss - 1;
        total.backward();

        Assert.Equal(0f, segmentationLoss.item<float>());
        Assert.Equal(0f, depthLoss.item<float>());
        Assert.Equal(1f, normalLoss.item<float>());
        Assert.False(logits.grad!.isnan().any().item<bool>());
        Assert.False(normals.grad!.isnan().any().item<bool>());
    }

    [Fact]
    public void TaskDirectionsAndKpis()
    {
        TaskSpec segmentation = SegmentationTask.Create("segmentation", 11);
        TaskSpec depth = DepthTask.Create("depth");
        TaskSpec normal = NormalTask.Create("normal");

        Assert.Equal(("mIoU", MetricDirection.HigherIsBetter), (segmentation.Kpi, segmentation.KpiDirection));
        Assert.Equal(("δ<1.25", MetricDirection.HigherIsBetter), (depth.Kpi, depth.KpiDirection));
        Assert.Equal(("<11.25", MetricDirection.HigherIsBetter), (normal.Kpi, normal.KpiDirection));
        Assert.Equal(MetricDirection.LowerIsBetter, depth.Metrics.Single(m => m.Name == "AbsErr").Direction);
        Assert.Equal(MetricDirection.LowerIsBetter, depth.Metrics.Single(m => m.Name == "RelErr").Direction);
        Assert.Equal(MetricDirection.LowerIsBetter, normal.Metrics.Single(m => m.Name == "Mean").Direction);
        Assert.Equal(MetricDirection.LowerIsBetter, normal.Metrics.Single(m => m.Name == "Median").Direction);
        Assert.Equal(MetricDirection.HigherIsBetter, segmentation.Metrics.Single(m => m.Name == "PixAcc").Direction);
    }

    [Fact]
    public void IgnoreIndexInsideClassesRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationTask.Create("segmentation", 11, ignoreIndex: 3));
    }
}
