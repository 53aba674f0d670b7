using MtlSharp.Balancing;
using MtlSharp.Training;

namespace MtlSharp.Tests.Training;

public sealed class MethodOptionsTests
{
    private static readonly MethodDefinition Definition = new(
        "toy",
        MethodFamily.LossBalancing,
        "A method that only exists in tests.",
        "None.",
        new[]
        {
            MethodOption.Real("alpha", 1.5, "Strength.", minimum: 0, maximum: 3),
            MethodOption.Integer("window", 2, "Epochs of history.", minimum: 1),
            MethodOption.Choice("norm", "l2", "Gradient normalization.", "l2", "loss", "none"),
        },
        (_, _) => new EqualWeighting(),
        Array.Empty<GradientMode>());

    [Fact]
    public void FillsDefaults()
    {
        MethodOptions options = MethodOptions.Resolve(Definition, new Dictionary<string, string>());

        Assert.Equal(1.5, options.GetReal("alpha"));
        Assert.Equal(2, options.GetInteger("window"));
        Assert.Equal("l2", options.GetChoice("norm"));
        Assert.Equal(3, options.Values.Count);
    }

    [Fact]
    public void ParsesGivenValues()
    {
        var given = new Dictionary<string, string> { ["ALPHA"] = "0.25", ["window"] = "5", ["norm"] = "LOSS" };

        MethodOptions options = MethodOptions.Resolve(Definition, given);

        Assert.Equal(0.25, options.GetReal("alpha"));
        Assert.Equal(5, options.GetInteger("window"));
        Assert.Equal("loss", options.GetChoice("norm"));
    }

    [Fact]
    public void UnknownOptionListsValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(Definition, new Dictionary<string, string> { ["beta"] = "1" }));

        Assert.Contains("'beta'", error.Message);
        Assert.Contains("'toy'", error.Message);
        Assert.Contains("alpha, window, norm", error.Message);
    }

    [Fact]
    public void UnknownOptionOfOptionlessMethod()
    {
        MethodDefinition ew = MethodRegistry.Get("ew");

        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(ew, new Dictionary<string, string> { ["alpha"] = "1" }));

        Assert.Contains("it has no options", error.Message);
    }

    [Theory]
    [InlineData("alpha", "3.5", "outside [0, 3]")]
    [InlineData("alpha", "-0.1", "outside [0, 3]")]
    [InlineData("window", "0", "outside [1, inf]")]
    public void RejectsOutOfRange(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(Definition, new Dictionary<string, string> { [name] = value }));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("alpha", "abc", "expected a finite number")]
    [InlineData("alpha", "NaN", "expected a finite number")]
    [InlineData("alpha", "1,5", "expected a finite number")]
    [InlineData("window", "2.5", "expected a whole number")]
    public void RejectsBadNumber(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(Definition, new Dictionary<string, string> { [name] = value }));

        Assert.Contains($"'{value}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void RejectsUnknownChoice()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(Definition, new Dictionary<string, string> { ["norm"] = "l1" }));

        Assert.Contains("'l1'", error.Message);
        Assert.Contains("l2, loss, none", error.Message);
    }

    [Fact]
    public void UnknownMethodListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodRegistry.Get("equal"));

        Assert.Contains("'equal'", error.Message);
        Assert.Contains("ew", error.Message);
        Assert.Contains("stl", error.Message);
    }

    [Fact]
    public void RegistryFindsMethodIgnoringCase()
    {
        Assert.Equal("ew", MethodRegistry.Get("EW").Name);
    }
}
