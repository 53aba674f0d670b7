using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Aggregation;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Tests.Aggregation;

public sealed class AggregatorCatalogTests
{
    [Fact]
    public void ListsEveryMethod()
    {
        string[] expected = { "mgda", "pcgrad", "cagrad", "graddrop", "gradvac", "imtl-g", "imtl", "nash-mtl", "aligned-mtl", "upgrad", "fairgrad", "db-mtl", "gradnorm" };

        Assert.Equal(expected, AggregatorCatalog.Definitions.Select(d => d.Name));
        Assert.All(AggregatorCatalog.Definitions, d => Assert.Equal(MethodFamily.GradientAggregation, d.Family));
    }

    [Fact]
    public void DefaultsCreateAggregators()
    {
        var tasks = new[] { ClassificationTask.Create("left"), ClassificationTask.Create("right") };
        var environment = new MethodEnvironment(tasks, null, 1, NullLogger.Instance);

        foreach (MethodDefinition definition in AggregatorCatalog.Definitions)
        {
            var options = MethodOptions.Resolve(definition, new Dictionary<string, string>());
            Assert.IsAssignableFrom<IGradientAggregator>(definition.Create(options, environment));
            Assert.NotEmpty(definition.Modes);
        }
    }

    [Fact]
    public void OptionsReachConstructors()
    {
        var tasks = new[] { ClassificationTask.Create("left"), ClassificationTask.Create("right") };
        var environment = new MethodEnvironment(tasks, null, 1, NullLogger.Instance);
        MethodDefinition mgda = MethodRegistry.Get("mgda");

        var options = MethodOptions.Resolve(mgda, new Dictionary<string, string> { ["normalization"] = "none", ["iterations"] = "1", ["on-failure"] = "stop" });
        var method = (IGradientAggregator)mgda.Create(options, environment);
        using var jacobian = TorchSharp.torch.tensor(new float[] { 1, 0, 0, 1, -1, -1 }, new long[] { 3, 2 });
        var three = new StepContext(0, 0, new[] { tasks[0], tasks[1], ClassificationTask.Create("third") }, new TorchSharp.torch.Generator(1), NullLogger.Instance, new RunDiagnostics());

        Assert.Throws<SolverFailedException>(() => method.Aggregate(jacobian, TorchSharp.torch.ones(3), three));
    }

    [Fact]
    public void ModesMatchDefinitions()
    {
        Assert.Equal(new[] { GradientMode.Representation }, MethodRegistry.Get("graddrop").Modes);
        Assert.Equal(new[] { GradientMode.Parameters }, MethodRegistry.Get("db-mtl").Modes);
        Assert.Contains(GradientMode.Representation, MethodRegistry.Get("mgda").Modes);
    }

    [Fact]
    public void InvalidOptionIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodOptions.Resolve(MethodRegistry.Get("mgda"), new Dictionary<string, string> { ["normalization"] = "l3" }));

        Assert.Contains("loss+", error.Message);
    }
}
