using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Balancing;
using MtlSharp.Training;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class BalancerCatalogTests
{
    public static TheoryData<string> Names => new(BalancerCatalog.Definitions.Select(d => d.Name));

    [Theory]
    [InlineData("ew", typeof(EqualWeighting))]
    [InlineData("gem", typeof(GeM))]
    [InlineData("gls", typeof(GeM))]
    [InlineData("uw", typeof(UncertaintyWeighting))]
    [InlineData("dwa", typeof(Dwa))]
    [InlineData("rlw", typeof(RandomLossWeighting))]
    [InlineData("imtl-l", typeof(ImtlL))]
    [InlineData("lsb", typeof(LossScaleBalancing))]
    [InlineData("amtl", typeof(Amtl))]
    [InlineData("wgem", typeof(WGeM))]
    [InlineData("stch", typeof(Stch))]
    [InlineData("famo", typeof(Famo))]
    public void CreatesMethodWithDefaults(string name, Type expected)
    {
        var method = Create(name, new Dictionary<string, string>());

        Assert.IsType(expected, method);
    }

    [Fact]
    public void GlsIsGeometricGeM()
    {
        var gls = Assert.IsType<GeM>(Create("gls", new Dictionary<string, string>()));

        Assert.Equal(0, gls.P);
    }

    [Fact]
    public void WGeMDefaultIsArithmetic()
    {
        var wgem = Assert.IsType<WGeM>(Create("wgem", new Dictionary<string, string>()));

        Assert.Equal(1, wgem.P);
    }

    [Fact]
    public void OptionsReachConstructors()
    {
        var gem = Assert.IsType<GeM>(Create("gem", new Dictionary<string, string> { ["p"] = "-1" }));
        var stch = Assert.IsType<Stch>(Create("stch", new Dictionary<string, string> { ["mu"] = "0.5", ["warmup"] = "2" }));
        var wgem = Assert.IsType<WGeM>(Create("wgem", new Dictionary<string, string> { ["p"] = "0.25" }));

        Assert.Equal(-1, gem.P);
        Assert.Equal(0.5, stch.Mu);
        Assert.Equal(2, stch.WarmupEpochs);
        Assert.Equal(0.25, wgem.P);
    }

    [Fact]
    public void InvalidChoiceListsAllowedValues()
    {
        var definition = MethodRegistry.Get("amtl");

        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(definition, new Dictionary<string, string> { ["form"] = "harmonic" }));
        Assert.Contains("geometric, arithmetic", error.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DefinitionIsComplete(string name)
    {
        var definition = MethodRegistry.Get(name);

        Assert.Equal(MethodFamily.LossBalancing, definition.Family);
        Assert.False(string.IsNullOrWhiteSpace(definition.Summary));
        Assert.False(string.IsNullOrWhiteSpace(definition.Paper));
        Assert.Equal(name is "amtl" or "wgem", definition.NeedsBaselines);
    }

    private static MtlSharp.Training.IMultiTaskMethod Create(string name, IReadOnlyDictionary<string, string> given)
    {
        var tasks = MakeTasks(2);
        var definition = MethodRegistry.Get(name);
        var environment = new MethodEnvironment(tasks, Baselines(tasks, 0.8, 0.7), 0, NullLogger.Instance);
        return definition.Create(MethodOptions.Resolve(definition, given), environment);
    }
}
