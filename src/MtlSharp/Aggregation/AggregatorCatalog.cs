using MtlSharp.Training;

namespace MtlSharp.Aggregation;

/// <summary>Registry entries of the gradient aggregators.</summary>
public static class AggregatorCatalog
{
    /// <summary>Every gradient aggregator, in the order `mtl methods` lists them.</summary>
    public static IReadOnlyList<MethodDefinition> Definitions { get; } = Array.Empty<MethodDefinition>();
}
