using MtlSharp.Balancing;
using MtlSharp.Training;

namespace MtlSharp.Tests.Training;

public sealed class GradientEngineModeTests
{
    [Fact]
    public void UnsupportedModeIsRejected()
    {
        MethodDefinition method = Aggregator("graddrop-like", GradientMode.Representation);

        var error = Assert.Throws<ArgumentException>(() => GradientModeSupport.EnsureSupported(method, GradientMode.Parameters));

        Assert.Contains("'graddrop-like'", error.Message);
        Assert.Contains("'parameters'", error.Message);
        Assert.Contains("supported: representation", error.Message);
    }

    [Fact]
    public void SupportedModeIsAccepted()
    {
        MethodDefinition method = Aggregator("both", GradientMode.Parameters, GradientMode.Representation);

        GradientModeSupport.EnsureSupported(method, GradientMode.Parameters);
        GradientModeSupport.EnsureSupported(method, GradientMode.Representation);
    }

    [Fact]
    public void AggregatorWithoutModesIsRejected()
    {
        MethodDefinition method = Aggregator("none");

        var error = Assert.Throws<ArgumentException>(() => GradientModeSupport.EnsureSupported(method, GradientMode.Parameters));

        Assert.Contains("declares no gradient mode", error.Message);
    }

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void LossBalancerIgnoresMode(GradientMode mode)
    {
        MethodDefinition equalWeighting = MethodRegistry.Get("ew");

        GradientModeSupport.EnsureSupported(equalWeighting, mode);
        GradientModeSupport.EnsureSupported(SingleTaskLearning.Definition, mode);
    }

    private static MethodDefinition Aggregator(string name, params GradientMode[] modes) => new(
        name,
        MethodFamily.GradientAggregation,
        "Test aggregator.",
        "None.",
        Array.Empty<MethodOption>(),
        (_, _) => new EqualWeighting(),
        modes);
}
