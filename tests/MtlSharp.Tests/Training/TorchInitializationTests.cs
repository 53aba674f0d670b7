using TorchSharp;

namespace MtlSharp.Tests.Training;

public sealed class TorchInitializationTests
{
    [Fact]
    public void TorchInitializesAndComputes()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        using var b = torch.tensor(new float[] { 4, 5, 6 });
        using var dot = a.dot(b);

        Assert.Equal(32f, dot.item<float>());
    }

    [Fact]
    public void AutogradComputesGradient()
    {
        using var x = torch.tensor(new float[] { 3 }, requires_grad: true);
        using var y = x.pow(2).sum();
        y.backward();

        Assert.Equal(6f, x.grad!.item<float>());
    }
}
