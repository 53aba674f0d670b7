using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Tests.Tasks;

public sealed class SegmentationMetricsTests
{
    // Logits [1, C, H, W] whose arg-max is `predicted` [H, W].
    private static torch.Tensor Logits(long[,] predicted, int classCount)
    {
        using var labels = torch.tensor(predicted).unsqueeze(0);
        using var oneHot = torch.nn.functional.one_hot(labels, classCount);
        return oneHot.permute(0, 3, 1, 2).to_type(torch.float32);
    }

    [Fact]
    public void HandComputedWithIgnoredPixel()
    {
        // Pixels (true -> predicted): 0->0, 0->1, 1->1, 1->1, 2->2, and one ignored pixel.
        // IoU: class 0 = 1/2, class 1 = 2/3, class 2 = 1; PixAcc = 4/5.
        using var target = torch.tensor(new long[,] { { 0, 0, 1 }, { 1, 2, -1 } }).unsqueeze(0);
        using var output = Logits(new long[,] { { 0, 1, 1 }, { 1, 2, 0 } }, 3);
        var metrics = new SegmentationMetrics(3);

        metrics.Update(output, target);
        var values = metrics.Compute();

        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, values["mIoU"], 12);
        Assert.Equal(0.8, values["PixAcc"], 12);
    }

    [Fact]
    public void AbsentClassLeftOutOfMean()
    {
        // Class 3 occurs in neither targets nor predictions, so mIoU averages classes 0..2 only.
        using var target = torch.tensor(new long[,] { { 0, 1, 2 } }).unsqueeze(0);
        using var output = Logits(new long[,] { { 0, 1, 1 } }, 4);
        var metrics = new SegmentationMetrics(4);

        metrics.Update(output, target);

        Assert.Equal((1 + 0.5 + 0) / 3, metrics.Compute()["mIoU"], 12);
    }

    [Fact]
    public void BatchSplitGivesSameValues()
    {
        var generator = new torch.Generator(7);
        using var target = torch.randint(0, 5, new long[] { 6, 4, 4 }, generator: generator);
        using var output = torch.randn(new long[] { 6, 5, 4, 4 }, generator: generator);
        var whole = new SegmentationMetrics(5);
        var split = new SegmentationMetrics(5);

        whole.Update(output, target);
        split.Update(output[..2], target[..2]);
        split.Update(output[2..], target[2..]);

        Assert.Equal(whole.Compute()["mIoU"], split.Compute()["mIoU"], 12);
        Assert.Equal(whole.Compute()["PixAcc"], split.Compute()["PixAcc"], 12);
    }

    [Fact]
    public void LabelOutsideClassesRejected()
    {
        using var target = torch.tensor(new long[,] { { 0, 3 } }).unsqueeze(0);
        using var output = Logits(new long[,] { { 0, 0 } }, 3);
        var metrics = new SegmentationMetrics(3);

        var error = Assert.Throws<ArgumentException>(() => metrics.Update(output, target));
        Assert.Contains("label 3", error.Message);
    }

    [Fact]
    public void IgnoreIndex255Supported()
    {
        using var target = torch.tensor(new long[,] { { 0, 255 } }).unsqueeze(0);
        using var output = Logits(new long[,] { { 0, 1 } }, 2);
        var metrics = new SegmentationMetrics(2, ignoreIndex: 255);

        metrics.Update(output, target);

        Assert.Equal(1.0, metrics.Compute()["PixAcc"], 12);
        Assert.Equal(1.0, metrics.Compute()["mIoU"], 12);
    }
}
